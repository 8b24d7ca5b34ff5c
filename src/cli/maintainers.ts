// `ferrometer maintainers TREE -f FILE…` (get_maintainer.pl's answer), `--rust` (who keeps the Rust
// code) and `maintainers diff A B` (who came, who left).
import { writeResult } from './output.js';
import { provenance } from './provenance.js';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FerrometerError } from '../core/errors.js';
import { getMaintainer } from '../kernel/get-maintainer.js';
import { loadMaintainers, readMaintainers, type ParseCache } from '../kernel/maintainers.js';
import { rustCodeFiles, rustMaintainers } from '../analyze/people/maintainers-rust.js';
import {
  renderGetMaintainer,
  renderMaintainersDiff,
  renderRustMaintainers,
  type GetMaintainerOutput,
  type MaintainersFormat,
} from '../report/maintainers.js';
import { answerPatchFiles } from './patches.js';
import { touchedCNames } from '../kernel/patch.js';
import { diffMaintainers, type MaintainersSnapshot } from '../analyze/people/maintainers-diff.js';
import type { Mailmap } from '../kernel/mailmap.js';
import { openRepo } from '../source/git.js';
import { diskTree, openKernelTree, revisionTree, type KernelTree } from '../source/kernel-tree.js';
import { printMaintainersWarnings } from './warnings.js';
import { addSourceOptions, type SourceFlags, type StoreFlags } from './source-options.js';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCheckedAny, writeChecked } from '../store/checked-file.cjs';
import { checksum } from '../store/checksum.cjs';
import { cacheDirectory } from '../store/location.cjs';

interface MaintainersFlags extends SourceFlags {
  file?: string[];
  /** The script's output options (--norolestats, --no-l, --separator…). */
  rolestats: boolean;
  norolestats?: boolean;
  roles?: boolean;
  l: boolean;
  r: boolean;
  m: boolean;
  nol?: boolean;
  nor?: boolean;
  nom?: boolean;
  separator?: string;
  multiline: boolean;
  subsystem?: boolean;
  status?: boolean;
  fixes: boolean;
  nofixes?: boolean;
  rustUsers?: boolean;
  rust?: boolean;
  rev?: string;
  keywordsInFile?: boolean;
  format: MaintainersFormat;
}

const FORMATS: MaintainersFormat[] = ['table', 'json', 'md', 'csv'];

function parseMaintainersFormat(v: string): MaintainersFormat {
  if (v === 'text') return 'table';
  if ((FORMATS as string[]).includes(v)) return v as MaintainersFormat;
  throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
}

/** A path as get_maintainer.pl takes it: relative to the tree, "./" and doubled slashes dropped. */
export function treePath(path: string, isDirectory: (p: string) => boolean): string {
  let p = path
    .replace(/\/{2,}/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/\.(?=\/|$)/g, '');
  if (p.startsWith('/')) throw new FerrometerError('EBAD_OPTION', `give -f paths relative to the tree: ${path}`);
  if (isDirectory(p) && !p.endsWith('/')) p += '/';
  return p;
}

interface DiffFlags {
  revs?: string;
  includeRc: boolean;
  format: MaintainersFormat;
}

/** A MAINTAINERS file (with CREDITS) of a tree on disk, or of a revision of a repository. */
function snapshot(tree: KernelTree): MaintainersSnapshot & { mailmap: Mailmap } {
  const { file, mailmap } = readMaintainers(tree);
  return { label: tree.revision?.name ?? tree.label, file, credits: tree.read('CREDITS'), mailmap };
}

