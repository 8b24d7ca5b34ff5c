#!/usr/bin/env node
// `report` with a warm store on a kernel tree and the vulns clone (issue 15: ≤ 5 s), beside the
// single commands whose JSON its panels hold, run warm in the same session; and how long the page
// takes to become interactive in Debian's chromium (issue 15: ≤ 2 s), medians of N runs.
//   node bench/report.js [TREE] [VULNS] [--runs N]
// Defaults: the 7.3 tree of ../shared/tools/kernel-source's cache and /tmp/vulns. Never part of CI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../dist/test/helpers/browser.js';

const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 5);
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const tree = positional[0] ?? join(homedir(), '.cache/kernel-sources/linux-source-7.3');
const vulns = positional[1] ?? '/tmp/vulns';
const bin = fileURLToPath(new URL('../bin/ferrometer.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ferrometer-bench-report-'));
const db = join(work, 'store.db');
const page = join(work, 'report.html');

function ferrometer(...a) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...a, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${a[0]} failed: ${r.stderr.slice(-800)}`);
  return (performance.now() - t0) / 1000;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const report = () => ferrometer('report', tree, '--vulns', vulns, '-o', page);
const json = (...a) => ferrometer(...a, '--format', 'json');
const singles = () =>
  json('scan', tree) +
  json('unsafe', tree, '--by', 'subsystem', '--list') +
  json('bindings', tree) +
  json('maintainers', tree, '--rust') +
  json('cves', vulns) +
  json('claims', tree, '--vulns', vulns);

async function interactive() {
  const browser = await launchChromium();
  try {
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const t0 = performance.now();
    await p.goto(`file://${page}`);
    await p.waitForSelector('html[data-ready=true]');
    return (performance.now() - t0) / 1000;
  } finally {
    await browser.close();
  }
}

try {
  console.log(`cold report (empty store): ${report().toFixed(2)} s`);
  singles();
  const warm = [];
  const floor = [];
  const load = [];
  for (let i = 0; i < runs; i++) {
    warm.push(report());
    floor.push(singles());
    load.push(await interactive());
    console.log(
      `  run ${i + 1}: report ${warm.at(-1).toFixed(2)} s, the six commands ${floor.at(-1).toFixed(2)} s, page interactive ${load.at(-1).toFixed(2)} s`,
    );
  }
  const w = median(warm);
  const f = median(floor);
  console.log(`\nwarm report: median ${w.toFixed(2)} s (goal ≤ 5 s); the six commands: ${f.toFixed(2)} s; ratio ${(w / f).toFixed(2)}`);
  console.log(
    `page: ${(statSync(page).size / 1024 / 1024).toFixed(2)} MB (goal < 10 MB); interactive after ${median(load).toFixed(2)} s (goal ≤ 2 s)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
