// `history`: the same scan over a list of revisions, oldest first, reduced to per-revision totals
// (and per-directory rows), plus the adoption map: where Rust code first appears.
import { compareText, type Counts, type LanguageCounts, type ScanResult } from '../../core/types.js';
import { lineExtractorVersion } from '../../extract/file-facts.js';
import { rustExtractorVersion } from '../../extract/rust/facts.js';
import { FerrometerError } from '../../core/errors.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../core/sizes.js';
import { matchTags, resolveRevision, type GitRepo, type Revision } from '../../source/git.js';
import { byDirectory, rustCodeOf, rustPercent, type DirectoryRow } from './rollup.js';
import { forecastSeries, type SeriesForecast } from './forecast.js';
import { measureRevision, needsRust, seriesOf, type Measure, type RevisionMeasures, type Series } from './measures.js';
import { readRustTree } from '../rust/rust-tree.js';
import { scanRevision, type ScanOptions } from './scan.js';
import { loadMaintainers, type TreeMaintainers } from '../../kernel/maintainers.js';
import { openKernelTree } from '../../source/kernel-tree.js';

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
  /** With --measures beyond lines. */
  measures?: RevisionMeasures;
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
  /** The measures computed per revision (lines always). */
  measures: Measure[];
  revisions: RevisionRow[];
  adoption: AdoptionRow[];
  /** With the rust measure: each Rust driver (directory outside rust/) and the first revision of the list that has it. */
  drivers?: { dir: string; revision: string; date: string }[];
  /** Every numeric measure as a series over the revisions, with each release's change. */
  series: Series[];
  /** With --forecast. */
  forecast?: HistoryForecast;
  /** Measures that could not be computed for a revision, said once each (no MAINTAINERS…). */
  warnings: string[];
}

export interface HistoryForecast {
  at: string;
  /** Own Rust code lines, own Rust share, sections with Rust; empty with fewer than four revisions. */
  series: SeriesForecast[];
  /** Why a series has no forecast (too few revisions with a value above zero). */
  notes: string[];
}

/** The series the forecast projects, and a ceiling where the series has one. */
const FORECAST_SERIES: { key: string; label: string; maxCeiling?: number; value: (r: RevisionRow) => number | null }[] = [
  { key: 'rust.ownCode', label: 'own Rust code lines', value: (r) => r.rust.ownCode },
  { key: 'rust.ownShare', label: 'own Rust share of C + Rust, %', maxCeiling: 100, value: (r) => r.rust.ownShare },
  { key: 'rust.sections', label: 'MAINTAINERS sections holding own Rust', value: (r) => r.measures?.rust?.sections ?? null },
];

/** The forecast at a date (YYYY-MM-DD) of the series that have at least four revisions with a value. */
export function forecastHistory(rows: RevisionRow[], at: string): HistoryForecast {
  const series: SeriesForecast[] = [];
  const notes: string[] = [];
  for (const f of FORECAST_SERIES) {
    const points = rows.map((r) => ({ revision: r.revision, date: r.date, value: f.value(r) }));
    const result = forecastSeries({ key: f.key, label: f.label, maxCeiling: f.maxCeiling, points }, at);
    if (result) series.push(result);
    else
      notes.push(
        `${f.label}: a forecast needs four revisions with a value above zero; ${points.filter((p) => (p.value ?? 0) > 0).length} of ${rows.length} have one`,
      );
  }
  return { at, series, notes };
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
  /** Measures per revision (default: lines only). */
  measures?: Measure[];
  /** Project the trend to this date (YYYY-MM-DD). */
  forecastAt?: string;
  onRevision?: (revision: Revision, index: number, count: number) => void;
}

export const ADOPTION_DEPTH = 2;

/** Bumped when what a measure means changes: stored measures of older versions are not used. */
const MEASURES_VERSION = 1;

/**
 * The measures of one commit: from the store when they were worked out before for the same
 * measures and extractors (a commit's tree never changes), else from its Rust, read as unsafe and
 * bindings read it (facts keyed by blob: a file unchanged since an earlier release is not parsed
 * again), and its MAINTAINERS. `missing` says why the MAINTAINERS measures are absent.
 */
async function measureCommit(
  repo: GitRepo,
  rev: Revision,
  measures: Measure[],
  scan: ScanResult,
  options: HistoryOptions,
): Promise<{ measures: RevisionMeasures; missing?: string }> {
  // The size limit is in the key: a file over it is left out of the measures.
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const kind = `history-measures/${MEASURES_VERSION} ${measures.join(',')} ${rustExtractorVersion()} ${lineExtractorVersion()} ${limit}`;
  const stored = options.store?.commitDocument<{ measures: RevisionMeasures; missing?: string }>(kind, rev.commit);
  if (stored) return stored;
  const rust = await readRustTree(repo.path, rev.commit, { store: options.store, jobs: options.jobs, maxFileSize: options.maxFileSize });
  let m: TreeMaintainers | undefined;
  let missing: string | undefined;
  // Only the rust and maintainers measures read MAINTAINERS.
  if (measures.includes('maintainers') || measures.includes('rust')) {
    try {
      m = loadMaintainers(openKernelTree(repo.path, rev.commit));
    } catch (e) {
      if (!(e instanceof FerrometerError)) throw e;
      missing = e.message;
    }
  }
  const result = { measures: measureRevision(measures, scan, rust, m), ...(missing ? { missing } : {}) };
  options.store?.saveCommitDocument(kind, rev.commit, result);
  return result;
}

export async function history(repo: GitRepo, revisions: Revision[], options: HistoryOptions = {}): Promise<HistoryResult> {
  const depth = options.dirDepth ?? ADOPTION_DEPTH;
  const measures = options.measures ?? ['lines'];
  const warnings: string[] = [];
  const drivers = new Map<string, { dir: string; revision: string; date: string }>();
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
    let measured: RevisionMeasures | undefined;
    if (needsRust(measures)) {
      const computed = await measureCommit(repo, rev, measures, r, options);
      measured = computed.measures;
      if (computed.missing) warnings.push(`${rev.name}: ${computed.missing}: the MAINTAINERS measures are missing for it`);
      for (const dir of measured.rust?.drivers ?? [])
        if (!drivers.has(dir)) drivers.set(dir, { dir, revision: rev.name, date: r.revision!.date });
    }
    rows.push({
      revision: rev.name,
      commit: rev.commit,
      date: r.revision!.date,
      languages: r.languages,
      total: r.total,
      vendored: { languages: r.vendored.languages, total: r.vendored.total },
      rust: rustShare(r),
      ...(options.dirDepth !== undefined ? { dirs } : {}),
      ...(measured ? { measures: measured } : {}),
    });
  }
  const latestRust = new Map(latest.map((d) => [d.dir, rustCodeOf(d.languages)]));
  const adoption = [...firstRust.values()]
    .map((a) => ({ ...a, latestRustCode: latestRust.get(a.dir) ?? 0 }))
    .sort((a, b) => compareText(a.date, b.date) || compareText(a.dir, b.dir));
  return {
    depth,
    measures,
    revisions: rows,
    adoption,
    series: seriesOf(rows, measures),
    ...(options.forecastAt ? { forecast: forecastHistory(rows, options.forecastAt) } : {}),
    ...(measures.includes('rust') ? { drivers: [...drivers.values()] } : {}),
    warnings,
  };
}
