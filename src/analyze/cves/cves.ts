// Views of the kernel's CVEs: per year / month / day, by the language of the affected files, by
// subsystem, by memory-safety class, and the CVEs in Rust code. Pure: corpus and options in, data out.
import { compareText } from '../../core/types.js';
import { CLASS_RULES } from '../../extract/cve-classes.js';
import type { UnsafeSite } from '../../extract/rust/audit.js';
import { LanguageDetector, loadLanguageData } from '../../extract/languages.js';
import type { CveCorpus, DatedCve, Malformed } from './cve-corpus.js';
import { directoryPrefix } from '../code/rollup.js';
import { getOrCreate } from '../../core/maps.js';

/**
 * A CVE's language group, from the code among its files (C and C headers, Rust, assembly; build
 * files, Kconfig and documentation are left aside unless there is nothing else):
 * c: only C; rust: only Rust; mixed: Rust and another code language; asm: assembly, maybe with C;
 * other: no code file of those (device trees, scripts, Kconfig alone); none: no files named.
 */
export const LANGUAGE_GROUPS = ['c', 'rust', 'mixed', 'asm', 'other', 'none'] as const;
export type LanguageGroup = (typeof LANGUAGE_GROUPS)[number];

/** `--lang`: CVEs that touch a file of this language (rust: Rust only and mixed). */
export const LANGUAGE_FILTERS = ['c', 'rust', 'asm', 'other'] as const;
export type LanguageFilter = (typeof LANGUAGE_FILTERS)[number];

const CODE: Record<string, 'c' | 'rust' | 'asm'> = { C: 'c', 'C Header': 'c', Rust: 'rust', Assembly: 'asm' };

export const PERIODS = ['year', 'month', 'day'] as const;
export type Period = (typeof PERIODS)[number];
const PERIOD_LENGTH: Record<Period, number> = { year: 4, month: 7, day: 10 };
export const UNKNOWN_DATE = 'unknown';

export interface UnsafeInFile {
  path: string;
  /** False when the kernel tree given has no such file. */
  inTree: boolean;
  sites: UnsafeSite[];
}

export interface CveRow {
  id: string;
  /** YYYY-MM-DD (UTC) of the commit that first added the record, or null when unknown. */
  published: string | null;
  language: LanguageGroup;
  languages: string[];
  files: string[];
  title: string;
  classes: string[];
  sanitizers: string[];
  memorySafety: boolean;
  subsystems: string[];
  cvss?: number;
  fixes: string[];
  /** With a kernel tree: the unsafe sites of each Rust file the CVE names. */
  unsafe?: UnsafeInFile[];
}

export interface GroupCounts extends Record<LanguageGroup, number> {
  cves: number;
  memorySafety: number;
}

export interface ClassRow {
  class: string;
  /** Counted in memorySafety. */
  memory: boolean;
  counts: GroupCounts;
}

export interface SubsystemRow {
  subsystem: string;
  cves: number;
  rust: number;
  memorySafety: number;
}

export interface CveResult {
  source: CveCorpus['source'];
  /** Valid published records, rejected records, malformed ones (left out of every count). */
  published: number;
  rejected: number;
  malformed: Malformed[];
  /** Published records whose date the history does not give. */
  datesUnknown: number;
  filter: { lang?: LanguageFilter; on?: string };
  /** Rejected records that were first published in the --on period (all with a known date without --on). */
  rejectedSince: number;
  /** Records the filter keeps; every view below counts these. */
  selected: number;
  byLanguage: Record<LanguageGroup, number>;
  byYear: Record<string, GroupCounts>;
  byMonth: Record<string, GroupCounts>;
  byDay: Record<string, GroupCounts>;
  /** Per class, and the memory-safety total last: counts per language group (shares in the report). */
  classes: ClassRow[];
  subsystemSource: 'directories' | 'MAINTAINERS';
  subsystems: SubsystemRow[];
  /** Every selected CVE in Rust code (Rust only and mixed), newest first. */
  rust: CveRow[];
  /** Every selected CVE, newest first, when asked for. */
  cves?: CveRow[];
}

export interface CveViewOptions {
  lang?: LanguageFilter;
  /** YYYY, YYYY-MM or YYYY-MM-DD: CVEs published then. */
  on?: string;
  /** A path's subsystem: MAINTAINERS section, or (default) its first two directories. */
  subsystemOf?: (path: string) => string;
  /** A Rust file's unsafe sites in the kernel tree given, or undefined when it is not there. */
  unsafeSitesOf?: (path: string) => UnsafeSite[] | undefined;
  /** Put every selected CVE in `cves`. */
  list?: boolean;
}

/** The group of a CVE whose files have these languages (files of no known language count as other). */
export function languageGroup(languages: string[], files: number = languages.length): LanguageGroup {
  const code = new Set(languages.map((l) => CODE[l]).filter((c) => c !== undefined));
  if (code.has('rust')) return code.size > 1 ? 'mixed' : 'rust';
  if (code.has('asm')) return 'asm';
  if (code.has('c')) return 'c';
  return files ? 'other' : 'none';
}

function matchesLanguage(row: CveRow, lang: LanguageFilter): boolean {
  switch (lang) {
    case 'rust':
      return inRust(row.language);
    case 'asm':
      return row.languages.includes('Assembly');
    case 'c':
      return row.languages.includes('C') || row.languages.includes('C Header');
    case 'other':
      return row.language === 'other' || row.language === 'none';
  }
}

/** A CVE in Rust code: Rust only, or Rust with C or assembly. */
export function inRust(language: LanguageGroup): boolean {
  return language === 'rust' || language === 'mixed';
}

