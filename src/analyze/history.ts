// `history`: the same scan over a list of revisions, oldest first, reduced to per-revision totals
// (and per-directory rows), plus the adoption map: where Rust code first appears.
import { compareText, type Counts, type LanguageCounts, type ScanResult } from '../core/types.js';
import { FerrometerError } from '../core/errors.js';
import { matchTags, resolveRevision, type GitRepo, type Revision } from '../source/git.js';
import { byDirectory, rustCodeOf, rustPercent, type DirectoryRow } from './rollup.js';
import { scanRevision, type ScanOptions } from './scan.js';

export interface RustShare {
  /** Rust code lines, vendored crates included. */
  code: number;
  /** Rust code lines the kernel wrote: vendored crates left out. */
  ownCode: number;
  /** Rust code as a share of C + C Header + Rust code, in percent. */
  share: number;
  /** Own Rust code as a share of C + C Header + own Rust code, in percent. */
  ownShare: number;
}

export interface RevisionRow {
  revision: string;
  commit: string;
  date: string;
  languages: LanguageCounts[];
  total: Counts;
  vendored: { languages: LanguageCounts[]; total: Counts };
  rust: RustShare;
  /** With --by dir only. */
  dirs?: DirectoryRow[];
}

export interface AdoptionRow {
  dir: string;
  /** The first revision of the list with Rust code under dir. */
  revision: string;
  date: string;
  rustCode: number;
  /** Rust code under dir in the last revision of the list. */
  latestRustCode: number;
}

export interface HistoryResult {
  /** Directory depth of `dirs` and of the adoption map. */
  depth: number;
  revisions: RevisionRow[];
  adoption: AdoptionRow[];
}

/**
 * Revisions from a comma-separated list whose items may be globs over tag names (`v6.*`); a glob
 * leaves out release candidates unless includeRc. Ordered by commit date (then name), duplicates dropped.
 */
export function selectRevisions(repo: GitRepo, spec: string, includeRc: boolean): Revision[] {
  const names: string[] = [];
  const items = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length)
    throw new FerrometerError('EBAD_OPTION', `--revs names no revision: "${spec}"`, "e.g. --revs v6.1,v6.12 or --revs 'v6.*'");
  for (const item of items) {
    if (/[*?]/.test(item)) {
      const tags = matchTags(repo, item, includeRc);
      if (!tags.length) {
        throw new FerrometerError(
          'ENO_MATCHING_TAGS',
          `no tag matches ${item}${includeRc ? '' : ' (release candidates left out)'}`,
          'list tags with `git tag -l`, or add --include-rc',
        );
      }
      names.push(...tags);
    } else names.push(item);
  }
  const seen = new Set<string>();
  return names
    .map((n) => resolveRevision(repo, n))
    .filter((r) => !seen.has(r.name) && seen.add(r.name))
    .sort((a, b) => a.date - b.date || compareText(a.name, b.name));
}

export function rustShare(r: Pick<ScanResult, 'languages' | 'vendored'>): RustShare {
  const code = rustCodeOf(r.languages);
  const ownCode = code - rustCodeOf(r.vendored.languages);
  return { code, ownCode, share: rustPercent(r.languages), ownShare: rustPercent(r.languages, ownCode) };
}

export interface HistoryOptions extends ScanOptions {
  /** Per-directory rows at this depth (`--by dir:DEPTH`). */
  dirDepth?: number;
  onRevision?: (revision: Revision, index: number, count: number) => void;
}

export const ADOPTION_DEPTH = 2;

export async function history(repo: GitRepo, revisions: Revision[], options: HistoryOptions = {}): Promise<HistoryResult> {
  const depth = options.dirDepth ?? ADOPTION_DEPTH;
  const rows: RevisionRow[] = [];
  const firstRust = new Map<string, AdoptionRow>();
  let latest: DirectoryRow[] = [];
  for (const [i, rev] of revisions.entries()) {
    options.onRevision?.(rev, i, revisions.length);
    const r = await scanRevision(repo, rev, options);
    const dirs = byDirectory(r.files, depth);
    for (const d of dirs) {
      const rust = rustCodeOf(d.languages);
      if (rust > 0 && !firstRust.has(d.dir))
        firstRust.set(d.dir, { dir: d.dir, revision: rev.name, date: r.revision!.date, rustCode: rust, latestRustCode: 0 });
    }
    latest = dirs;
    rows.push({
      revision: rev.name,
      commit: rev.commit,
      date: r.revision!.date,
      languages: r.languages,
      total: r.total,
      vendored: { languages: r.vendored.languages, total: r.vendored.total },
      rust: rustShare(r),
      ...(options.dirDepth !== undefined ? { dirs } : {}),
    });
  }
  const latestRust = new Map(latest.map((d) => [d.dir, rustCodeOf(d.languages)]));
  const adoption = [...firstRust.values()]
    .map((a) => ({ ...a, latestRustCode: latestRust.get(a.dir) ?? 0 }))
    .sort((a, b) => compareText(a.date, b.date) || compareText(a.dir, b.dir));
  return { depth, revisions: rows, adoption };
}
