// Renders a ScanResult: pure, from data to text, in every format the CLI offers.
import { jsonDocument, type Provenance } from './json.js';
import { byDirectory, countedFiles, rustCodeOf, rustPercent, type Grouping } from '../analyze/code/rollup.js';
import type { Counts, ScanResult } from '../core/types.js';
import type { Format } from './format.js';
import { renderCsv, renderMarkdown, renderText, shareText, type Table } from './table.js';

const COUNT_HEADERS = ['Files', 'Blank', 'Comment', 'Code', 'Bytes'];
const figures = (c: Counts) => [c.files, c.blank, c.comment, c.code, c.bytes];

export function groupingName(g: Grouping): string {
  return g.kind === 'dir' ? `dir:${g.depth}` : g.kind;
}

/** The documented JSON shape (docs/JSON.md). Per-file rows only with --by file, per-directory only with --by dir. */
export function scanJson(result: ScanResult, grouping: Grouping): object {
  const { files, reads: _reads, ...rest } = result;
  return {
    by: groupingName(grouping),
    ...rest,
    ...(grouping.kind === 'dir' ? { dirs: byDirectory(files, grouping.depth) } : {}),
    ...(grouping.kind === 'file' ? { files: countedFiles(files) } : {}),
  };
}

export function scanTable(result: ScanResult, grouping: Grouping, forCsv: boolean): Table {
  if (grouping.kind === 'file') {
    return {
      headers: ['Path', 'Language', 'Blank', 'Comment', 'Code', 'Bytes', 'Vendored'],
      rows: countedFiles(result.files).map((f) => [f.path, f.language ?? '', f.blank, f.comment, f.code, f.bytes, f.vendored ?? '']),
      footer: [['Total', '', result.total.blank, result.total.comment, result.total.code, result.total.bytes, '']],
    };
  }
  if (grouping.kind === 'dir') {
    const dirs = byDirectory(result.files, grouping.depth);
    if (forCsv) {
      // Long form: one row per directory and language, the shape spreadsheets and pandas pivot best.
      return {
        headers: ['Directory', 'Language', ...COUNT_HEADERS],
        rows: dirs.flatMap((d) => d.languages.map((l) => [d.dir, l.language, ...figures(l)])),
      };
    }
    return {
      headers: ['Directory', ...COUNT_HEADERS, 'Rust code', 'Rust %'],
      rows: dirs.map((d) => {
        return [d.dir, ...figures(d.total), rustCodeOf(d.languages), rustShare(d.languages)];
      }),
      footer: [['Total', ...figures(result.total), rustCodeOf(result.languages), rustShare(result.languages)]],
    };
  }
  const vendoredBy = new Map(result.vendored.languages.map((l) => [l.language, l]));
  return {
    headers: ['Language', ...COUNT_HEADERS, 'Vendored files', 'Vendored code'],
    rows: result.languages.map((l) => [
      l.language,
      ...figures(l),
      vendoredBy.get(l.language)?.files ?? 0,
      vendoredBy.get(l.language)?.code ?? 0,
    ]),
    footer: [['Total', ...figures(result.total), result.vendored.total.files, result.vendored.total.code]],
  };
}

/** Rust's share of C + C Header + Rust code, in percent with two decimals; empty where there is neither. */
function rustShare(languages: { language: string; code: number }[]): string {
  return languages.some((l) => ['C', 'C Header', 'Rust'].includes(l.language) && l.code > 0) ? shareText(rustPercent(languages)) : '';
}

function notes(result: ScanResult): string {
  const lines: string[] = [];
  const rev = result.revision;
  if (rev) lines.push(`revision: ${rev.name} (commit ${rev.commit}, ${rev.date.slice(0, 10)})`);
  const l = result.listing;
  if (l?.by === 'git')
    lines.push(
      `files: as git lists the work tree (tracked, and untracked not ignored); ${l.ignored} ignored files left out (--no-ignore counts them)`,
    );
  else if (l?.by === 'walk' && l.ignored)
    lines.push(`files: ${l.ignored} ignored by .gitignore rules left out (files or whole directories; --no-ignore counts them)`);
  for (const c of result.vendored.components) {
    lines.push(`vendored: ${c.name} (${c.path}) ${c.total.files} files, ${c.total.code} code lines`);
  }
  const rust = result.languages.find((l) => l.language === 'Rust');
  const vendoredRust = result.vendored.languages.find((l) => l.language === 'Rust');
  if (rust && vendoredRust)
    lines.push(`own Rust: ${rust.code - vendoredRust.code} code lines of ${rust.code} (${vendoredRust.code} vendored)`);
  const u = result.unrecognised;
  if (u.files) {
    const top = u.extensions
      .slice(0, 5)
      .map((e) => `${e.extension} ${e.files}`)
      .join(', ');
    lines.push(`unrecognised: ${u.files} files, ${u.bytes} bytes (${top}${u.extensions.length > 5 ? ', …' : ''})`);
  }
  const s = result.skipped;
  const skipped = [
    s.binary.files && `${s.binary.files} binary`,
    s.tooLarge.files && `${s.tooLarge.files} too large`,
    s.unreadable.files && `${s.unreadable.files} unreadable`,
    s.symlinks && `${s.symlinks} symbolic links`,
    s.special && `${s.special} special files`,
    s.submodules && `${s.submodules} submodules`,
  ].filter(Boolean);
  if (skipped.length) lines.push(`skipped: ${skipped.join(', ')}`);
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function renderScan(result: ScanResult, grouping: Grouping, format: Format, provenance?: Provenance): string {
  switch (format) {
    case 'json':
      return jsonDocument(scanJson(result, grouping), provenance);
    case 'csv':
      return renderCsv(scanTable(result, grouping, true));
    case 'md':
      return renderMarkdown(scanTable(result, grouping, false)) + (grouping.kind === 'language' ? '\n' + notes(result) : '');
    case 'table':
      return renderText(scanTable(result, grouping, false)) + notes(result);
  }
}
