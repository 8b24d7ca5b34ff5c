// The tables of the report's panels: the same numbers as each panel's chart, full length (the
// page filters and sorts them). Pure: the overview in, rows out; numbers stay numbers.
import type { Overview, OverviewPanels, PanelId, TreeNode } from '../analyze/overview/overview.js';

export interface PanelTable {
  caption: string;
  headers: string[];
  rows: (string | number | null)[][];
}

const pct = (part: number, whole: number) => (whole ? Math.round((10000 * part) / whole) / 100 : null);

function flatten(node: TreeNode, out: TreeNode[] = []): TreeNode[] {
  for (const c of node.children ?? []) {
    out.push(c);
    flatten(c, out);
  }
  return out;
}

const BUILDERS: { [P in PanelId]: (p: OverviewPanels[P]) => PanelTable[] } = {
  claims: (p) => [
    {
      caption: 'Claims and verdicts',
      headers: ['Claim', 'Verdict', 'Quote', "ferrometer's figure", 'Why', 'Said by', 'Date'],
      rows: p.claims.map((c) => [c.id, c.verdict, c.claim, c.figure, c.explanation, `${c.source.by}, ${c.source.where}`, c.source.date]),
    },
  ],
  languages: (p) => [
    {
      caption: 'Languages (vendored crates included; their share apart)',
      headers: ['Language', 'Files', 'Code', 'Comment', 'Blank', 'Vendored code'],
      rows: p.languages.map((l) => [
        l.language,
        l.files,
        l.code,
        l.comment,
        l.blank,
        p.vendored.find((v) => v.language === l.language)?.code ?? 0,
      ]),
    },
  ],
  treemap: (p) => [
    {
      caption: `Directories to depth ${p.depth}: code lines by language`,
      headers: ['Directory', 'C code', 'Rust code', 'Other code', 'Rust %'],
      rows: flatten(p.root).map((n) => [n.path, n.c, n.rust, n.other, pct(n.rust, n.c + n.rust)]),
    },
  ],
  history: (p) => [
    {
      caption: 'Every measure per release',
      headers: ['Measure', ...p.revisions.map((r) => r.revision)],
      rows: p.series.map((s) => [s.label, ...s.values]),
    },
    {
      caption: 'Adoption: the first release with Rust in each directory',
      headers: ['Directory', 'First release', 'Date', 'Rust code then', 'Rust code now'],
      rows: p.adoption.map((a) => [a.dir, a.revision, a.date.slice(0, 10), a.rustCode, a.latestRustCode]),
    },
    ...(p.forecast
      ? [
          {
            caption: `Forecast at ${p.forecast.at}`,
            headers: ['Series', 'Model', 'Forecast', 'Low', 'High'],
            rows: p.forecast.series.map((s) => [s.label, s.model, s.projection.value, s.projection.low, s.projection.high]),
          },
        ]
      : []),
  ],
  unsafe: (p) => [
    {
      caption: `Unsafe code per subsystem (${p.grouping})`,
      headers: ['Subsystem', 'Files', 'Code', 'Unsafe blocks', 'With SAFETY', 'SAFETY %', 'Unsafe fns', 'Blocks per kLOC'],
      rows: p.rows.map((r) => [
        r.name,
        r.files,
        r.code,
        r.unsafeBlocks,
        r.documentedUnsafeBlocks,
        pct(r.documentedUnsafeBlocks, r.unsafeBlocks),
        r.unsafeFns,
        r.code ? Math.round((r.unsafeBlocks * 100000) / r.code) / 100 : 0,
      ]),
    },
    {
      caption: 'Unsafe blocks without a SAFETY comment (where the lint applies)',
      headers: ['File', 'Line'],
      rows: p.undocumented.map((u) => [u.path, u.line]),
    },
  ],
  bindings: (p) => [
    {
      caption: 'C symbols named through bindings::, per subsystem',
      headers: ['Subsystem', 'Files', 'Symbols', 'Uses'],
      rows: p.subsystems.map((s) => [s.name, s.files, s.symbols, s.uses]),
    },
    {
      caption: 'Toolchain: minimum versions and architectures',
      headers: ['What', 'Version or condition', 'When'],
      rows: [
        ...p.toolchain.rustc.map((v) => ['rustc', v.version, v.when ?? 'always']),
        ...p.toolchain.bindgen.map((v) => ['bindgen', v.version, v.when ?? 'always']),
        ...p.toolchain.architectures.map((a) => [`arch ${a.arch}`, a.condition ?? 'always', 'selects HAVE_RUST']),
      ],
    },
  ],
  maintainers: (p) => [
    {
      caption: 'MAINTAINERS sections covering Rust',
      headers: ['Section', 'Status', 'Maintainers', 'Reviewers', 'Rust files', 'Rust code', 'Covers files', 'Covers code'],
      rows: p.sections.map((s) => [
        s.name,
        s.status,
        s.maintainers.map((m) => m.name).join(', '),
        s.reviewers.map((r) => r.name).join(', '),
        s.files,
        s.code,
        s.coveredFiles,
        s.coveredCode,
      ]),
    },
  ],
  people: (p) => [
    {
      caption: `People per release interval (${p.scope})`,
      headers: ['Interval', 'Changesets', 'Developers', 'First-time', 'Went quiet', 'Reviewed', 'Reviewed %'],
      rows: p.intervals.map((i) => [i.interval, i.changesets, i.developers, i.firstTime, i.wentQuiet, i.reviewed, i.reviewShare]),
    },
  ],
  cves: (p) => [
    {
      caption: 'CVEs per year by language',
      headers: ['Year', 'CVEs', 'C', 'Rust', 'Mixed', 'Asm', 'Other', 'None', 'Memory safety'],
      rows: Object.entries(p.byYear).map(([y, c]) => [y, c.cves, c.c, c.rust, c.mixed, c.asm, c.other, c.none, c.memorySafety]),
    },
    {
      caption: 'Classes (memory safety: what safe Rust rules out)',
      headers: ['Class', 'Memory safety', 'CVEs', 'In Rust'],
      rows: p.classes.map((c) => [c.class, c.memory ? 'yes' : 'no', c.counts.cves, c.counts.rust + c.counts.mixed]),
    },
    {
      caption: 'CVEs in Rust code',
      headers: ['CVE', 'Published', 'Title', 'Files'],
      rows: p.rust.map((c) => [c.id, c.published, c.title, c.files.join(', ')]),
    },
  ],
};

export function panelTables(overview: Overview): Partial<Record<PanelId, PanelTable[]>> {
  const out: Partial<Record<PanelId, PanelTable[]>> = {};
  for (const id of Object.keys(overview.panels) as PanelId[]) {
    const panel = overview.panels[id];
    if (panel) out[id] = (BUILDERS[id] as (p: unknown) => PanelTable[])(panel);
  }
  return out;
}
