#!/usr/bin/env node
// The costs issue 13 sets for `history --measures all`, measured side by side and printed as ratios
// of medians:
//   node bench/history-measures.js [REPO] [--runs N]
// REPO: a git repository whose tags v6.1 v6.12 v7.2 v7.3 are kernel trees (bench/make-kernel-repo.sh
// builds it; default ~/.cache/ferrometer-bench/kernels.git). Each run starts from empty stores.
// Never part of CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const repo =
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? join(homedir(), '.cache/ferrometer-bench/kernels.git');
const runs = Number(opt('--runs') ?? 3);
const bin = fileURLToPath(new URL('../bin/ferrometer.js', import.meta.url));
const tags = ['v6.1', 'v6.12', 'v7.2', 'v7.3'];

function ferrometer(label, ...a) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...a, '--format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr.slice(-800)}`);
  console.log(`  ${label.padEnd(60)} ${s.toFixed(2).padStart(7)} s`);
  return s;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Blobs of the last tag that none of the older tags holds: what adding it to a warm store must read. */
function newBlobs() {
  const blobs = (tag) =>
    new Set(
      execFileSync('git', ['--git-dir', repo, 'ls-tree', '-r', tag], { encoding: 'utf8', maxBuffer: 1 << 28 })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[2]),
    );
  const last = blobs(tags.at(-1));
  const older = new Set(tags.slice(0, -1).flatMap((t) => [...blobs(t)]));
  const fresh = [...last].filter((b) => !older.has(b)).length;
  return `${fresh} of ${last.size}`;
}

const figures = { lines: [], all: [], warm: [], single: [], added: [] };
console.log(`repo: ${repo}; ${runs} runs, each from empty stores\n`);
for (let i = 0; i < runs; i++) {
  const work = mkdtempSync(join(tmpdir(), 'ferrometer-bench-measures-'));
  const db = (name) => ['--db', join(work, `${name}.db`)];
  try {
    console.log(`run ${i + 1}`);
    // history REPO --revs REVS [--measures all] --db WORK/NAME.db, timed under a label.
    const history = (label, revs, all, name) =>
      ferrometer(label, 'history', repo, '--revs', revs, ...(all ? ['--measures', 'all'] : []), ...db(name));
    const every = tags.join(',');
    const last = tags.at(-1);
    figures.lines.push(history('history of 4 tags, lines, cold store', every, false, 'lines'));
    figures.all.push(history('history of 4 tags, --measures all, cold store', every, true, 'all'));
    figures.warm.push(history('history of 4 tags, --measures all, warm store', every, true, 'all'));
    figures.single.push(history(`history ${last} alone, --measures all, cold store`, last, true, 'single'));
    history('(setup) the three older tags, --measures all', tags.slice(0, -1).join(','), true, 'added');
    figures.added.push(history(`history ${last}, --measures all, store with the older tags`, last, true, 'added'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
const m = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, median(v)]));
console.log(`
medians of ${runs}: lines ${m.lines.toFixed(2)} s, all ${m.all.toFixed(2)} s, warm ${m.warm.toFixed(2)} s, ${tags.at(-1)} alone ${m.single.toFixed(2)} s, ${tags.at(-1)} added ${m.added.toFixed(2)} s
--measures all cold / lines cold            ${(m.all / m.lines).toFixed(2)}  (goal <= 1.6)
--measures all warm / its cold run          ${((100 * m.warm) / m.all).toFixed(1)} %  (goal <= 10 %)
${tags.at(-1)} added to a warm store / alone cold    ${((100 * m.added) / m.single).toFixed(1)} %  (goal <= 50 %; new blobs in ${tags.at(-1)}: ${newBlobs()})`);
