// The Rust of a tree, audited: every .rs file's facts, from the store when its blob was audited
// before, else parsed on worker threads and stored. Also the few other files the binding surface
// and the toolchain report read (helpers, bindings_helper.h, arch Kconfig, min-tool-version.sh).
import { posix } from 'node:path';
import { loadLanguageData } from '../../extract/languages.js';
import { extractAll } from '../../extract/rust/pool.js';
import { rustExtractorVersion, type RustFacts } from '../../extract/rust/facts.js';
import type { Revision } from '../../source/git.js';
import { selectFiles } from '../../source/selected-files.js';
import type { Store } from '../../store/store.js';
import { vendoredComponent } from '../code/scan.js';

export interface RustFile {
  path: string;
  blob: string;
  facts: RustFacts;
  /** The vendored crate the file belongs to (syn, quote…), or null for the kernel's own Rust. */
  vendored: string | null;
  /** Why the undocumented-unsafe rule does not apply here: generated, or opted out (itself or the file that include!s it). */
  exempt: 'generated' | 'opt-out' | null;
}

export interface RustTree {
  label: string;
  revision?: Revision;
  files: RustFile[];
  /** Other files read along (by path): the binding layer's C side, the toolchain's sources. */
  support: Map<string, string>;
  /** .rs files left out (larger than the size limit, or unreadable), and directories that could not be read. */
  skipped: { path: string; reason: 'tooLarge' | 'unreadable' | 'unreadable directory' }[];
  /** Facts found in the store, and facts parsed now. */
  cached: number;
  parsed: number;
}

export interface RustTreeOptions {
  store?: Store;
  jobs?: number;
  maxFileSize?: number;
  /** A directory: read ignored files too (--no-ignore). */
  noIgnore?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** More files to read along, besides the binding layer's and the toolchain's. */
  alsoRead?: (path: string) => boolean;
}

/** Files the binding surface and toolchain report read. */
export function isSupportFile(path: string): boolean {
  return (
    path === 'rust/bindings/bindings_helper.h' ||
    path === 'rust/helpers.c' ||
    (path.startsWith('rust/helpers/') && path.endsWith('.c')) ||
    path === 'scripts/min-tool-version.sh' ||
    /^arch\/[^/]+\/Kconfig$/.test(path)
  );
}

export async function readRustTree(path: string, rev: string | undefined, options: RustTreeOptions = {}): Promise<RustTree> {
  const also = options.alsoRead ?? (() => false);
  const selection = await selectFiles(
    path,
    rev,
    (p) => p.endsWith('.rs') || isSupportFile(p) || also(p),
    options.maxFileSize,
    options.noIgnore,
  );
  const rs = selection.files.filter((f) => f.path.endsWith('.rs'));
  const support = new Map(selection.files.filter((f) => !f.path.endsWith('.rs')).map((f) => [f.path, f.bytes.toString('utf8')]));

  const extractor = rustExtractorVersion();
  const known = options.store?.documents<RustFacts>(extractor) ?? new Map<string, RustFacts>();
  const missing = rs.filter((f) => !known.has(f.blob));
  const fresh = await extractAll(
    missing.map((f) => f.bytes),
    { jobs: options.jobs, onProgress: options.onProgress },
  );
  const parsed = new Map(missing.map((f, i) => [f.blob, fresh[i]!]));
  options.store?.addDocuments(
    extractor,
    missing.map((f, i) => [f.blob, fresh[i]!]),
  );

  const components = loadLanguageData().vendored;
  const files: RustFile[] = rs.map((f) => {
    const facts = known.get(f.blob) ?? parsed.get(f.blob)!;
    return {
      path: f.path,
      blob: f.blob,
      facts,
      vendored: vendoredComponent(f.path, components),
      exempt: facts.generated ? 'generated' : facts.optOut ? 'opt-out' : null,
    };
  });
  inheritOptOut(files);
  const skipped = [
    ...selection.tooLarge.filter((p) => p.endsWith('.rs')).map((p) => ({ path: p, reason: 'tooLarge' as const })),
    ...selection.unreadable.filter((p) => p.endsWith('.rs')).map((p) => ({ path: p, reason: 'unreadable' as const })),
    ...selection.unreadableDirectories.map((p) => ({ path: p, reason: 'unreadable directory' as const })),
  ];
  return {
    label: selection.label,
    revision: selection.revision,
    files,
    support,
    skipped,
    cached: rs.length - missing.length,
    parsed: missing.length,
  };
}

/** A file include!d by an opted-out file is compiled under its allow (nova-core's bindgen output). */
function inheritOptOut(files: RustFile[]): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pending = files.filter((f) => f.exempt === 'opt-out');
  while (pending.length) {
    const f = pending.pop()!;
    for (const inc of f.facts.includes) {
      const target = byPath.get(posix.normalize(posix.join(posix.dirname(f.path), inc)));
      if (target && target.exempt === null) {
        target.exempt = 'opt-out';
        pending.push(target);
      }
    }
  }
}
