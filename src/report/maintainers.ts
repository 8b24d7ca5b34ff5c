// Renderers for the MAINTAINERS engine's answers: pure functions of the result.
import { jsonDocument, type Provenance } from './json.js';
import type { MaintainersDiff } from '../analyze/people/maintainers-diff.js';
import type { RustMaintainers } from '../analyze/people/maintainers-rust.js';
import type { GetMaintainerAnswer } from '../kernel/get-maintainer.js';
import { formatEmail, type MaintainersFile, type Person } from '../kernel/maintainers-file.js';
import { BY_SUBSYSTEM_RULE } from '../kernel/maintainers.js';
import { renderCsv, renderMarkdown, renderText, type Table } from './table.js';

/** get_maintainer.pl's output options. */
export interface GetMaintainerOutput {
  /** "(role)" after each address (--rolestats, the default; --roles). */
  roles: boolean;
  /** One address per line; else one line per group, joined by `separator`. */
  multiline: boolean;
  separator: string;
  /** Mailing lists (--no-l: none). */
  lists: boolean;
  /** M: and R: people (--no-m, --no-r); applied when the answer is computed. */
  m: boolean;
  r: boolean;
  /** --subsystem, --status: the sections' names and statuses after the addresses. */
  subsystem: boolean;
  status: boolean;
}

export const SCRIPT_OUTPUT: GetMaintainerOutput = {
  roles: true,
  multiline: true,
  separator: ', ',
  lists: true,
  m: true,
  r: true,
  subsystem: false,
  status: false,
};

/** The script's text: the addresses, then (if asked) statuses, then section names; each group as one output() call. */
function scriptText(answer: GetMaintainerAnswer, o: GetMaintainerOutput): string {
  // As the script's output(): on one line even when empty (a bare line break), except the addresses, printed only when there are some.
  const group = (lines: string[]) => (o.multiline ? lines.map((l) => `${l}\n`).join('') : `${lines.join(o.separator)}\n`);
  const recipients = answer.recipients
    .filter((r) => o.lists || r.kind !== 'list')
    .map((r) => (o.roles ? `${r.email} (${r.role})` : r.email));
  return (
    (recipients.length ? group(recipients) : '') + (o.status ? group(answer.statuses) : '') + (o.subsystem ? group(answer.subsystems) : '')
  );
}

export function renderGetMaintainer(
  answer: GetMaintainerAnswer,
  file: MaintainersFile,
  format: MaintainersFormat,
  provenance?: Provenance,
  output: GetMaintainerOutput = SCRIPT_OUTPUT,
): string {
  if (format !== 'json') return scriptText(answer, output);
  const name = (i: number) => file.section(i).name;
  return jsonDocument(
    {
      files: answer.files.map((f) => ({ path: f.path, sections: f.sections.map((s) => ({ name: name(s.section), depth: s.depth })) })),
      keywords: answer.keywords.map((k) => ({ section: name(k.section), keyword: k.keyword })),
      recipients: answer.recipients.filter((r) => output.lists || r.kind !== 'list'),
      ...(output.subsystem ? { subsystems: answer.subsystems } : {}),
      ...(output.status ? { statuses: answer.statuses } : {}),
      ...(answer.rustUsers ? { rustUsers: answer.rustUsers } : {}),
    },
    provenance,
  );
}

export type MaintainersFormat = 'table' | 'json' | 'md' | 'csv';

