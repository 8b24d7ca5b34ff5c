// Renderers for the CVE views: pure functions of the result.
import { jsonDocument, type Provenance } from './json.js';
import { LANGUAGE_GROUPS, type CveResult, type CveRow, type GroupCounts, type LanguageGroup, type Period } from '../analyze/cves/cves.js';
import { BY_SUBSYSTEM_RULE } from '../kernel/maintainers.js';
import type { Format } from './format.js';
import { percent, renderCsv, renderMarkdown, renderText, type Table } from './table.js';

export const GROUP_NAMES: Record<LanguageGroup, string> = {
  c: 'C only',
  rust: 'Rust only',
  mixed: 'Rust and C/asm',
  asm: 'assembly',
  other: 'other',
  none: 'no files named',
};

const SHORT_NAMES: Record<LanguageGroup, string> = { c: 'C', rust: 'Rust', mixed: 'Mixed', asm: 'Asm', other: 'Other', none: 'None' };

export interface CveRenderOptions {
  per: Period;
  /** Rows in the subsystem table. */
  top: number;
}

function periodTable(rows: Record<string, GroupCounts>, per: Period): Table {
  const totals = Object.values(rows).reduce((sum, r) => sum + r.cves, 0);
  const memory = Object.values(rows).reduce((sum, r) => sum + r.memorySafety, 0);
  return {
    headers: [per[0]!.toUpperCase() + per.slice(1), 'CVEs', ...LANGUAGE_GROUPS.map((g) => SHORT_NAMES[g]), 'Memory safety'],
    rows: Object.entries(rows).map(([p, c]) => [p, c.cves, ...LANGUAGE_GROUPS.map((g) => c[g]), percent(c.memorySafety, c.cves)]),
    footer: [
      ['Total', totals, ...LANGUAGE_GROUPS.map((g) => Object.values(rows).reduce((sum, r) => sum + r[g], 0)), percent(memory, totals)],
    ],
  };
}

/** The count table as CSV: one row per period, counts only (the memory-safety share is computed from them). */
function periodCsvTable(rows: Record<string, GroupCounts>, per: Period): Table {
  return {
    headers: [per, 'cves', ...LANGUAGE_GROUPS, 'memory_safety'],
    rows: Object.entries(rows).map(([p, c]) => [p, c.cves, ...LANGUAGE_GROUPS.map((g) => c[g]), c.memorySafety]),
  };
}

function languageTable(r: CveResult): Table {
  const memory = r.classes.find((c) => c.class === 'memory-safety')!.counts;
  return {
    headers: ['Language', 'CVEs', 'Share', 'Memory safety'],
    rows: LANGUAGE_GROUPS.filter((g) => r.byLanguage[g] > 0 || g !== 'none').map((g) => [
      GROUP_NAMES[g],
      r.byLanguage[g],
      percent(r.byLanguage[g], r.selected),
      percent(memory[g], r.byLanguage[g]),
    ]),
    footer: [['Total', r.selected, percent(r.selected, r.selected), percent(memory.cves, r.selected)]],
  };
}

/** Each class: its count and share of all selected CVEs, and its share within each language group. */
function classTable(r: CveResult): Table {
  const groups = LANGUAGE_GROUPS.filter((g) => r.byLanguage[g] > 0);
  return {
    headers: ['Class', 'CVEs', 'Share', ...groups.map((g) => SHORT_NAMES[g])],
    rows: r.classes.map((c) => [
      c.memory ? c.class : `${c.class} (not memory)`,
      c.counts.cves,
      percent(c.counts.cves, r.selected),
      ...groups.map((g) => percent(c.counts[g], r.byLanguage[g])),
    ]),
  };
}

/** How the subsystem table counts, under it: a CVE is not a file. */
function subsystemNote(r: CveResult): string {
  return r.subsystemSource === 'MAINTAINERS'
    ? `by subsystem: ${BY_SUBSYSTEM_RULE}; a CVE counts once under each section of the files it changes`
    : "by subsystem: the first two directories of each file; a CVE counts once under each of its files' directories";
}

function subsystemTable(r: CveResult, top: number): Table {
  return {
    headers: [r.subsystemSource === 'MAINTAINERS' ? 'Subsystem (MAINTAINERS)' : 'Subsystem (directory)', 'CVEs', 'Rust', 'Memory safety'],
    rows: r.subsystems.slice(0, top).map((s) => [s.subsystem, s.cves, s.rust, percent(s.memorySafety, s.cves)]),
  };
}

