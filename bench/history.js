#!/usr/bin/env node
// The costs issue 3 sets, measured in one run and printed as ratios:
//   node bench/history.js [REPO] [--tree DIR]
// REPO: a git repository whose tags v6.1 v6.12 v7.2 v7.3 are kernel trees (bench/make-kernel-repo.sh
// builds it; default ~/.cache/ferrometer-bench/kernels.git). DIR: an unpacked tree for the directory
// scan figures (default: the 7.3 tree from ../shared/tools/kernel-source). Never part of CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const repo =
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? join(homedir(), '.cache/ferrometer-bench/kernels.git');
const kernelSource = fileURLToPath(new URL('../../shared/tools/kernel-source', import.meta.url));
const tree = opt('--tree') ?? execFileSync(kernelSource, ['7.3'], { encoding: 'utf8' }).trim();
const bin = fileURLToPath(new URL('../bin/ferrometer.js', import.meta.url));
const tags = ['v6.1', 'v6.12', 'v7.2', 'v7.3'];
const work = mkdtempSync(join(tmpdir(), 'ferrometer-bench-'));

function time(label, cmd, cmdArgs) {
  const t0 = performance.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr.slice(-800)}`);
  console.log(`${label.padEnd(52)} ${s.toFixed(2).padStart(7)} s`);
  return s;
}
const ferrometer = (label, ...a) => time(label, process.execPath, [bin, ...a]);
const db = (name) => join(work, `${name}.db`);

try {
  console.log(`repo: ${repo}\ntree: ${tree}\n`);
  spawnSync('rg', ['--no-ignore', '--hidden', '-c', '', tree], { stdio: 'ignore' }); // warm the page cache
  const single = ferrometer('scan --rev v7.3, cold store', 'scan', repo, '--rev', 'v7.3', '--db', db('single'), '--format', 'json');
  const historyRun = (label) => ferrometer(label, 'history', repo, '--revs', tags.join(','), '--db', db('history'), '--format', 'json');
  const cold = historyRun('history of 4 tags, cold store');
  const warm = historyRun('history of 4 tags, warm store');
  let naive = 0;
  for (const tag of tags) {
    const wt = join(work, `wt-${tag}`);
    naive += time(`  git worktree add ${tag}`, 'git', ['--git-dir', repo, 'worktree', 'add', '-q', '--detach', wt, tag]);
    naive += ferrometer(`  scan of the ${tag} worktree`, 'scan', wt, '--no-store', '--format', 'json');
    naive += time(`  git worktree remove ${tag}`, 'git', ['--git-dir', repo, 'worktree', 'remove', '--force', wt]);
  }
  console.log(`${'naive loop: worktree add + scan per tag'.padEnd(52)} ${naive.toFixed(2).padStart(7)} s\n`);
  spawnSync('rg', ['--no-ignore', '--hidden', '-c', '', tree], { stdio: 'ignore' }); // the loop above evicted it
  ferrometer('(untimed warm-up: directory scan, no store)', 'scan', tree, '--no-store', '--format', 'json');
  const plain = ferrometer('directory scan, no store', 'scan', tree, '--no-store', '--format', 'json');
  const storeCold = ferrometer('directory scan, cold store', 'scan', tree, '--db', db('dir'), '--format', 'json');
  const rescan = ferrometer('directory rescan, warm store (unchanged tree)', 'scan', tree, '--db', db('dir'), '--format', 'json');
  const hashOneCore = Number(
    execFileSync(process.execPath, [fileURLToPath(new URL('hash-floor.js', import.meta.url)), tree], { encoding: 'utf8' }),
  );
  const hashFloor = hashOneCore / availableParallelism();
  console.log(`${'SHA-1 of every file, in memory, one core'.padEnd(52)} ${hashOneCore.toFixed(2).padStart(7)} s`);
  console.log(`
history / single cold scan --rev      ${(cold / single).toFixed(2)}  (goal <= 2.5)
naive loop / history                  ${(naive / cold).toFixed(2)}  (goal >= 4)
warm history / cold history           ${((100 * warm) / cold).toFixed(1)} %  (goal <= 10 %)
cold-store scan / no-store scan       ${((100 * (storeCold - plain)) / plain).toFixed(1)} % slower  (goal <= 15 %)
  of which blob ids alone, at best      ${((100 * hashFloor) / plain).toFixed(1)} %  (SHA-1 on one core / ${availableParallelism()} cores: the floor while keys are git blob ids)
cold scan / rescan of unchanged tree  ${(storeCold / rescan).toFixed(2)}  (goal >= 3)`);
} finally {
  spawnSync('git', ['--git-dir', repo, 'worktree', 'prune']);
  rmSync(work, { recursive: true, force: true });
}
