// The report page's script, bundled with the parts of ECharts it uses (scripts/build-report.js)
// and inlined into every report. It reads the embedded JSON and builds the panels. Every string
// from the data goes into the page as text (textContent, ECharts' text), never as markup.
import { BarChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { OverviewPanels, PanelId, TreeNode } from '../src/analyze/overview/overview.js';
import { compareVersions } from '../src/core/versions.js';
import type { PagePayload } from '../src/report/html.js';
import type { PanelTable } from '../src/report/overview-tables.js';

echarts.use([BarChart, LineChart, PieChart, TreemapChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = Record<string, unknown>;
performance.mark('script');
const data = JSON.parse(document.getElementById('ferrometer-data')!.textContent!) as PagePayload;
performance.measure('parse data', 'script');
const charts: Record<string, echarts.ECharts> = {};
const options: Record<string, Option> = {};
(window as unknown as { ferrometerCharts: typeof charts }).ferrometerCharts = charts;

const COLORS = { c: '#5b7fa6', rust: '#dea584', mixed: '#a98f8f', other: '#b9b9b9', ok: '#2e9b57', bad: '#d2452f' };
const VERDICT_COLORS: Record<string, string> = {
  reproduced: '#2e9b57',
  'reproduced with nuance': '#8dbb3c',
  contradicted: '#d2452f',
  'not comparable': '#c9a227',
  'not checkable': '#8b939c',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// One formatter for every cell: toLocaleString builds a new one per call, which made a table of
// 4,000 rows take a second.
const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const fmt = (v: unknown) => (typeof v === 'number' ? numbers.format(v) : v === null || v === undefined ? '—' : String(v));
/** Rows drawn at first; the rest on request (sorting and filtering always see them all). */
const FIRST_ROWS = 200;
const isDark = () => document.documentElement.dataset.theme === 'dark' || (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);

/** Numbers by value, release-like text ("6.10") by version, other text by code unit. */
function compareCells(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  const x = String(a);
  const y = String(b);
  if (/^v?\d+\.\d+/.test(x) && /^v?\d+\.\d+/.test(y)) return compareVersions(x, y) || (x < y ? -1 : x > y ? 1 : 0);
  return x < y ? -1 : x > y ? 1 : 0;
}

function tableOf(t: PanelTable, panel: PanelId, index: number): HTMLElement {
  const wrap = el('div');
  let rows = t.rows;
  const table = el('table', { 'data-panel': panel, 'data-table': String(index) });
  table.append(el('caption', {}, `${t.caption} (${t.rows.length})`));
  const head = el('tr');
  const body = el('tbody');
  let all = false;
  const more = el('button', { type: 'button', class: 'more' });
  more.addEventListener('click', () => {
    all = true;
    draw();
  });
  const draw = () => {
    more.hidden = all || rows.length <= FIRST_ROWS;
    more.textContent = `Show all ${numbers.format(rows.length)} rows`;
    if (!rows.length) {
      const tr = el('tr');
      tr.append(el('td', { colspan: String(t.headers.length), class: 'none' }, t.rows.length ? 'no row matches' : 'none'));
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(
      ...(all ? rows : rows.slice(0, FIRST_ROWS)).map((r) => {
        const tr = el('tr');
        for (const v of r) tr.append(el('td', typeof v === 'number' ? { class: 'n' } : {}, fmt(v)));
        return tr;
      }),
    );
  };
  t.headers.forEach((h, c) => {
    const th = el('th', { scope: 'col' }, h);
    th.addEventListener('click', () => {
      const descending = th.getAttribute('aria-sort') === 'ascending';
      for (const other of head.children) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      rows = [...rows].sort((a, b) => (descending ? -1 : 1) * compareCells(a[c], b[c]));
      draw();
    });
    head.append(th);
  });
  table.append(el('thead'), body);
  table.tHead!.append(head);
  draw();
  if (t.rows.length > 15) {
    const filter = el('input', { class: 'filter', type: 'search', placeholder: `filter ${t.rows.length} rows…`, 'aria-label': `filter ${t.caption}` });
    filter.addEventListener('input', () => {
      const q = filter.value.toLowerCase();
      rows = t.rows.filter((r) => r.some((v) => fmt(v).toLowerCase().includes(q)));
      draw();
    });
    wrap.append(filter);
  }
  const scroller = el('div', { class: 'table-wrap' });
  scroller.append(table);
  wrap.append(scroller, more);
  return wrap;
}

function top<T>(xs: T[], n: number, by: (x: T) => number): T[] {
  return [...xs].sort((a, b) => by(b) - by(a)).slice(0, n);
}

function barOption(names: string[], series: { name: string; data: number[]; color?: string; stack?: string }[], horizontal = true): Option {
  const category = { type: 'category', data: names, inverse: horizontal, axisLabel: { width: 220, overflow: 'truncate' } };
  const value = { type: 'value' };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: horizontal ? 230 : 60, right: 30, top: 36, bottom: 30 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack: s.stack, itemStyle: s.color ? { color: s.color } : undefined })),
  };
}

/** The chart's nodes: three levels, and nothing smaller than 0.01 % of the tree (the table has them all). */
function treemapNodes(n: TreeNode, total = n.c + n.rust + n.other, level = 1): Option[] {
  return (n.children ?? []).filter((c) => c.c + c.rust + c.other >= total / 10000).map((c) => {
    // Rust shows where it is a real part of a directory, not wherever one file of it sits.
    const share = c.c + c.rust ? c.rust / (c.c + c.rust) : 0;
    const color = share >= 0.5 ? COLORS.rust : share >= 0.05 ? COLORS.mixed : c.c >= c.other ? COLORS.c : COLORS.other;
    const size = c.c + c.rust + c.other;
    return { name: c.name, path: c.path, value: size, rust: c.rust, itemStyle: { color }, children: c.children && level < 3 ? treemapNodes(c, total, level + 1) : undefined };
  });
}

const CHARTS: { [P in PanelId]: (p: OverviewPanels[P]) => Option } = {
  claims: (p) => {
    const counts = Object.entries(p.counts).filter(([, n]) => n > 0);
    return {
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      series: [{ type: 'pie', radius: ['40%', '70%'], top: 30, data: counts.map(([v, n]) => ({ name: v, value: n, itemStyle: { color: VERDICT_COLORS[v] } })) }],
    };
  },
  languages: (p) => {
    const rows = top(p.languages, 12, (l) => l.code);
    const vendored = (l: string) => p.vendored.find((v) => v.language === l)?.code ?? 0;
    const bars = barOption(
      rows.map((l) => l.language),
      [
        { name: 'own code', data: rows.map((l) => l.code - vendored(l.language)), color: COLORS.c },
        { name: 'vendored code', data: rows.map((l) => vendored(l.language)), color: COLORS.other },
      ],
    );
    // Rust in its own colour, on a log scale: on a linear one its bar is a line next to C's.
    const own = (bars.series as { data: unknown[] }[])[0]!;
    own.data = rows.map((l) => ({ value: l.code - vendored(l.language) || null, itemStyle: { color: l.language === 'Rust' ? COLORS.rust : COLORS.c } }));
    (bars.series as { data: unknown[] }[])[1]!.data = rows.map((l) => vendored(l.language) || null);
    return { ...bars, xAxis: { type: 'log', min: 100 } };
  },
  treemap: (p) => ({
    tooltip: {
      formatter: (info: { data: { path: string; value: number; rust: number } }) =>
        `${escapeText(info.data.path)}<br>${fmt(info.data.value)} code lines, ${fmt(info.data.rust)} Rust`,
    },
    series: [
      {
        type: 'treemap',
        name: 'the whole tree',
        data: treemapNodes(p.root),
        leafDepth: 1,
        roam: false,
        breadcrumb: { show: true },
        label: { show: true, formatter: '{b}' },
        upperLabel: { show: true, height: 20 },
        levels: [{ itemStyle: { borderWidth: 2, gapWidth: 2 } }, { itemStyle: { gapWidth: 1 } }],
      },
    ],
  }),
  history: (p) => {
    const keys = ['rust.ownCode', 'unsafe.blocks', 'glue.symbols', 'maintainers.people'];
    const series = p.series.filter((s) => keys.includes(s.key));
    // The forecast of own Rust code continues its line, dashed, to the forecast date.
    const found = p.forecast?.series.find((f) => f.key === 'rust.ownCode');
    // A degenerate fit (releases a day apart, as in a test clone) projects nothing worth a line.
    const projected = found && found.projection.value > 0 ? found : undefined;
    const axis = [...p.revisions.map((r) => r.revision), ...(projected ? [`forecast ${projected.at}`] : [])];
    const lines: Option[] = series.map((s) => ({ type: 'line', name: s.label, data: s.values.map((v) => (v && v > 0 ? v : null)), connectNulls: true }));
    if (projected) {
      const own = series.find((s) => s.key === 'rust.ownCode')!;
      lines.push({
        type: 'line',
        name: `${own.label}, forecast (80 % interval ${numbers.format(Math.round(projected.projection.low))}–${numbers.format(Math.round(projected.projection.high))})`,
        data: [...own.values.slice(0, -1).map(() => null), own.values.at(-1), projected.projection.value],
        lineStyle: { type: 'dashed' },
      });
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 30, top: 60, bottom: 30 },
      xAxis: { type: 'category', data: axis },
      yAxis: { type: 'log', min: 1 },
      series: lines,
    };
  },
  unsafe: (p) => {
    const rows = top(p.rows, 20, (r) => r.unsafeBlocks);
    return barOption(
      rows.map((r) => r.name),
      [
        { name: 'with SAFETY', data: rows.map((r) => r.documentedUnsafeBlocks), color: COLORS.ok, stack: 'b' },
        { name: 'without (the lint may be allowed there)', data: rows.map((r) => r.unsafeBlocks - r.documentedUnsafeBlocks), color: COLORS.bad, stack: 'b' },
      ],
    );
  },
  bindings: (p) => {
    const rows = top(p.subsystems, 20, (s) => s.symbols);
    return barOption(
      rows.map((s) => s.name),
      [{ name: 'C symbols used', data: rows.map((s) => s.symbols), color: COLORS.c }],
    );
  },
  maintainers: (p) => {
    const rows = top(p.sections, 20, (s) => s.code);
    return barOption(
      rows.map((s) => s.name),
      [
        { name: 'Rust code, one maintainer', data: rows.map((s) => (s.maintainers.length === 1 ? s.code : 0)), color: COLORS.bad, stack: 's' },
        { name: 'Rust code, more', data: rows.map((s) => (s.maintainers.length > 1 ? s.code : 0)), color: COLORS.ok, stack: 's' },
        { name: 'Rust code, none', data: rows.map((s) => (s.maintainers.length === 0 ? s.code : 0)), color: COLORS.other, stack: 's' },
      ],
    );
  },
  people: (p) => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 30, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: p.intervals.map((i) => i.interval) },
    yAxis: { type: 'value' },
    series: [
      { type: 'line', name: 'developers', data: p.intervals.map((i) => i.developers) },
      { type: 'line', name: 'first-time', data: p.intervals.map((i) => i.firstTime) },
      { type: 'line', name: 'went quiet', data: p.intervals.map((i) => i.wentQuiet) },
    ],
  }),
  cves: (p) => {
    const years = Object.keys(p.byYear);
    const groups: [string, 'c' | 'rust' | 'mixed' | 'asm' | 'other', string][] = [
      ['C', 'c', COLORS.c],
      ['Rust', 'rust', COLORS.rust],
      ['Rust and C', 'mixed', '#c98f6d'],
      ['assembly', 'asm', '#7a6fa6'],
      ['other', 'other', COLORS.other],
    ];
    return barOption(
      years,
      groups.map(([name, key, color]) => ({ name, data: years.map((y) => p.byYear[y]![key]), color, stack: 'y' })),
      false,
    );
  },
};