function listTable(rows: CveRow[]): Table {
  return {
    headers: ['CVE', 'Published', 'Language', 'Classes', 'Title', 'Files'],
    rows: rows.map((c) => [
      c.id,
      c.published ?? 'unknown',
      SHORT_NAMES[c.language],
      c.classes.join(' ') || '-',
      c.title,
      c.files.join(' '),
    ]),
    align: ['left', 'left', 'left', 'left', 'left', 'left'],
  };
}

/** One CSV row per CVE: what spreadsheets and pandas want. */
function csvTable(rows: CveRow[]): Table {
  return {
    headers: [
      'id',
      'published',
      'language',
      'languages',
      'classes',
      'memory_safety',
      'sanitizers',
      'subsystems',
      'files',
      'cvss',
      'fixes',
      'title',
    ],
    rows: rows.map((c) => [
      c.id,
      c.published ?? '',
      c.language,
      c.languages.join(' '),
      c.classes.join(' '),
      c.memorySafety ? 'yes' : 'no',
      c.sanitizers.join(' '),
      c.subsystems.join(' '),
      c.files.join(' '),
      c.cvss ?? '',
      c.fixes.join(' '),
      c.title,
    ]),
  };
}

/** Site lines shown per file in the text report. */
const MAX_LINES = 20;

function unsafeLines(c: CveRow): string[] {
  return (c.unsafe ?? []).map((f) => {
    if (!f.inTree) return `    ${f.path}: not in the kernel tree given`;
    const blocks = f.sites.filter((s) => s.kind === 'block');
    const kinds = [...new Set(f.sites.map((s) => s.kind))].map((k) => `${f.sites.filter((s) => s.kind === k).length} ${k}`).join(', ');
    const lines = f.sites.map((s) => s.line);
    const shown = lines.length > MAX_LINES ? `${lines.slice(0, MAX_LINES).join(' ')} … (--format json has all)` : lines.join(' ') || '-';
    return `    ${f.path}: ${f.sites.length} unsafe sites${kinds ? ` (${kinds})` : ''}; blocks with SAFETY: ${blocks.filter((s) => s.documented).length} of ${blocks.length}; lines ${shown}`;
  });
}

function header(r: CveResult): string[] {
  const s = r.source;
  const at = s.commit ? ` at ${s.commit.slice(0, 12)} (${s.date!.slice(0, 10)})` : '';
  const dates =
    s.history === 'full'
      ? 'publication date: the first commit that added the record (UTC)'
      : s.history === 'shallow'
        ? 'publication dates unknown: a shallow clone (git fetch --unshallow gives them)'
        : 'publication dates unknown: not a git clone';
  const lines = [
    `vulns: ${s.path}${at}; ${dates}`,
    `${r.published} published CVEs, ${r.rejected} rejected, ${r.malformed.length} malformed (left out)${r.datesUnknown && s.history === 'full' ? `; ${r.datesUnknown} without a known date` : ''}`,
  ];
  const f = [r.filter.lang && `--lang ${r.filter.lang}`, r.filter.on && `--on ${r.filter.on}`].filter(Boolean);
  if (f.length) lines.push(`selected by ${f.join(' ')}: ${r.selected}`);
  if (r.filter.on && r.rejectedSince) lines.push(`published in ${r.filter.on} and rejected since (not counted): ${r.rejectedSince}`);
  return lines;
}

export function renderCves(r: CveResult, format: Format, options: CveRenderOptions, provenance?: Provenance): string {
  if (format === 'json') return jsonDocument(r, provenance);
  const byPeriod = { year: r.byYear, month: r.byMonth, day: r.byDay }[options.per];
  if (format === 'csv') return renderCsv(r.cves ? csvTable(r.cves) : periodCsvTable(byPeriod, options.per));
  const table = format === 'md' ? renderMarkdown : renderText;
  const out = [
    ...header(r),
    '',
    table(periodTable(byPeriod, options.per)),
    table(languageTable(r)),
    table(classTable(r)) +
      'memory safety: a class safe Rust rules out, or a KASAN report; leaks and races are classes of their own, not in it (docs/CVES.md)\n',
    table(subsystemTable(r, options.top)) + subsystemNote(r) + '\n',
  ];
  out.push(`CVEs in Rust code: ${r.rust.length}`);
  for (const c of r.rust) {
    out.push(
      `  ${c.id}  ${c.published ?? 'unknown'}  ${c.title}  [${c.classes.join(', ') || 'no class'}]`,
      `    files: ${c.files.join(', ')} (${c.subsystems.join(', ')})`,
      ...unsafeLines(c),
    );
  }
  if (r.cves) out.push('', table(listTable(r.cves)));
  if (r.malformed.length) out.push('', `malformed records (${r.malformed.length}):`, ...r.malformed.map((m) => `  ${m.path}: ${m.reason}`));
  return out.join('\n') + '\n';
}
