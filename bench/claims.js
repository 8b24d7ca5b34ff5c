#!/usr/bin/env node
// `claims` with a warm store on three kernel trees and the vulns clone (issue 14: ≤ 5 s), side by
// side with the floor it builds on: the single commands whose figures it gathers, run warm in the
// same session (scan of each tree, cves, maintainers --rust and bindings of the newest).
//   node bench/claims.js TREE_7_3 TREE_6_1 TREE_6_12 VULNS [--runs N]
// Defaults: the trees of ../shared/tools/kernel-source's cache and /tmp/vulns. Never part of CI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 5);
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const cache = join(homedir(), '.cache/kernel-sources');
const [k73, k61, k612, vulns] = [
  positional[0] ?? join(cache, 'linux-source-7.3'),
  positional[1] ?? join(cache, 'linux-source-6.1'),
  positional[2] ?? join(cache, 'linux-source-6.12'),
  positional[3] ?? '/tmp/vulns',
];
const bin = fileURLToPath(new URL('../bin/ferrometer.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ferrometer-bench-claims-'));
const db = join(work, 'store.db');

function ferrometer(...a) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...a, '--format', 'json', '--db', db], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${a[0]} failed: ${r.stderr.slice(-800)}`);
  return (performance.now() - t0) / 1000;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const claims = () => ferrometer('claims', k73, '--also', k61, k612, '--vulns', vulns);
const singles = () =>
  ferrometer('scan', k73) +
  ferrometer('scan', k61) +
  ferrometer('scan', k612) +
  ferrometer('cves', vulns) +
  ferrometer('maintainers', k73, '--rust') +
  ferrometer('bindings', k73);

try {
  console.log(`cold claims (empty store): ${claims().toFixed(2)} s`);
  singles(); // the single commands' own stored rows (Rust of every tree, MAINTAINERS) warm too
  const warm = [];
  const floor = [];
  for (let i = 0; i < runs; i++) {
    warm.push(claims());
    floor.push(singles());
    console.log(`  run ${i + 1}: claims ${warm.at(-1).toFixed(2)} s, the six single commands ${floor.at(-1).toFixed(2)} s`);
  }
  const w = median(warm);
  const f = median(floor);
  console.log(`\nwarm claims: median ${w.toFixed(2)} s (goal ≤ 5 s); the single commands: ${f.toFixed(2)} s; ratio ${(w / f).toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
