// Renderers for `claims`: a verdict table, then each claim with its figure, why, the command that
// prints the same figure and what was read. Pure functions of the result.
import type { ClaimsResult } from '../analyze/claims/claims.js';
import type { ClaimResult } from '../analyze/claims/verdicts.js';
import type { Format } from './format.js';
import { jsonDocument, type Provenance } from './json.js';
import { renderCsv, renderMarkdown, renderText, type Table } from './table.js';

const sourceLine = (c: ClaimResult) => `${c.source.by}, ${c.source.where}, ${c.source.date}${c.source.url ? `, ${c.source.url}` : ''}`;

function verdictTable(result: ClaimsResult): Table {
  return {
    headers: ['Claim', 'Verdict', 'Said', 'By'],
    rows: result.claims.map((c) => [c.id, c.verdict, c.source.date, c.source.by]),
    align: ['left', 'left', 'left', 'left'],
  };
}

function inputLines(result: ClaimsResult): string[] {
  const releases = result.releases.map(
    (r) => `${r.name}${r.release && r.release !== r.name ? ` (${r.release})` : ''}${r.commit ? ` ${r.commit.slice(0, 12)}` : ''}`,
  );
  return [
    `Releases read: ${releases.join(', ') || 'none'}`,
    `Vulns: ${result.vulns ? `${result.vulns.path}${result.vulns.commit ? ` ${result.vulns.commit.slice(0, 12)}` : ''}` : 'not given (--vulns DIR)'}`,
    `Verdicts: ${Object.entries(result.counts)
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${n} ${v}`)
      .join(', ')}`,
  ];
}

function detailText(c: ClaimResult): string {
  return [
    `${c.id}: "${c.claim}"`,
    `  said by:  ${sourceLine(c)}`,
    `  verdict:  ${c.verdict}`,
    `  figure:   ${c.figure}`,
    `  why:      ${c.explanation}`,
    ...(c.method ? [`  method:   ${c.method}`] : []),
    ...(c.read.length ? [`  read:     ${c.read.join('; ')}`] : []),
  ].join('\n');
}

function detailMarkdown(c: ClaimResult): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `### ${c.id}: ${c.verdict}`,
    '',
    `> ${cell(c.claim)}`,
    '',
    `- **Said by**: ${cell(sourceLine(c))}`,
    `- **Figure**: ${cell(c.figure)}`,
    `- **Why**: ${cell(c.explanation)}`,
    ...(c.method ? [`- **Method**: \`${c.method}\``] : []),
    ...(c.read.length ? [`- **Read**: ${cell(c.read.join('; '))}`] : []),
    '',
  ].join('\n');
}

function csvTable(result: ClaimsResult): Table {
  return {
    headers: ['id', 'verdict', 'claim', 'by', 'where', 'date', 'url', 'figure', 'explanation', 'method', 'read'],
    rows: result.claims.map((c) => [
      c.id,
      c.verdict,
      c.claim,
      c.source.by,
      c.source.where,
      c.source.date,
      c.source.url ?? '',
      c.figure,
      c.explanation,
      c.method,
      c.read.join('; '),
    ]),
  };
}

export function renderClaims(result: ClaimsResult, format: Format, provenance?: Provenance): string {
  switch (format) {
    case 'json':
      return jsonDocument(result, provenance);
    case 'csv':
      return renderCsv(csvTable(result));
    case 'md':
      return [
        '## Claims',
        '',
        ...inputLines(result).map((l) => `${l}  `),
        '',
        renderMarkdown(verdictTable(result)),
        ...result.claims.map(detailMarkdown),
      ].join('\n');
    default:
      return [...inputLines(result), '', renderText(verdictTable(result)), ...result.claims.map(detailText).flatMap((d) => [d, ''])].join(
        '\n',
      );
  }
}
