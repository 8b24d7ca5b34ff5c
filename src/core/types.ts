// Result types shared by the engine, the reporters and the JSON output. The JSON shape of
// `scan` is documented in docs/JSON.md; keep the two in step.

export interface Counts {
  files: number;
  code: number;
  comment: number;
  blank: number;
  bytes: number;
}

export interface LanguageCounts extends Counts {
  language: string;
}

/** Why a file was not counted as a language. */
export type FileStatus = 'counted' | 'unrecognised' | 'binary' | 'tooLarge' | 'unreadable';

/** What the extractor learnt about one file. */
export interface FileFacts {
  /** POSIX path relative to the tree root. */
  path: string;
  language: string | null;
  status: FileStatus;
  code: number;
  comment: number;
  blank: number;
  bytes: number;
  /** Name of the vendored component (data/languages.json) the file belongs to, or null. */
  vendored: string | null;
}

export interface FilesAndBytes {
  files: number;
  bytes: number;
}

export interface SkippedCounts {
  binary: FilesAndBytes;
  tooLarge: FilesAndBytes;
  unreadable: FilesAndBytes;
  /** Symbolic links are never followed, so that nothing outside the tree is counted and loops cannot hang the walk. */
  symlinks: number;
  /** FIFOs, sockets, devices. */
  special: number;
  /** Submodule entries of a git tree: another repository's commit, not content. */
  submodules: number;
}

export interface VendoredComponentCounts {
  name: string;
  path: string;
  languages: LanguageCounts[];
  total: Counts;
}

export interface ScanWarning {
  path: string;
  message: string;
}

export interface ScanResult {
  languages: LanguageCounts[];
  total: Counts;
  vendored: {
    languages: LanguageCounts[];
    total: Counts;
    components: VendoredComponentCounts[];
  };
  unrecognised: FilesAndBytes & { extensions: { extension: string; files: number; bytes: number }[] };
  skipped: SkippedCounts;
  warnings: ScanWarning[];
  /** Per-file facts, sorted by path; the input of every rollup. */
  files: FileFacts[];
  /** For a git revision: which one. */
  revision?: { name: string; commit: string; date: string };
  /** For a directory: how its files were listed (git's view of a work tree, or a walk applying .gitignore files, or everything), and how many ignored files (or directories, in a walk) were left out. */
  listing?: { by: 'git' | 'walk' | 'all'; ignored: number };
  /** Files whose bytes were read (the rest came from the store). Not part of the JSON output. */
  reads?: number;
}

export function emptyCounts(): Counts {
  return { files: 0, code: 0, comment: 0, blank: 0, bytes: 0 };
}

export function addCounts(into: Counts, f: Omit<Counts, 'files'>): void {
  into.files++;
  into.code += f.code;
  into.comment += f.comment;
  into.blank += f.blank;
  into.bytes += f.bytes;
}

/** Code-unit order, not locale order: the same on every machine, as deterministic output needs. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byPath(a: { path: string }, b: { path: string }): number {
  return compareText(a.path, b.path);
}
