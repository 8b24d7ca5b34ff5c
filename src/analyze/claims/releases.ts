// What the claims read of one kernel release: its lines by language, every measure `history
// --measures` computes, the people of the sections holding Rust, the own Rust files with their
// unsafe blocks, and the DRM driver directories. Read from a directory, or from a tag of a clone
// (then stored by commit: a release never changes, so a rerun reads one row).
import { FerrometerError } from '../../core/errors.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../core/sizes.js';
import { compareText, emptyCounts, type Counts, type LanguageCounts, type ScanResult } from '../../core/types.js';
import { compareVersions, makefileRelease, releaseOf } from '../../core/versions.js';
import { lineExtractorVersion } from '../../extract/file-facts.js';
import { rustExtractorVersion } from '../../extract/rust/facts.js';
import { loadMaintainers, type TreeMaintainers } from '../../kernel/maintainers.js';
import type { GitRepo, Revision } from '../../source/git.js';
import { openKernelTree } from '../../source/kernel-tree.js';
import type { Store } from '../../store/store.js';
import { MEASURES, measureRevision, type RevisionMeasures } from '../code/measures.js';
import { scanRevision, scanTree } from '../code/scan.js';
import { rustCodeFiles, rustMaintainers } from '../people/maintainers-rust.js';
import { readRustTree, type RustTree } from '../rust/rust-tree.js';

export interface SectionPeople {
  name: string;
  maintainers: { name: string; address: string }[];
  reviewers: { name: string; address: string }[];
}

export interface OwnRustFile {
  path: string;
  code: number;
  unsafeBlocks: number;
  /** Unsafe blocks with a SAFETY comment. */
  documentedBlocks: number;
}

export interface ReleaseFacts {
  /** The tag ("v6.14"), or the tree's directory. */
  name: string;
  /** MAJOR.MINOR from the top Makefile; null when it has none (not a kernel). */
  release: string | null;
  /** The tag's commit date (YYYY-MM-DD); null for a directory. */
  date: string | null;
  path: string;
  commit?: string;
  /** Counted as `scan` counts them: C (.c), C Header, Rust (vendored crates included), and the vendored crates' Rust. */
  lines: { c: Counts; cHeader: Counts; rust: Counts; vendoredRust: Counts };
  measures: RevisionMeasures;
  /** Whether MAINTAINERS could be read; when not, why. */
  maintainers: { found: true } | { found: false; reason: string };
  /** The sections covering own Rust files (catch-all aside), with their M: and R: people. */
  rustSections: SectionPeople[];
  ownRust: OwnRustFile[];
  /** Directories right under drivers/gpu/drm/ holding C or own Rust code, and their language (Rust if any). */
  drm: { dir: string; language: 'C' | 'Rust' }[];
}