function registerDiff(maintainers: Command): void {
  maintainers
    .command('diff')
    .description('sections added, removed, renamed; maintainers and reviewers who came and left; status changes; new CREDITS')
    .argument('<a>', 'a kernel tree, or a git repository')
    .argument('[b]', 'a second tree, or (with a repository) the older revision')
    .argument('[c]', 'with a repository: the newer revision')
    .option('--revs <list>', "with a repository: revisions, comma-separated or tag globs ('v6.*'), diffed in turn (a timeline)")
    .option('--include-rc', 'let globs match release candidates too', false)
    .option('--format <format>', 'table | json | md | csv', parseMaintainersFormat, 'table' as MaintainersFormat)
    .action(async (a: string, b: string | undefined, c: string | undefined, flags: DiffFlags) => {
      let trees: KernelTree[];
      if (flags.revs) {
        const { selectRevisions } = await import('../analyze/code/history.js');
        const revisions = selectRevisions(openRepo(a), flags.revs, flags.includeRc);
        trees = revisions.map((r) => revisionTree(a, r.name));
      } else if (b !== undefined && c !== undefined) trees = [revisionTree(a, b), revisionTree(a, c)];
      else if (b !== undefined) trees = [diskTree(a), diskTree(b)];
      else throw new FerrometerError('EBAD_OPTION', 'give two trees, a repository and two revisions, or a repository and --revs');
      if (trees.length < 2) throw new FerrometerError('EBAD_OPTION', `--revs matched ${trees.length} revision; a diff needs two`);
      const snapshots = trees.map(snapshot);
      const newest = snapshots[snapshots.length - 1]!.mailmap;
      const steps = snapshots.slice(1).map((s, i) => diffMaintainers(snapshots[i]!, s, newest));
      writeResult(
        renderMaintainersDiff(
          steps,
          flags.format,
          provenance(
            {},
            a,
            trees.flatMap((t) => (t.revision ? [t.revision] : [])),
          ),
        ),
        flags.format,
      );
    });
}

/** The script's own spellings (--norolestats, --nol…) folded into the flags they stand for, once. */
function foldScriptSpellings(flags: MaintainersFlags): void {
  flags.rolestats &&= !flags.norolestats;
  flags.l &&= !flags.nol;
  flags.m &&= !flags.nom;
  flags.r &&= !flags.nor;
  flags.fixes &&= !flags.nofixes;
}

/** The script's output options. */
function outputOptions(flags: MaintainersFlags): GetMaintainerOutput {
  const separator = flags.separator ?? ', ';
  return {
    roles: flags.rolestats || flags.roles === true,
    // As the script: any separator but ", " puts everything on one line.
    multiline: flags.multiline && separator === ', ',
    separator,
    lists: flags.l,
    m: flags.m,
    r: flags.r,
    subsystem: flags.subsystem === true,
    status: flags.status === true,
  };
}

