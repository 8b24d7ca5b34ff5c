// Rollups of per-file facts: by directory prefix and by file. Pure functions over ScanResult.
import { addCounts, compareText, emptyCounts, type Counts, type FileFacts, type LanguageCounts } from '../../core/types.js';
import { getOrCreate } from '../../core/maps.js';

export type Grouping = { kind: 'language' } | { kind: 'dir'; depth: number } | { kind: 'file' };

export interface DirectoryRow {
  /** The first `depth` components of the directory part of a path; "." for files at the root. */
  dir: string;
  total: Counts;
  languages: LanguageCounts[];
}

/** `drivers/gpu/drm/x.c` at depth 2 → `drivers/gpu`; a file shallower than depth keeps its own directory. */
export function directoryPrefix(path: string, depth: number): string {
  const last = path.lastIndexOf('/');
  if (last === -1) return '.';
  let end = -1;
  for (let d = 0; d < depth; d++) {
    end = path.indexOf('/', end + 1);
    if (end === -1 || end >= last) return path.slice(0, last);
  }
  return path.slice(0, end);
}

export function byDirectory(files: FileFacts[], depth: number): DirectoryRow[] {
  const dirs = new Map<string, { total: Counts; languages: Map<string, Counts> }>();
  for (const f of files) {
    if (f.status !== 'counted' || !f.language) continue;
    const d = getOrCreate(dirs, directoryPrefix(f.path, depth), () => ({ total: emptyCounts(), languages: new Map() }));
    addCounts(d.total, f);
    addCounts(getOrCreate(d.languages, f.language, emptyCounts), f);
  }
  return [...dirs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dir, d]) => ({ dir, total: d.total, languages: languageRows(d.languages) }));
}

export function countedFiles(files: FileFacts[]): FileFacts[] {
  return files.filter((f) => f.status === 'counted');
}

export function parseGrouping(text: string): Grouping | undefined {
  if (text === 'language' || text === 'lang') return { kind: 'language' };
  if (text === 'file') return { kind: 'file' };
  const m = /^dir(?::(\d+))?$/.exec(text);
  if (m) {
    const depth = m[1] === undefined ? 1 : Number(m[1]);
    return depth >= 1 ? { kind: 'dir', depth } : undefined;
  }
  return undefined;
}

export function codeOf(languages: { language: string; code: number }[], name: string): number {
  return languages.find((l) => l.language === name)?.code ?? 0;
}

/** Rust code as a share of C + C Header + Rust code, in percent with two decimals (0 when there is none). */
export function rustPercent(languages: { language: string; code: number }[], rustCode = codeOf(languages, 'Rust')): number {
  const whole = codeOf(languages, 'C') + codeOf(languages, 'C Header') + rustCode;
  return whole === 0 ? 0 : Math.round((10000 * rustCode) / whole) / 100;
}

export function rustCodeOf(languages: { language: string; code: number }[]): number {
  return codeOf(languages, 'Rust');
}

/** Per-language counts as rows, most code first (then by name). */
export function languageRows(map: Map<string, Counts>): LanguageCounts[] {
  return [...map].map(([language, c]) => ({ language, ...c })).sort((a, b) => b.code - a.code || compareText(a.language, b.language));
}
