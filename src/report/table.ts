// One tabular shape, three renderings: aligned text, Markdown and CSV (RFC 4180 quoting).
import { visible } from './visible.js';

export interface Table {
  headers: string[];
  rows: (string | number)[][];
  /** Rows printed after a rule (totals); part of the text and Markdown renderings, not of CSV. */
  footer?: (string | number)[][];
  /** Per column; default: the first (a name) left, the rest (figures) right. */
  align?: ('left' | 'right')[];
}

function isLeft(t: Table, c: number): boolean {
  return (t.align?.[c] ?? (c === 0 ? 'left' : 'right')) === 'left';
}

/**
 * A percentage with two decimals, or two significant digits when it is smaller than 0.01 but not
 * zero: 0.0034 % is not "0.00", which reads as none.
 */
export function shareText(percentValue: number): string {
  return percentValue > 0 && percentValue < 0.01 ? percentValue.toPrecision(2) : percentValue.toFixed(2);
}

/** part of whole as "12.3 %", or "-" when there is no whole. */
export function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)} %` : '-';
}

/** A cell as text: control characters and direction overrides shown, not obeyed (CSV too: it is read in terminals and spreadsheets). */
function cell(v: string | number): string {
  return typeof v === 'number' ? String(v) : visible(v);
}

/**
 * A cell for a reader: numbers with thousands separators (1,234,567; the fraction untouched), as
 * scc and cloc print them. CSV keeps plain numbers for the programs that read it.
 */
function readableCell(v: string | number): string {
  return typeof v === 'number' ? groupDigits(v) : visible(v);
}

/** 1234567.5 → "1,234,567.5": thousands grouped, the fraction untouched. */
export function groupDigits(v: number): string {
  const [whole, fraction] = String(v).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function renderText(t: Table): string {
  const all = [t.headers, ...t.rows, ...(t.footer ?? [])].map((r) => r.map(readableCell));
  const widths = t.headers.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => (isLeft(t, c) ? v.padEnd(widths[c]!) : v.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  const out = [rule, line(t.headers.map(readableCell)), rule, ...t.rows.map((r) => line(r.map(readableCell)))];
  if (t.footer?.length) out.push(rule, ...t.footer.map((r) => line(r.map(readableCell))));
  out.push(rule);
  return out.join('\n') + '\n';
}

export function renderMarkdown(t: Table): string {
  const esc = (v: string | number) => readableCell(v).replace(/\|/g, '\\|');
  const row = (r: (string | number)[]) => `| ${r.map(esc).join(' | ')} |`;
  const align = t.headers.map((_, c) => (isLeft(t, c) ? ':---' : '---:'));
  return (
    [
      row(t.headers),
      `| ${align.join(' | ')} |`,
      ...t.rows.map(row),
      ...(t.footer ?? []).map((r) => row(r.map((v, c) => (c === 0 ? `**${readableCell(v)}**` : v)))),
    ].join('\n') + '\n'
  );
}

export function renderCsv(t: Table): string {
  const quote = (v: string | number) => {
    const s = cell(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [t.headers, ...t.rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
