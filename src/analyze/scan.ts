// The scan engine: walk a tree, count every file on all cores, and sum the facts into the
// serializable ScanResult that every reporter renders. Returns data; prints nothing.
import { SLOTS, STATUS } from '../extract/batch.js';
import { loadLanguageData, type VendoredComponent } from '../extract/languages.js';
import { countFiles } from '../extract/pool.js';
import { emptyWalk, walkSteps } from '../source/fs-tree.js';
import { addCounts, byPath, compareText, emptyCounts, type Counts, type FileFacts, type LanguageCounts, type ScanResult } from '../core/types.js';

export interface ScanOptions {
  /** Worker threads; default: one per core. */
  jobs?: number;
  /** Files larger than this are skipped and counted. */
  maxFileSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

export async function scanTree(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const walk = emptyWalk();
  const pool = await countFiles(
    walk.files,
    { jobs: options.jobs, maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, onProgress: options.onProgress },
    walkSteps(root, walk),
  );
  const vendored = loadLanguageData().vendored;
  const files: FileFacts[] = walk.files.map((f, i) => {
    const at = i * SLOTS;
    const lang = pool.counts[at]!;
    return {
      path: f.path,
      language: lang < 0 ? null : pool.languageNames[lang]!,
      status: STATUS[pool.counts[at + 1]!]!,
      code: pool.counts[at + 2]!,
      comment: pool.counts[at + 3]!,
      blank: pool.counts[at + 4]!,
      bytes: pool.sizes[i]!,
      vendored: vendoredComponent(f.path, vendored),
    };
  });
  files.sort(byPath);
  const result = summarize(files, vendored);
  result.skipped.symlinks = walk.symlinks;
  result.skipped.special = walk.special;
  result.warnings.push(...walk.warnings);
  for (const [i, message] of pool.errors) result.warnings.push({ path: walk.files[i]!.path, message });
  result.warnings.sort(byPath);
  return result;
}

export function vendoredComponent(path: string, components: VendoredComponent[]): string | null {
  for (const c of components) if (path.startsWith(c.path)) return c.name;
  return null;
}

/** Sums per-file facts into the totals of a ScanResult (warnings and walk counts left empty). */
export function summarize(files: FileFacts[], components: VendoredComponent[]): ScanResult {
  const byLanguage = new Map<string, Counts>();
  const vendoredByLanguage = new Map<string, Counts>();
  const byComponent = new Map<string, Map<string, Counts>>();
  const unrecognisedByExtension = new Map<string, { files: number; bytes: number }>();
  const result: ScanResult = {
    languages: [],
    total: emptyCounts(),
    vendored: { languages: [], total: emptyCounts(), components: [] },
    unrecognised: { files: 0, bytes: 0, extensions: [] },
    skipped: { binary: { files: 0, bytes: 0 }, tooLarge: { files: 0, bytes: 0 }, unreadable: { files: 0, bytes: 0 }, symlinks: 0, special: 0 },
    warnings: [],
    files,
  };
  for (const f of files) {
    if (f.status === 'counted' && f.language) {
      addCounts(getOrCreate(byLanguage, f.language, emptyCounts), f);
      addCounts(result.total, f);
      if (f.vendored) {
        addCounts(getOrCreate(vendoredByLanguage, f.language, emptyCounts), f);
        addCounts(result.vendored.total, f);
        addCounts(getOrCreate(getOrCreate(byComponent, f.vendored, () => new Map()), f.language, emptyCounts), f);
      }
    } else if (f.status === 'unrecognised') {
      result.unrecognised.files++;
      result.unrecognised.bytes += f.bytes;
      const e = getOrCreate(unrecognisedByExtension, extensionOf(f.path), () => ({ files: 0, bytes: 0 }));
      e.files++;
      e.bytes += f.bytes;
    } else if (f.status !== 'counted') {
      result.skipped[f.status].files++;
      result.skipped[f.status].bytes += f.bytes;
    }
  }
  result.languages = languageRows(byLanguage);
  result.vendored.languages = languageRows(vendoredByLanguage);
  result.vendored.components = components
    .filter((c) => byComponent.has(c.name))
    .map((c) => {
      const languages = languageRows(byComponent.get(c.name)!);
      return { name: c.name, path: c.path, languages, total: sumRows(languages) };
    });
  result.unrecognised.extensions = [...unrecognisedByExtension]
    .map(([extension, v]) => ({ extension, ...v }))
    .sort((a, b) => b.files - a.files || compareText(a.extension, b.extension));
  return result;
}

/** Language rows, most code first (ties by name), so output is deterministic. */
export function languageRows(map: Map<string, Counts>): LanguageCounts[] {
  return [...map]
    .map(([language, c]) => ({ language, ...c }))
    .sort((a, b) => b.code - a.code || compareText(a.language, b.language));
}

export function sumRows(rows: Counts[]): Counts {
  const total = emptyCounts();
  for (const r of rows) {
    total.files += r.files;
    total.code += r.code;
    total.comment += r.comment;
    total.blank += r.blank;
    total.bytes += r.bytes;
  }
  return total;
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '(none)';
}

export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}
