// `report`: one self-contained HTML page. The overview and its tables are embedded once as JSON
// (`<` escaped, so no text in them can close the script element), the page's own script (ECharts
// and the panels, bundled at build time) is inlined once, and a Content-Security-Policy allows that
// script alone, by its hash, and no network at all. Pure: the overview and the script in, HTML out.
import { createHash } from 'node:crypto';
import { PANELS, type Overview, type PanelId } from '../analyze/overview/overview.js';
import type { Provenance } from './json.js';
import { panelTables, type PanelTable } from './overview-tables.js';

export const PANEL_TITLES: Record<PanelId, string> = {
  claims: 'The claims, checked',
  languages: 'Languages and the Rust share',
  treemap: 'The tree by directory',
  history: 'Every measure per release',
  unsafe: 'Unsafe code and SAFETY comments',
  bindings: 'The binding surface and the toolchain',
  maintainers: 'Who keeps the Rust code (MAINTAINERS)',
  people: 'Who writes and reviews the Rust code',
  cves: 'CVEs by year, language and class',
};

export interface Headline {
  label: string;
  value: number | string;
  panel: PanelId;
}

/** The numbers on top of the page, each taken as is from a panel. */
export function headlines(o: Overview): Headline[] {
  const out: Headline[] = [];
  const p = o.panels;
  if (p.languages) {
    out.push({ label: 'own Rust code lines', value: p.languages.rust.ownCode, panel: 'languages' });
    out.push({ label: 'own Rust share of C + Rust, %', value: p.languages.rust.ownShare, panel: 'languages' });
  }
  if (p.unsafe) {
    out.push({ label: 'unsafe blocks', value: p.unsafe.summary.unsafeBlocks, panel: 'unsafe' });
    out.push({ label: 'unsafe blocks failing the SAFETY lint', value: p.unsafe.undocumentedUnsafeBlocks, panel: 'unsafe' });
  }
  if (p.maintainers) out.push({ label: 'MAINTAINERS sections covering Rust', value: p.maintainers.sections.length, panel: 'maintainers' });
  if (p.cves) {
    out.push({ label: 'kernel CVEs published', value: p.cves.published, panel: 'cves' });
    out.push({ label: 'CVEs in Rust code', value: p.cves.rust.length, panel: 'cves' });
  }
  return out;
}

export interface PagePayload {
  overview: Overview;
  tables: Partial<Record<PanelId, PanelTable[]>>;
  headlines: Headline[];
  titles: Record<PanelId, string>;
  order: readonly PanelId[];
  provenance?: Provenance;
}

/** JSON that can sit inside a script element: `<` (and the two JS line separators) escaped. */
export function embeddableJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const STYLE = `
:root{--bg:#fbfaf8;--fg:#1f2328;--muted:#5d6570;--card:#fff;--line:#e3e0da;--accent:#b7410e;--c:#5b7fa6;--rust:#dea584;--other:#b9b9b9}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--bg:#15171a;--fg:#e6e6e6;--muted:#9aa3ad;--card:#1e2125;--line:#33373d;--accent:#f0a070}}
:root[data-theme=dark]{--bg:#15171a;--fg:#e6e6e6;--muted:#9aa3ad;--card:#1e2125;--line:#33373d;--accent:#f0a070}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}
header h1{font-size:28px;margin:28px 0 4px}header h1 span{color:var(--accent)}
.inputs{color:var(--muted);font-size:13px;margin:0 0 16px}.inputs code{font-size:12px}
.headlines{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:12px;margin:16px 0 8px}
.headline{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.headline b{display:block;font-size:24px;font-variant-numeric:tabular-nums}.headline span{color:var(--muted);font-size:12px}
section.panel{background:var(--card);border:1px solid var(--line);border-radius:12px;margin:20px 0;padding:8px 20px 16px;break-inside:avoid}
section.panel h2{font-size:20px;margin:12px 0 4px}section.panel h2 small{color:var(--muted);font-weight:normal;margin-right:8px}
.method{color:var(--muted);font-size:12px;margin:0 0 10px;word-break:break-all}.method code{background:transparent}
.tools{float:right;margin-top:14px}.tools button,.theme{font:inherit;font-size:12px;border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:6px;padding:4px 10px;cursor:pointer}
.chart{width:100%;height:380px}.chart.tall{height:520px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(270px,1fr));gap:10px;margin:8px 0 14px}
.card{border:1px solid var(--line);border-left:5px solid var(--other);border-radius:8px;padding:10px 12px;font-size:13px}
.card q{display:block;font-style:italic;margin:4px 0}.card .v{font-weight:600;text-transform:uppercase;font-size:11px;letter-spacing:.04em}
.card.reproduced{border-left-color:#2e9b57}.card.nuance{border-left-color:#8dbb3c}.card.contradicted{border-left-color:#d2452f}.card.not-comparable{border-left-color:#c9a227}.card.not-checkable{border-left-color:#8b939c}
.table-wrap{max-height:420px;overflow:auto;border:1px solid var(--line);border-radius:8px;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:13px}caption{text-align:left;font-weight:600;padding:8px 10px}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}td.none{color:var(--muted);font-style:italic}
th{position:sticky;top:0;background:var(--card);cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
input.filter{font:inherit;font-size:13px;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);margin:6px 0;width:260px}
.missing{color:var(--muted)}button.more{font:inherit;font-size:12px;border:1px solid var(--line);background:var(--bg);color:var(--fg);border-radius:6px;padding:3px 10px;cursor:pointer;margin-bottom:6px}footer{color:var(--muted);font-size:12px;padding:20px}
@media print{.tools,.theme,input.filter{display:none}.table-wrap{max-height:none;overflow:visible}body{background:#fff;color:#000}section.panel{border-color:#ccc}}
`;

export function renderHtml(overview: Overview, script: string, provenance?: Provenance): string {
  const payload: PagePayload = {
    overview,
    tables: panelTables(overview),
    headlines: headlines(overview),
    titles: PANEL_TITLES,
    order: PANELS,
    provenance,
  };
  // The script is inlined as is; "</script" cannot occur in it unescaped.
  const code = script.replace(/<\/script/gi, '<\\/script');
  const hash = createHash('sha256').update(code).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rust in Linux, measured — ferrometer</title>
<style>${STYLE}</style>
</head>
<body>
<header><button class="theme" id="theme" type="button" style="float:right;margin-top:30px">Dark / light</button><h1>Rust in Linux, <span>measured</span></h1><p class="inputs" id="inputs"></p><div class="headlines" id="headlines"></div></header>
<main id="panels"><noscript>The charts and tables need JavaScript; the data is in this file as JSON.</noscript></main>
<footer id="footer"></footer>
<script id="ferrometer-data" type="application/json">${embeddableJson(payload)}</script>
<script>${code}</script>
</body>
</html>
`;
}