function rustTable(r: RustMaintainers): Table {
  return {
    headers: ['Section', 'Status', 'Rust files', 'Rust code', 'Covers files', 'Covers code', 'M', 'R', 'Maintainers'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: r.sections.map((s) => [
      s.name,
      s.status,
      s.files,
      s.code,
      s.coveredFiles,
      s.coveredCode,
      s.maintainers.length,
      s.reviewers.length,
      s.maintainers.map((p) => p.name || p.address).join(', '),
    ]),
  };
}

export function renderRustMaintainers(r: RustMaintainers, format: MaintainersFormat, provenance?: Provenance): string {
  if (format === 'json') return jsonDocument(r, provenance);
  if (format === 'csv') return renderCsv(rustTable(r));
  const md = format === 'md';
  const list = (names: string[]) =>
    names.length ? names.map((n) => (md ? `- ${n}` : `  ${n}`)).join('\n') + '\n' : md ? '- none\n' : '  none\n';
  const catchAllCode = r.onlyCatchAll.reduce((n, f) => n + f.code, 0);
  const vendored = r.vendored.files
    ? ` Vendored crates (${r.vendored.files} files, ${r.vendored.code} lines of code) are left out, as in scan and unsafe.`
    : '';
  return [
    `${r.sections.length} MAINTAINERS sections cover the kernel's own ${r.rustFiles} .rs files (${r.rustCode} lines of code).${vendored}\n`,
    `Rust files and code: ${BY_SUBSYSTEM_RULE}; they add up to the total, as unsafe --by subsystem counts.\n`,
    `Covers: every file the section's patterns match, so a file under several sections counts in each.\n\n`,
    md ? renderMarkdown(rustTable(r)) : renderText(rustTable(r)),
    `\nCovered by no section but the catch-all: ${r.onlyCatchAll.length} files, ${catchAllCode} lines of code\n`,
    list(r.onlyCatchAll.map((f) => `${f.path} (${f.code})`)),
    `\nSections with Rust code and no maintainer (M:) at all: ${r.noMaintainer.length}\n`,
    list(r.noMaintainer),
    `\nSections with Rust code and no designated reviewer (R:): ${r.noReviewer.length}\n`,
    list(r.noReviewer),
    `\nSections with Rust code and a single maintainer (M:): ${r.singleMaintainer.length}\n`,
    list(r.singleMaintainer),
  ].join('');
}

const who = (p: Person) => formatEmail(p);

/** One block per step: departures and arrivals first, then each section's changes. */
export function renderMaintainersDiff(steps: MaintainersDiff[], format: MaintainersFormat, provenance?: Provenance): string {
  if (format === 'json') return jsonDocument(steps.length === 1 ? steps[0]! : { steps }, provenance);
  if (format === 'csv') {
    const rows: (string | number)[][] = [];
    for (const d of steps) {
      for (const c of d.changed) {
        for (const [kind, list] of [
          ['maintainer added', c.maintainers.added],
          ['maintainer removed', c.maintainers.removed],
          ['reviewer added', c.reviewers.added],
          ['reviewer removed', c.reviewers.removed],
        ] as const) {
          for (const p of list) rows.push([d.from, d.to, c.section, kind, p.name, p.address]);
        }
        if (c.status) rows.push([d.from, d.to, c.section, 'status', c.status.from, c.status.to]);
      }
    }
    return renderCsv({ headers: ['from', 'to', 'section', 'change', 'name or old', 'address or new'], rows });
  }
  const out: string[] = [];
  const bullet = format === 'md' ? '- ' : '  ';
  for (const d of steps) {
    out.push(`${format === 'md' ? '## ' : ''}MAINTAINERS ${d.from} → ${d.to}\n`);
    out.push(
      `${bullet}sections: ${d.added.length} added, ${d.removed.length} removed, ${d.renamed.length} renamed, ${d.changed.length} with changes\n`,
    );
    out.push(
      `${bullet}people (M: or R: anywhere): ${d.arrived.length} arrived, ${d.departed.length} departed; role addresses: ${d.roles.arrived.length} arrived, ${d.roles.departed.length} departed\n`,
    );
    const block = (title: string, lines: string[]) => {
      if (lines.length) out.push(`\n${title} (${lines.length}):\n${lines.map((l) => `${bullet}${l}\n`).join('')}`);
    };
    block('Departed', d.departed.map(who));
    block('Arrived', d.arrived.map(who));
    block('Role addresses gone (no name, or a mailing list: not people)', d.roles.departed);
    block('Role addresses new', d.roles.arrived);
    block(
      'Section changes',
      d.changed.map((c) =>
        [
          c.renamedFrom ? `${c.section} (renamed from ${c.renamedFrom})` : c.section,
          ...c.maintainers.removed.map((p) => `   - M: ${who(p)}`),
          ...c.maintainers.added.map((p) => `   + M: ${who(p)}`),
          ...c.reviewers.removed.map((p) => `   - R: ${who(p)}`),
          ...c.reviewers.added.map((p) => `   + R: ${who(p)}`),
          ...(c.status ? [`   S: ${c.status.from} → ${c.status.to}`] : []),
        ].join('\n'),
      ),
    );
    block('Sections added', d.added);
    block('Sections removed', d.removed);
    block('New in CREDITS', d.credits);
    out.push('\n');
  }
  return out.join('');
}
