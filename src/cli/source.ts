// The scan and the Rust read that the shared options (source-options.ts) lead to.
export { addSourceOptions, addStoreOptions, type SourceFlags, type StoreFlags } from './source-options.js';
import { readRustTree, type RustTree, type RustTreeOptions } from '../analyze/rust/rust-tree.js';
import { scanRevision, scanTree, type ScanOptions } from '../analyze/code/scan.js';
import type { ScanResult } from '../core/types.js';
import { openRepo, resolveRevision } from '../source/git.js';
import { Store } from '../store/store.js';
import { rustExtractorVersion } from '../extract/rust/facts.js';
import type { Provenance } from '../report/json.js';
import { provenance } from './provenance.js';
import type { SourceFlags, StoreFlags } from './source-options.js';
import { progressBar } from './progress.js';
import { printWarnings } from './warnings.js';

/** Runs fn with the store the flags ask for (or none), closing it afterwards. */
export async function withStore<T>(flags: StoreFlags, fn: (store: Store | undefined) => Promise<T>): Promise<T> {
  const store = flags.store ? Store.open(flags.db, { onProblem: (m) => process.stderr.write(`warning: ${m}\n`) }) : undefined;
  try {
    return await fn(store);
  } finally {
    store?.close();
  }
}

export function scanOptions(flags: SourceFlags, store: Store | undefined, label: string): ScanOptions & { done(): void } {
  const progress = progressBar(label);
  return {
    jobs: flags.jobs,
    maxFileSize: flags.maxFileSize,
    store,
    noIgnore: flags.ignore === false,
    onProgress: progress.update,
    done: progress.stop,
  };
}

/** Scans TREE, or revision `rev` of the repository at TREE. */
export async function scanSource(
  tree: string,
  rev: string | undefined,
  flags: SourceFlags,
  store: Store | undefined,
  keepFiles = true,
): Promise<ScanResult> {
  const options = { ...scanOptions(flags, store, rev ? `scan ${rev}` : 'scan'), keepFiles };
  try {
    if (rev === undefined) return await scanTree(tree, options);
    const repo = openRepo(tree, 'give the top of a git clone (bare or not), or drop --rev to scan the directory');
    return await scanRevision(repo, resolveRevision(repo, rev), options);
  } finally {
    options.done();
  }
}

/** The Rust of TREE (or of revision `rev`), audited, with the store the flags ask for. */
export async function readRustSource(
  tree: string,
  rev: string | undefined,
  flags: SourceFlags,
  alsoRead?: RustTreeOptions['alsoRead'],
): Promise<RustTree> {
  const progress = progressBar('rust');
  let rust: RustTree;
  try {
    rust = await withStore(flags, (store) =>
      readRustTree(tree, rev, {
        store,
        jobs: flags.jobs,
        maxFileSize: flags.maxFileSize,
        noIgnore: flags.ignore === false,
        onProgress: progress.update,
        alsoRead,
      }),
    );
  } finally {
    progress.stop();
  }
  // What could not be read is said on stderr by every command that reads the Rust, as scan says it.
  printWarnings(rust.skipped.filter((s) => s.reason !== 'tooLarge').map((s) => ({ path: s.path, message: `${s.reason}: left out` })));
  return rust;
}

/** For commands that read a tree's Rust: the audit's extractor version and the tree or revision read. */
export function rustProvenance(path: string, rust: { revision?: { name: string; commit: string } }): Provenance {
  return provenance({ rust: rustExtractorVersion() }, path, rust.revision && [rust.revision]);
}
