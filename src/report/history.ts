// Renders a HistoryResult: one row per revision (with a sparkline of the Rust share in the text
// table), per-directory rows with --by dir, the adoption map; with --measures every series with its
// change per release and a sparkline, the toolchain and the Rust drivers; with --forecast the
// projections and their backtests. Pure.
import { jsonDocument, type Provenance } from './json.js';
import { HELD_OUT } from '../analyze/code/forecast.js';
import type { HistoryForecast, HistoryResult } from '../analyze/code/history.js';
import type { Series } from '../analyze/code/measures.js';
import { codeOf, rustCodeOf, rustPercent } from '../analyze/code/rollup.js';
import type { Format } from './format.js';
import { groupDigits, renderCsv, renderMarkdown, renderText, shareText, type Table } from './table.js';

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

const onlyLines = (h: HistoryResult) => h.measures.every((m) => m === 'lines');

const changeText = (c: Series['changes'][number]) => (c ? `${c.absolute > 0 ? '+' : ''}${groupDigits(c.absolute)}` : '-');
const changePercent = (c: Series['changes'][number]) => (c?.percent != null ? `${c.percent > 0 ? '+' : ''}${c.percent.toFixed(1)} %` : '-');

/** One row per series: first and last value, the last release's change, the trend. */
function seriesTable(h: HistoryResult, withSpark: boolean): Table {
  const first = h.revisions[0]?.revision ?? '';
  const last = h.revisions.at(-1)?.revision ?? '';
  return {
    headers: ['Measure', first, last, `Change in ${last}`, '%', ...(withSpark ? ['Trend'] : [])],
    rows: h.series.map((s) => {
      const known = s.values.filter((v): v is number => v !== null);
      return [
        s.label,
        s.values[0] ?? '-',
        s.values.at(-1) ?? '-',
        changeText(s.changes.at(-1) ?? null),
        changePercent(s.changes.at(-1) ?? null),
        ...(withSpark ? [known.length ? sparkline(known.slice(-TREND_WIDTH)) : ''] : []),
      ];
    }),
  };
}

/** Markdown: every revision as a column, when there are few enough to read. */
function seriesByRevisionTable(h: HistoryResult): Table {
  return {
    headers: ['Measure', ...h.revisions.map((r) => r.revision)],
    rows: h.series.map((s) => [s.label, ...s.values.map((v) => v ?? '-')]),
  };
}

function toolchainTable(h: HistoryResult): Table {
  return {
    headers: ['Revision', 'Min rustc', 'Min bindgen', 'Architectures with HAVE_RUST'],
    align: ['left', 'left', 'left', 'left'],
    rows: h.revisions.map((r) => {
      const t = r.measures?.toolchain;
      return [r.revision, t?.rustc ?? '-', t?.bindgen ?? '-', t?.architectures.join(' ') || '-'];
    }),
  };
}

function driversTable(h: HistoryResult): Table {
  return {
    headers: ['Rust driver (directory outside rust/)', 'First in', 'Date'],
    rows: (h.drivers ?? []).map((d) => [d.dir, d.revision, d.date.slice(0, 10)]),
  };
}

const fixed = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Number(v.toPrecision(3)));

function forecastTable(f: HistoryForecast): Table {
  return {
    headers: ['Series', 'Model', 'Fitted', `At ${f.at}`, '80 % low', '80 % high', 'Backtest inside'],
    rows: f.series.map((s) => [
      s.label,
      s.model === 'exponential' && s.doublingYears
        ? `exponential (doubles in ${s.doublingYears.toFixed(1)} y)`
        : s.model === 'logistic'
          ? `logistic (ceiling ${fixed(s.ceiling!)})`
          : s.model,
      s.fitted,
      fixed(s.projection.value),
      fixed(s.projection.low),
      fixed(s.projection.high),
      s.backtest ? `${s.backtest.filter((b) => b.inside).length} of ${s.backtest.length}` : 'too few revisions',
    ]),
  };
}

function backtestTable(f: HistoryForecast): Table {
  return {
    headers: ['Series', 'Revision', 'Actual', 'Projected', '80 % low', '80 % high', 'Inside'],
    rows: f.series.flatMap((s) =>
      (s.backtest ?? []).map((b) => [
        s.label,
        b.revision,
        fixed(b.actual),
        fixed(b.projected.value),
        fixed(b.projected.low),
        fixed(b.projected.high),
        b.inside ? 'yes' : 'no',
      ]),
    ),
  };
}

function forecastLines(f: HistoryForecast, table: (t: Table) => string): string[] {
  const out = [
    `Forecast at ${f.at}: the better of an exponential and a logistic fit over release dates by AICc, with an 80 % prediction interval (docs/FORECAST.md):`,
    table(forecastTable(f)),
  ];
  if (f.series.some((s) => s.backtest?.length))
    out.push(`Backtest: fitted without the last ${HELD_OUT} revisions, projected to each of them:`, table(backtestTable(f)));
  out.push(...f.notes);
  return out;
}

function textReport(h: HistoryResult, byDir: boolean, md: boolean): string {
  const table = md ? renderMarkdown : renderText;
  const parts = [table(revisionTable(h, !md)), ...(byDir ? [table(dirTable(h))] : []), table(adoptionTable(h))];
  if (!onlyLines(h)) {
    parts.push(table(seriesTable(h, !md)));
    if (md && h.revisions.length <= 12) parts.push(table(seriesByRevisionTable(h)));
    if (h.measures.includes('toolchain')) parts.push(table(toolchainTable(h)));
    if (h.drivers?.length) parts.push(table(driversTable(h)));
  }
  if (h.forecast) parts.push(forecastLines(h.forecast, table).join('\n'));
  return parts.join('\n');
}

/** CSV of the measures: one row per revision and series, with the change since the previous revision. */
function seriesCsv(h: HistoryResult): Table {
  return {
    headers: ['revision', 'commit', 'date', 'measure', 'value', 'change', 'change_percent'],
    rows: h.revisions.flatMap((r, i) =>
      h.series.map((s) => {
        const c = s.changes[i];
        return [r.revision, r.commit, r.date, s.key, s.values[i] ?? '', c?.absolute ?? '', c?.percent ?? ''];
      }),
    ),
  };
}

export function renderHistory(h: HistoryResult, format: Format, byDir: boolean, provenance?: Provenance): string {
  switch (format) {
    case 'json':
      return jsonDocument(h, provenance);
    case 'csv':
      return renderCsv(onlyLines(h) ? csvTable(h, byDir) : seriesCsv(h));
    case 'md':
      return textReport(h, byDir, true);
    case 'table':
      return textReport(h, byDir, false);
  }
}
