// Renders a HistoryResult: one row per revision (with a sparkline of the Rust share in the text
// table), per-directory rows with --by dir, and the adoption map. Pure.
import { jsonDocument, type Provenance } from './json.js';
import type { HistoryResult } from '../analyze/history.js';
import { codeOf, rustCodeOf, rustPercent } from '../analyze/rollup.js';
import type { Format } from './format.js';
import { renderCsv, renderMarkdown, renderText, shareText, type Table } from './table.js';

const BARS = '▁▂▃▄▅▆▇█';

/** One bar per value, scaled between the smallest and the largest. */
export function sparkline(values: number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values
    .map((v) => BARS[hi === lo ? (v > 0 ? BARS.length - 1 : 0) : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))])
    .join('');
}

/** Revisions the trend column shows, up to and including its row's. */
export const TREND_WIDTH = 24;

function revisionTable(h: HistoryResult, withSpark: boolean): Table {
  const spark = sparkline(h.revisions.map((r) => r.rust.share));
  return {
    headers: [
      'Revision',
      'Date',
      'Files',
      'Code',
      'C',
      'C Header',
      'Rust',
      'Own Rust',
      'Rust %',
      'Own Rust %',
      ...(withSpark ? ['Trend'] : []),
    ],
    rows: h.revisions.map((r, i) => [
      r.revision,
      r.date.slice(0, 10),
      r.total.files,
      r.total.code,
      codeOf(r.languages, 'C'),
      codeOf(r.languages, 'C Header'),
      r.rust.code,
      r.rust.ownCode,
      shareText(r.rust.share),
      shareText(r.rust.ownShare),
      // The last TREND_WIDTH revisions: a column that grew a character per revision was 259 wide for 259 tags.
      ...(withSpark ? [spark.slice(Math.max(0, i + 1 - TREND_WIDTH), i + 1)] : []),
    ]),
  };
}

function dirTable(h: HistoryResult): Table {
  return {
    headers: ['Revision', 'Directory', 'Files', 'Code', 'Rust', 'Rust %'],
    rows: h.revisions.flatMap((r) =>
      (r.dirs ?? []).map((d) => [
        r.revision,
        d.dir,
        d.total.files,
        d.total.code,
        rustCodeOf(d.languages),
        shareText(rustPercent(d.languages)),
      ]),
    ),
  };
}

function adoptionTable(h: HistoryResult): Table {
  return {
    headers: [`Directory (depth ${h.depth})`, 'First Rust in', 'Date', 'Rust code then', 'Rust code now'],
    rows: h.adoption.map((a) => [a.dir, a.revision, a.date.slice(0, 10), a.rustCode, a.latestRustCode]),
  };
}

/** CSV: one row per revision and language (or per revision, directory and language with --by dir). */
function csvTable(h: HistoryResult, byDir: boolean): Table {
  const figures = ['Files', 'Blank', 'Comment', 'Code', 'Bytes'];
  if (byDir) {
    return {
      headers: ['Revision', 'Commit', 'Date', 'Directory', 'Language', ...figures],
      rows: h.revisions.flatMap((r) =>
        (r.dirs ?? []).flatMap((d) =>
          d.languages.map((l) => [r.revision, r.commit, r.date, d.dir, l.language, l.files, l.blank, l.comment, l.code, l.bytes]),
        ),
      ),
    };
  }
  return {
    headers: ['Revision', 'Commit', 'Date', 'Language', ...figures, 'Vendored code'],
    rows: h.revisions.flatMap((r) =>
      r.languages.map((l) => [
        r.revision,
        r.commit,
        r.date,
        l.language,
        l.files,
        l.blank,
        l.comment,
        l.code,
        l.bytes,
        codeOf(r.vendored.languages, l.language),
      ]),
    ),
  };
}

export function renderHistory(h: HistoryResult, format: Format, byDir: boolean, provenance?: Provenance): string {
  switch (format) {
    case 'json':
      return jsonDocument(h, provenance);
    case 'csv':
      return renderCsv(csvTable(h, byDir));
    case 'md':
      return [revisionTable(h, false), ...(byDir ? [dirTable(h)] : []), adoptionTable(h)].map(renderMarkdown).join('\n');
    case 'table':
      return [revisionTable(h, true), ...(byDir ? [dirTable(h)] : []), adoptionTable(h)].map(renderText).join('\n');
  }
}