/** Text for ECharts' HTML tooltips: escaped, since the tooltip is markup. */
function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function download(id: PanelId): void {
  const blob = new Blob([JSON.stringify(data.overview.panels[id], null, 2)], { type: 'application/json' });
  const a = el('a', { href: URL.createObjectURL(blob), download: `ferrometer-${id}.json` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function claimCards(p: OverviewPanels['claims']): HTMLElement {
  const cards = el('div', { class: 'cards' });
  for (const c of p.claims) {
    const kind = c.verdict === 'reproduced with nuance' ? 'nuance' : c.verdict.replace(/ /g, '-');
    const card = el('div', { class: `card ${kind}`, 'data-claim': c.id });
    card.append(el('span', { class: 'v' }, c.verdict), el('q', {}, c.claim), el('div', {}, c.figure), el('small', {}, `${c.source.by}, ${c.source.date}`));
    cards.append(card);
  }
  return cards;
}

function renderChart(id: PanelId, div: HTMLElement): void {
  charts[id]?.dispose();
  const chart = echarts.init(div, isDark() ? 'dark' : undefined, { renderer: 'canvas' });
  chart.setOption({ backgroundColor: 'transparent', animation: false, ...options[id]! });
  charts[id] = chart;
}

function build(): void {
  const o = data.overview;
  const inputs = document.getElementById('inputs')!;
  const tree = o.inputs.revision ? `${o.inputs.tree} at ${o.inputs.revision.name} (${o.inputs.revision.commit.slice(0, 12)})` : o.inputs.tree;
  inputs.textContent = `Tree: ${tree}${o.inputs.release ? `, release ${o.inputs.release}` : ''}${o.inputs.also.length ? `; also ${o.inputs.also.join(', ')}` : ''}${
    o.inputs.vulns ? `; vulns: ${o.inputs.vulns.path}${o.inputs.vulns.commit ? ` (${o.inputs.vulns.commit.slice(0, 12)})` : ''}` : ''
  }; ferrometer ${data.provenance?.version ?? ''}; ${o.today}`;
  const heads = document.getElementById('headlines')!;
  for (const h of data.headlines) {
    const card = el('div', { class: 'headline', 'data-headline': h.label });
    card.append(el('b', {}, fmt(h.value)), el('span', {}, h.label));
    heads.append(card);
  }
  const main = document.getElementById('panels')!;
  main.replaceChildren();
  let n = 0;
  for (const id of data.order) {
    const panel = o.panels[id];
    const section = el('section', { class: 'panel', id: `panel-${id}`, 'data-panel': id });
    const missing = o.missing.find((m) => m.panel === id);
    if (!panel) {
      if (!missing) continue;
      const h2 = el('h2');
      h2.append(el('small', {}, '—'), document.createTextNode(data.titles[id]));
      section.append(h2, el('p', { class: 'missing' }, `Left out: ${missing.reason}.`));
      main.append(section);
      continue;
    }
    n++;
    const tools = el('div', { class: 'tools' });
    const button = el('button', { type: 'button' }, 'Download JSON');
    button.addEventListener('click', () => download(id));
    tools.append(button);
    const h2 = el('h2');
    h2.append(el('small', {}, `${n}.`), document.createTextNode(data.titles[id]));
    const method = el('p', { class: 'method' });
    method.append(document.createTextNode('The same numbers: '), el('code', {}, o.methods[id] ?? ''));
    section.append(tools, h2, method);
    if (id === 'claims') section.append(claimCards(panel as OverviewPanels['claims']));
    const chart = el('div', { class: id === 'treemap' ? 'chart tall' : 'chart', 'data-chart': id });
    section.append(chart);
    if (id === 'treemap')
      section.append(el('p', { class: 'method' }, 'Colour: blue C, orange half Rust or more, mauve 5–50 % Rust, grey other languages. Click a directory to go into it.'));
    const t1 = performance.now();
    (data.tables[id] ?? []).forEach((t, i) => section.append(tableOf(t, id, i)));
    performance.measure(`tables ${id}`, { start: t1 });
    main.append(section);
    const t0 = performance.now();
    options[id] = (CHARTS[id] as (p: unknown) => Option)(panel);
    renderChart(id, chart);
    performance.measure(`chart ${id}`, { start: t0 });
  }
  const footer = document.getElementById('footer')!;
  footer.textContent = 'Made by ferrometer from primary sources: each panel names the command that prints the same numbers as JSON.';
  document.documentElement.dataset.ready = 'true';
}

document.getElementById('theme')!.addEventListener('click', () => {
  document.documentElement.dataset.theme = isDark() ? 'light' : 'dark';
  for (const div of document.querySelectorAll<HTMLElement>('[data-chart]')) renderChart(div.dataset.chart as PanelId, div);
});
addEventListener('resize', () => {
  for (const c of Object.values(charts)) c.resize();
});
build();