export interface ReleaseReadOptions {
  store?: Store;
  jobs?: number;
  maxFileSize?: number;
  noIgnore?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Bump when ReleaseFacts or what a field means changes. */
const RELEASE_FACTS_VERSION = 2;

const languageRow = (rows: LanguageCounts[], language: string): Counts => {
  const row = rows.find((l) => l.language === language);
  return row ? { files: row.files, code: row.code, comment: row.comment, blank: row.blank, bytes: row.bytes } : emptyCounts();
};

/** Directories right under drivers/gpu/drm/ that hold code, with Rust when one of their own .rs files does. */
export function drmDriverDirectories(files: ScanResult['files']): ReleaseFacts['drm'] {
  const dirs = new Map<string, 'C' | 'Rust'>();
  for (const f of files) {
    const m = /^drivers\/gpu\/drm\/([^/]+)\//.exec(f.path);
    if (!m || f.status !== 'counted' || f.code === 0) continue;
    if (f.language === 'Rust' && f.vendored === null) dirs.set(m[1]!, 'Rust');
    else if ((f.language === 'C' || f.language === 'C Header') && !dirs.has(m[1]!)) dirs.set(m[1]!, 'C');
  }
  return [...dirs].map(([dir, language]) => ({ dir: `drivers/gpu/drm/${dir}`, language })).sort((a, b) => compareText(a.dir, b.dir));
}

/** The facts of one release from its scan, its audited Rust and its MAINTAINERS (undefined: reason). */
export function releaseFacts(
  where: { name: string; path: string; commit?: string; date: string | null; release: string | null },
  scan: ScanResult,
  rust: RustTree,
  m: TreeMaintainers | string,
): ReleaseFacts {
  const maintainers = typeof m === 'string' ? undefined : m;
  const own = rust.files.filter((f) => f.vendored === null);
  // MAINTAINERS quotes some names ("Björn Roy Baron"); the quotes are not part of the name.
  const people = (list: { name: string; address: string }[]) =>
    list.map((p) => ({ name: p.name.replace(/^"(.*)"$/, '$1'), address: p.address }));
  return {
    ...where,
    lines: {
      c: languageRow(scan.languages, 'C'),
      cHeader: languageRow(scan.languages, 'C Header'),
      rust: languageRow(scan.languages, 'Rust'),
      vendoredRust: languageRow(scan.vendored.languages, 'Rust'),
    },
    measures: measureRevision([...MEASURES], scan, rust, maintainers),
    maintainers: maintainers ? { found: true } : { found: false, reason: m as string },
    rustSections: maintainers
      ? rustMaintainers(maintainers, rustCodeFiles(rust)).sections.map((s) => ({
          name: s.name,
          maintainers: people(s.maintainers),
          reviewers: people(s.reviewers),
        }))
      : [],
    ownRust: own.map((f) => {
      const blocks = f.facts.sites.filter((s) => s.kind === 'block');
      return { path: f.path, code: f.facts.code, unsafeBlocks: blocks.length, documentedBlocks: blocks.filter((s) => s.documented).length };
    }),
    drm: drmDriverDirectories(scan.files),
  };
}

/** A tree's MAINTAINERS, or why it has none. */
export function maintainersOr(path: string, commit: string | undefined): TreeMaintainers | string {
  try {
    return loadMaintainers(openKernelTree(path, commit));
  } catch (e) {
    if (e instanceof FerrometerError) return e.message;
    throw e;
  }
}

/** What a release is read from: its scan, its audited Rust, its MAINTAINERS (or why it has none). */
export interface ReadRelease {
  scan: ScanResult;
  rust: RustTree;
  maintainers: TreeMaintainers | string;
}

/** A directory: a kernel tree as it is on disk (git's view of it when it is a work tree). `read`: already read. */
export async function readTreeRelease(path: string, options: ReleaseReadOptions, read?: ReadRelease): Promise<ReleaseFacts> {
  const r = read ?? {
    scan: await scanTree(path, options),
    rust: await readRustTree(path, undefined, options),
    maintainers: maintainersOr(path, undefined),
  };
  const release = makefileRelease(openKernelTree(path).read('Makefile'));
  return releaseFacts({ name: path, path, date: null, release }, r.scan, r.rust, r.maintainers);
}

/**
 * A tag (or any revision) of a clone, from the store when it was read before with the same
 * extractors; else from `read` when the caller has read it already, else read now.
 */
export async function readRevisionRelease(
  repo: GitRepo,
  rev: Revision,
  options: ReleaseReadOptions,
  read?: ReadRelease,
): Promise<ReleaseFacts> {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const kind = `claims-release/${RELEASE_FACTS_VERSION} ${lineExtractorVersion()} ${rustExtractorVersion()} ${limit}`;
  const stored = options.store?.commitDocument<ReleaseFacts>(kind, rev.commit);
  if (stored) return { ...stored, name: rev.name, path: repo.path };
  const r = read ?? {
    scan: await scanRevision(repo, rev, options),
    rust: await readRustTree(repo.path, rev.commit, options),
    maintainers: maintainersOr(repo.path, rev.commit),
  };
  // A tree without its top Makefile (a partial one) still names its release by its tag.
  const release = makefileRelease(openKernelTree(repo.path, rev.commit).read('Makefile')) ?? releaseOf(rev.name);
  const date = new Date(rev.date * 1000).toISOString().slice(0, 10);
  const facts = releaseFacts({ name: rev.name, path: repo.path, commit: rev.commit, date, release }, r.scan, r.rust, r.maintainers);
  options.store?.saveCommitDocument(kind, rev.commit, facts);
  return facts;
}

/** Oldest release first; a tree that names no release goes last, in the order given. */
export function byRelease(a: ReleaseFacts, b: ReleaseFacts): number {
  return a.release && b.release ? compareVersions(a.release, b.release) : a.release ? -1 : b.release ? 1 : 0;
}