export function registerMaintainers(program: Command): void {
  const maintainers: Command = program
    .command('maintainers')
    // The subcommand `diff` has its own --format: options after it are its own.
    .enablePositionalOptions()
    .description(
      'who maintains what, from MAINTAINERS: get_maintainer.pl answers for patches or files (-f), the Rust code (--rust), changes between releases (diff)',
    )
    .argument('<tree>', 'a kernel tree, or a git repository with --rev')
    .argument('[patches...]', "patches to answer for, as get_maintainer.pl PATCH… does ('-': stdin)")
    .option('-f, --file <paths...>', 'files or directories (relative to the tree) to answer for, as get_maintainer.pl --no-git -f does')
    .option('--rev <revision>', 'read MAINTAINERS and the tree at this revision of the git repository at <tree>')
    .option('--keywords-in-file', "also match K: patterns against the files' contents (default: as the tree's own get_maintainer.pl)")
    .option('--no-keywords-in-file', 'never match K: patterns against contents')
    .option('--rust', 'every section that covers Rust code: people, status, Rust files and lines; gaps in review')
    .option('--no-rolestats', "as get_maintainer.pl's --norolestats: no (role) after each address")
    .option('--roles', 'show roles even with --norolestats')
    .option('--no-l', 'leave out mailing lists')
    .option('--no-r', 'leave out reviewers (R:)')
    .option('--no-m', 'leave out maintainers (M:)')
    .option('--separator <text>', 'one line, addresses joined by this (default: one per line)')
    .option('--no-multiline', "one line, joined by ', '")
    .option('--subsystem', 'also print the names of the sections that matched')
    .option('--status', 'also print their S: status')
    .option('--no-fixes', "don't add the signers of the commits a patch's Fixes: lines name (a git repository only)")
    .option(
      '--rust-users',
      'with patches: also the maintainers and reviewers of the Rust that uses the C names the patches change (rust-user:SECTION)',
    )
    // The script's own spellings, for --cc-cmd lines written for it.
    .addOption(new Option('--norolestats').hideHelp())
    .addOption(new Option('--nol').hideHelp())
    .addOption(new Option('--nor').hideHelp())
    .addOption(new Option('--nom').hideHelp())
    .addOption(new Option('--nofixes').hideHelp())
    .option(
      '--format <format>',
      "table | json | md | csv (with -f: the script's text, or json)",
      parseMaintainersFormat,
      'table' as MaintainersFormat,
    );
  addSourceOptions(maintainers).action(async (treeArg: string, patches: string[], flags: MaintainersFlags) => {
    const tree = openKernelTree(treeArg, flags.rev);
    const m = loadMaintainers(tree, parseCache(treeArg, flags));
    printMaintainersWarnings(m);
    if (flags.rust) {
      // The Rust as unsafe reads it (same files, same vendored crates, same store), so the totals agree.
      // Loaded here: answering for a patch or a file needs none of it.
      const [{ readRustSource }, { lineExtractorVersion }, { rustExtractorVersion }] = await Promise.all([
        import('./source.js'),
        import('../extract/file-facts.js'),
        import('../extract/rust/facts.js'),
      ]);
      const rust = await readRustSource(treeArg, flags.rev, flags);
      writeResult(
        renderRustMaintainers(
          rustMaintainers(m, rustCodeFiles(rust)),
          flags.format,
          provenance({ lines: lineExtractorVersion(), rust: rustExtractorVersion() }, treeArg, tree.revision && [tree.revision]),
        ),
        flags.format,
      );
      return;
    }
    foldScriptSpellings(flags);
    const output = outputOptions(flags);
    const choice = { maintainers: output.m, reviewers: output.r };
    if (patches.length) {
      if (flags.file?.length) throw new FerrometerError('EBAD_OPTION', 'give patches or -f FILE…, not both');
      const { answer, patches: read } = answerPatchFiles(tree, m, patches, {
        ...choice,
        fixes: flags.fixes,
        rolestats: flags.rolestats,
        label: treeArg,
      });
      if (flags.rustUsers) {
        // Loaded only when asked: the Rust audit and its store.
        const [{ readRustSource }, { rustUsers }] = await Promise.all([import('./source.js'), import('../analyze/rust/rust-users.js')]);
        const names = new Set(read.flatMap((p) => [...touchedCNames(p)]));
        const users = rustUsers(m, await readRustSource(treeArg, flags.rev, flags), names);
        const known = new Set(answer.recipients.map((r) => r.address.toLowerCase()));
        answer.recipients.push(...users.recipients.filter((r) => !known.has(r.address.toLowerCase())));
        answer.rustUsers = users.hits;
      }
      writeResult(
        renderGetMaintainer(answer, m.file, flags.format, provenance({}, treeArg, tree.revision && [tree.revision]), output),
        flags.format,
      );
      return;
    }
    if (flags.rustUsers) throw new FerrometerError('EBAD_OPTION', '--rust-users answers for patches: give PATCH… (or - for stdin)');
    if (!flags.file?.length) throw new FerrometerError('EBAD_OPTION', 'say what to answer for: PATCH…, -f FILE…, or --rust');
    const paths = flags.file.map((f) => {
      const p = treePath(f, tree.isDirectory);
      if (!p.endsWith('/') && tree.read(p) === undefined)
        throw new FerrometerError('ENOTFOUND_PATH', `file '${f}' not found in ${tree.label}`);
      return p;
    });
    const answer = getMaintainer(m.index, m.mailmap, paths, {
      keywordsInFile: flags.keywordsInFile,
      readFile: (p) => tree.read(p),
      ...choice,
    });
    writeResult(
      renderGetMaintainer(answer, m.file, flags.format, provenance({}, treeArg, tree.revision && [tree.revision]), output),
      flags.format,
    );
  });
  registerDiff(maintainers);
}

/** Parses kept at most, one per tree: a write past it removes the least recently written. */
export const KEPT_PARSES = 32;

/**
 * MAINTAINERS' parse kept between runs in ferrometer's cache directory, one file per tree (the
 * newest parse), as a checked file: what is read back is what was written for this very text.
 * --no-store keeps nothing. The directory never holds more than KEPT_PARSES: a user runs it on a few
 * trees, but a script that makes a tree per run would otherwise fill it without end.
 */
function parseCache(tree: string, flags: StoreFlags): ParseCache | undefined {
  if (!flags.store) return undefined;
  const dir = join(cacheDirectory(), 'maintainers');
  const path = join(dir, `${checksum(resolve(tree)).toString('hex')}.bin`);
  return {
    read: (keys) => readCheckedAny(path, keys),
    write: (key, bytes) => {
      writeChecked(path, key, bytes);
      keepNewest(dir, KEPT_PARSES);
    },
  };
}

/** Removes all but the n most recently written files of a cache directory; says nothing when it cannot. */
function keepNewest(dir: string, n: number): void {
  try {
    const files = readdirSync(dir)
      .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.at - a.at);
    for (const f of files.slice(n)) rmSync(f.path, { force: true });
  } catch {
    // another run may be pruning too: the next write tries again
  }
}
