#!/usr/bin/env node
// Benchmark: `ferrometer people` over a repository's release intervals, cold (empty store, and no
// store) and warm, beside the floor run in the same session: one bare `git log` of the same range
// with the same options (ferrometer's own argument list), its output read and dropped. Peak memory
// (max RSS) of each ferrometer run is printed. Medians of RUNS runs (default 3).
//   node bench/people.js REPO ['TAG-GLOB'] [RUNS]     e.g. node bench/people.js ~/src/u-boot 'v20*'
// A mirror that lacks a blob (u-boot's snapshot misses one generated mbedtls test file) needs a
// stand-in first: git replace <missing-blob> $(git hash-object -w --stdin </dev/null)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [repo, glob = 'v20*', runsArg = '3'] = process.argv.slice(2);
if (!repo) {
  console.error("usage: node bench/people.js REPO ['TAG-GLOB'] [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg);
const bin = new URL('../bin/ferrometer.js', import.meta.url).pathname;
const { logArguments } = await import(new URL('../dist/src/source/git-log.js', import.meta.url).href);
const dir = mkdtempSync(join(tmpdir(), 'ferrometer-bench-people-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs a command, reading and dropping its stdout; resolves to [seconds, max RSS in MB or undefined]. */
function timed(cmd, args) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = timeBin ? spawn(timeBin, ['-f', '%M', cmd, ...args]) : spawn(cmd, args);
    let stderr = '';
    p.stdout.on('data', () => {});
    p.stderr.on('data', (c) => (stderr += c));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')} … exit ${code}: ${stderr.slice(-500)}`));
      const rss = timeBin ? Number(stderr.trim().split('\n').at(-1)) / 1024 : undefined;
      resolve([(performance.now() - t) / 1000, rss]);
    });
  });
}

try {
  const tags = spawnSync('git', ['--git-dir', repo, 'for-each-ref', '--sort=creatordate', '--format=%(refname:short)', 'refs/tags'], {
    encoding: 'utf8',
  })
    .stdout.split('\n')
    .filter((t) => t && new RegExp(`^${glob.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(t) && !/-rc\d*$/.test(t));
  const [first, last] = [tags[0], tags.at(-1)];
  const count = spawnSync('git', ['--git-dir', repo, 'rev-list', '--count', '--no-merges', last, `^${first}`], {
    encoding: 'utf8',
  }).stdout.trim();
  console.log(`${repo}: ${tags.length} release tags (${first} … ${last}), ${count} non-merge commits in the intervals`);
  const floor = [];
  const noStore = [];
  const cold = [];
  const warm = [];
  let rss = { noStore: 0, cold: 0, warm: 0 };
  const cli = (db) => ['node', [bin, 'people', repo, '--revs', glob, '--format', 'json', ...(db ? ['--db', db] : ['--no-store'])]];
  for (let i = 0; i < runs; i++) {
    const [f] = await timed('git', logArguments({ path: repo, gitDir: repo }, { diffs: true, revisions: [last, `^${first}`] }));
    floor.push(f);
    const [n, nr] = await timed(...cli());
    noStore.push(n);
    const db = join(dir, `store-${i}.db`);
    const [c, cr] = await timed(...cli(db));
    cold.push(c);
    const [w, wr] = await timed(...cli(db));
    warm.push(w);
    rss = { noStore: Math.max(rss.noStore, nr ?? 0), cold: Math.max(rss.cold, cr ?? 0), warm: Math.max(rss.warm, wr ?? 0) };
    console.log(`run ${i + 1}: floor ${f.toFixed(2)} s, no store ${n.toFixed(2)} s, cold ${c.toFixed(2)} s, warm ${w.toFixed(2)} s`);
  }
  const [f, n, c, w] = [median(floor), median(noStore), median(cold), median(warm)];
  console.log(`medians of ${runs}: floor (bare git log -p of ${first}..${last}) ${f.toFixed(2)} s`);
  console.log(
    `  no store ${n.toFixed(2)} s (${(n / f).toFixed(2)}× the floor); cold store ${c.toFixed(2)} s (${(c / f).toFixed(2)}× the floor, goal ≤ 1.3); warm ${w.toFixed(2)} s (${((100 * w) / c).toFixed(1)} % of cold, goal ≤ 5 %)`,
  );
  console.log(
    `  peak memory (max RSS): no store ${rss.noStore.toFixed(0)} MB, cold ${rss.cold.toFixed(0)} MB, warm ${rss.warm.toFixed(0)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
