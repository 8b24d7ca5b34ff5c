// Renderers for the unsafe audit: pure functions of the result.
import { jsonDocument, type Provenance } from './json.js';
import { documentedBySection, type UnsafeCounts, type UnsafeResult, type UnsafeSiteRow } from '../analyze/rust/unsafe.js';
import { BY_SUBSYSTEM_RULE } from '../kernel/maintainers.js';
import type { Format } from './format.js';
import { percent, renderCsv, renderMarkdown, renderText, type Table } from './table.js';

const COLUMNS: [string, (c: UnsafeCounts) => number | string][] = [
  ['Files', (c) => c.files],
  ['Code', (c) => c.code],
  ['Blocks', (c) => c.unsafeBlocks],
  ['SAFETY', (c) => c.documentedUnsafeBlocks],
  ['Fns', (c) => c.unsafeFns],
  ['# Safety', (c) => c.documentedUnsafeFns],
  ['Impls', (c) => c.unsafeImpls],
  ['Traits', (c) => c.unsafeTraits],
  ['Extern', (c) => c.unsafeExterns],
  ['Attrs', (c) => c.unsafeAttributes],
  ['Macros', (c) => c.unsafeInMacros],
  ['Per kLOC', (c) => c.unsafePerKloc.toFixed(2)],
];

function countsTable(first: string, rows: [string, UnsafeCounts][], footer: [string, UnsafeCounts][]): Table {
  const row = ([name, c]: [string, UnsafeCounts]) => [name, ...COLUMNS.map(([, get]) => get(c))];
  return { headers: [first, ...COLUMNS.map(([h]) => h)], rows: rows.map(row), footer: footer.map(row) };
}

/** `path:line kind documented?` — one line per site, the form editors and CI logs link. */
export function siteLine(s: UnsafeSiteRow): string {
  const by = documentedBySection(s.kind) ? '# Safety' : 'SAFETY';
  const state = s.documented ? `documented (${by})` : s.allowed ? 'undocumented, lint allowed' : `undocumented (no ${by})`;
  const notes = [s.detail && `macro ${s.detail}`, s.vendored && `vendored: ${s.vendored}`, s.exempt].filter(Boolean);
  return `${s.path}:${s.line} ${s.kind} ${state}${notes.length ? ` [${notes.join(', ')}]` : ''}`;
}

export function renderUnsafe(r: UnsafeResult, format: Format, list: boolean, provenance?: Provenance): string {
  if (format === 'json') return jsonDocument(r, provenance);
  const table = countsTable(
    r.grouping,
    r.rows.map((x) => [x.name, x]),
    [
      ['Own Rust', r.summary],
      ['Vendored', r.vendored],
    ],
  );
  if (format === 'csv')
    return list
      ? renderCsv({
          headers: ['Path', 'Line', 'Kind', 'Documented', 'Detail', 'Vendored', 'Exempt'],
          rows: r.sites.map((s) => [
            s.path,
            s.line,
            s.kind,
            s.documented ? 'yes' : s.allowed ? 'allowed' : 'no',
            s.detail ?? '',
            s.vendored ?? '',
            s.exempt ?? '',
          ]),
        })
      : renderCsv(table);
  const s = r.summary;
  const out = [
    ...(r.grouping === 'subsystem' ? [`by subsystem: ${BY_SUBSYSTEM_RULE}; "(no section)" is Rust only THE REST covers`, ''] : []),
    format === 'md' ? renderMarkdown(table) : renderText(table),
    '',
    `own unsafe blocks with a SAFETY comment: ${s.documentedUnsafeBlocks} of ${s.unsafeBlocks} (${percent(s.documentedUnsafeBlocks, s.unsafeBlocks)})`,
    `own unsafe fns with a # Safety section: ${s.documentedUnsafeFns} of ${s.unsafeFns} (${s.unsafeFnSignatures} without a body)`,
    `own unsafe impls with a SAFETY comment: ${s.documentedUnsafeImpls} of ${s.unsafeImpls}; unsafe traits with # Safety: ${s.documentedUnsafeTraits} of ${s.unsafeTraits}`,
    `SAFETY comments ${s.safetyComments}, INVARIANT comments ${s.invariantComments}, # Safety sections ${s.safetySections}, # Invariants sections ${s.invariantSections}`,
    `unsafe tokens inside macros (not parsed by tree-sitter, counted as tokens): ${s.unsafeInMacros}`,
    `undocumented own unsafe blocks where the lint applies: ${r.undocumentedUnsafeBlocks}`,
  ];
  if (r.exempt.length)
    out.push(`generated or opted-out files (${r.exempt.length}): ${r.exempt.map((e) => `${e.path} (${e.reason})`).join(', ')}`);
  if (r.parseErrors.length)
    out.push(`files with syntax tree-sitter could not parse (sites there may be missed): ${r.parseErrors.map((e) => e.path).join(', ')}`);
  if (r.skipped.length) out.push(`skipped: ${r.skipped.map((e) => `${e.path} (${e.reason})`).join(', ')}`);
  if (list) out.push('', ...r.sites.map(siteLine));
  return out.join('\n') + '\n';
}
