// Renderers for the binding surface and for impact: pure functions of the result.
import { jsonDocument, type Provenance } from './json.js';
import type { BindingsResult, ImpactResult } from '../analyze/rust/bindings.js';
import type { Recipient } from '../kernel/get-maintainer.js';
import type { MinVersion } from '../kernel/toolchain.js';
import type { Format } from './format.js';
import { renderCsv, renderMarkdown, renderText, type Table } from './table.js';

function render(t: Table, format: Format): string {
  return format === 'csv' ? renderCsv(t) : format === 'md' ? renderMarkdown(t) : renderText(t);
}

function versions(v: MinVersion[]): string {
  return v.length ? v.map((x) => (x.when ? `${x.version} if ${x.when}` : x.version)).join(', ') : 'not stated';
}

export function renderBindings(r: BindingsResult, format: Format, provenance?: Provenance): string {
  if (format === 'json') return jsonDocument(r, provenance);
  const subsystems: Table = {
    headers: ['Subsystem', 'Rust files', 'C symbols', 'Uses'],
    rows: r.subsystems.map((s) => [s.name, s.files, s.symbols, s.uses]),
    footer: [['Total', r.summary.rustFiles, r.summary.symbols, r.summary.uses]],
  };
  if (format === 'csv')
    return render(
      {
        headers: ['Path', 'Subsystem', 'C symbols', 'Uses', 'Names'],
        rows: r.files.map((f) => [f.path, f.subsystem, f.symbols.length, f.uses, f.symbols.join(' ')]),
      },
      format,
    );
  const out = [
    render(subsystems, format),
    '',
    `bindings_helper.h includes ${r.headers.length} headers; rust/helpers defines ${r.helpers.length} helpers, ${r.summary.helpersUsed} of them named from Rust`,
    `${r.summary.rustFiles} Rust files name ${r.summary.symbols} distinct C symbols through bindings:: (${r.summary.uses} uses)`,
    `minimum rustc: ${versions(r.toolchain.rustc)}; minimum bindgen: ${versions(r.toolchain.bindgen)}`,
    `architectures selecting HAVE_RUST (${r.toolchain.architectures.length}): ${r.toolchain.architectures.map((a) => (a.condition ? `${a.arch} (if ${a.condition})` : a.arch)).join(', ') || 'none'}`,
    '',
    `Rust outside rust/ naming bindings:: directly (${r.outsideRust.length} files):`,
    ...r.outsideRust.map(
      (f) => `  ${f.path}: ${f.symbols.length} symbols (${f.symbols.slice(0, 8).join(', ')}${f.symbols.length > 8 ? ', …' : ''})`,
    ),
  ];
  if (r.localBindings.length) out.push('', `files whose \`bindings\` is their own, not the kernel's: ${r.localBindings.join(', ')}`);
  return out.join('\n') + '\n';
}

export function renderImpact(r: ImpactResult, cc: Recipient[] | undefined, format: Format, provenance?: Provenance): string {
  if (format === 'json') return jsonDocument({ ...r, ...(cc ? { cc } : {}) }, provenance);
  const files: Table = { headers: ['File', 'Subsystem', 'Sites'], rows: r.files.map((f) => [f.path, f.subsystem, f.sites]) };
  if (format === 'csv')
    return render(
      { headers: ['Path', 'Line', 'Name', 'Via', 'Subsystem'], rows: r.sites.map((s) => [s.path, s.line, s.name, s.via, s.subsystem]) },
      format,
    );
  const what = r.kind === 'header' ? `${r.target} (${r.names.length} names declared)` : r.target;
  const out = [`${r.sites.length} Rust sites in ${r.files.length} files use ${what}`];
  if (r.helpers.length) out.push(`through helpers: ${r.helpers.map((h) => `${h.name} (${h.file}:${h.line})`).join(', ')}`);
  if (r.files.length)
    out.push(
      '',
      render(files, format).trimEnd(),
      '',
      ...r.sites.map((s) => `${s.path}:${s.line} ${s.name}${s.via === 'helper' ? ' (helper)' : ''}`),
    );
  if (cc?.length) out.push('', 'Cc:', ...cc.map((c) => `  ${c.email} (${c.role})`));
  return out.join('\n') + '\n';
}