function perGroup(value: (g: LanguageGroup) => number): Record<LanguageGroup, number> {
  return Object.fromEntries(LANGUAGE_GROUPS.map((g) => [g, value(g)])) as Record<LanguageGroup, number>;
}

export function emptyGroupCounts(): GroupCounts {
  return { cves: 0, memorySafety: 0, ...perGroup(() => 0) };
}

function count(into: GroupCounts, row: CveRow): void {
  into.cves++;
  into[row.language]++;
  if (row.memorySafety) into.memorySafety++;
}

export function dayOf(seconds: number | undefined): string | null {
  return seconds === undefined ? null : new Date(seconds * 1000).toISOString().slice(0, 10);
}

export function analyzeCves(corpus: CveCorpus, options: CveViewOptions = {}): CveResult {
  const detector = new LanguageDetector(loadLanguageData());
  const subsystemOf = options.subsystemOf ?? ((p: string) => directoryPrefix(p, 2));
  const rows = corpus.cves.map((c) => toRow(c, detector, subsystemOf, options.unsafeSitesOf));
  const selected = rows
    .filter(
      (r) =>
        (options.lang === undefined || matchesLanguage(r, options.lang)) &&
        (options.on === undefined || (r.published ?? '').startsWith(options.on)),
    )
    .sort(newestFirst);

  const total = emptyGroupCounts();
  const periods = { year: new Map<string, GroupCounts>(), month: new Map<string, GroupCounts>(), day: new Map<string, GroupCounts>() };
  const classes = new Map<string, GroupCounts>([...CLASS_RULES.map((r) => r.name), 'memory-safety'].map((c) => [c, emptyGroupCounts()]));
  const subsystems = new Map<string, SubsystemRow>();
  for (const r of selected) {
    count(total, r);
    for (const [period, map] of Object.entries(periods) as [Period, Map<string, GroupCounts>][]) {
      count(getOrCreate(map, r.published?.slice(0, PERIOD_LENGTH[period]) ?? UNKNOWN_DATE, emptyGroupCounts), r);
    }
    for (const c of r.classes) count(classes.get(c)!, r);
    if (r.memorySafety) count(classes.get('memory-safety')!, r);
    for (const s of r.subsystems) {
      const row = getOrCreate(subsystems, s, () => ({ subsystem: s, cves: 0, rust: 0, memorySafety: 0 }));
      row.cves++;
      if (inRust(r.language)) row.rust++;
      if (r.memorySafety) row.memorySafety++;
    }
  }
  const memoryClass = new Set(CLASS_RULES.filter((r) => r.memory).map((r) => r.name));
  return {
    source: corpus.source,
    published: corpus.cves.length,
    rejected: corpus.rejected.length,
    malformed: corpus.malformed,
    datesUnknown: rows.filter((r) => r.published === null).length,
    filter: { ...(options.lang ? { lang: options.lang } : {}), ...(options.on ? { on: options.on } : {}) },
    rejectedSince: corpus.rejected.filter((r) => r.published !== undefined && dayOf(r.published)!.startsWith(options.on ?? '')).length,
    selected: selected.length,
    byLanguage: perGroup((g) => total[g]),
    byYear: sortedRecord(periods.year),
    byMonth: sortedRecord(periods.month),
    byDay: sortedRecord(periods.day),
    classes: [...classes].map(([c, counts]) => ({ class: c, memory: c === 'memory-safety' || memoryClass.has(c), counts })),
    subsystemSource: options.subsystemOf ? 'MAINTAINERS' : 'directories',
    subsystems: [...subsystems.values()].sort((a, b) => b.cves - a.cves || compareText(a.subsystem, b.subsystem)),
    rust: selected.filter((r) => inRust(r.language)),
    ...(options.list ? { cves: selected } : {}),
  };
}

function toRow(
  c: DatedCve,
  detector: LanguageDetector,
  subsystemOf: (path: string) => string,
  unsafeSitesOf: CveViewOptions['unsafeSitesOf'],
): CveRow {
  const languages = [...new Set(c.files.map((f) => detector.byPath(f)).filter((l) => l !== undefined))].sort(compareText);
  const language = languageGroup(languages, c.files.length);
  const row: CveRow = {
    id: c.id,
    published: dayOf(c.published),
    language,
    languages,
    files: c.files,
    title: c.title,
    classes: c.classes,
    sanitizers: c.sanitizers,
    memorySafety: c.memorySafety,
    subsystems: [...new Set(c.files.map(subsystemOf))].sort(compareText),
    ...(c.cvss ? { cvss: c.cvss.score } : {}),
    fixes: c.fixes,
  };
  if (unsafeSitesOf && inRust(language)) {
    row.unsafe = c.files
      .filter((f) => f.endsWith('.rs'))
      .map((path) => {
        const sites = unsafeSitesOf(path);
        return { path, inTree: sites !== undefined, sites: sites ?? [] };
      });
  }
  return row;
}

/** Newest first; unknown dates last; then by id number (CVE-2025-9999 before CVE-2025-10000). */
function newestFirst(a: CveRow, b: CveRow): number {
  if (a.published !== b.published) return a.published === null ? 1 : b.published === null ? -1 : compareText(b.published, a.published);
  return compareText(idKey(a.id), idKey(b.id));
}

function idKey(id: string): string {
  const [, year, n] = id.split('-');
  return `${year}-${(n ?? '').padStart(12, '0')}`;
}

function sortedRecord(map: Map<string, GroupCounts>): Record<string, GroupCounts> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a === UNKNOWN_DATE ? 1 : b === UNKNOWN_DATE ? -1 : compareText(a, b))));
}
