#!/usr/bin/env node
// Issue 16's latency: one file, and one patch of a few files, answered by ferrometer and by the
// tree's own get_maintainer.pl, each as a user runs it (a fresh process), medians of N runs.
//   node bench/maintainers-latency.js [TREE] [--runs N] [--patch FILE]
// TREE defaults to the 7.3 tree from ../shared/tools/kernel-source; the patch to one made from the
// differences between 6.12 and 7.3 in three files. Never part of CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const kernelSource = fileURLToPath(new URL('../../shared/tools/kernel-source', import.meta.url));
const tree =
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ??
  execFileSync(kernelSource, ['7.3'], { encoding: 'utf8' }).trim();
const runs = Number(opt('--runs') ?? 5);
// The command npm installs (a sh launcher that gives Node its heap flags), as a user runs it.
const bin = fileURLToPath(new URL('../bin/ferrometer', import.meta.url));

function patchOf(files) {
  const old = execFileSync(kernelSource, ['6.12'], { encoding: 'utf8' }).trim();
  let text =
    'From: Some One <some.one@example.org>\nSubject: [PATCH] rust: update\n\nSigned-off-by: Some One <some.one@example.org>\n---\n';
  for (const f of files) {
    const r = spawnSync('diff', ['-u', '--label', `a/${f}`, '--label', `b/${f}`, join(old, f), join(tree, f)], { encoding: 'utf8' });
    text += `diff --git a/${f} b/${f}\n${r.stdout}`;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'ferrometer-latency-')), '0001.patch');
  writeFileSync(path, text);
  return path;
}
const patch = opt('--patch') ?? patchOf(['rust/kernel/sync/refcount.rs', 'drivers/android/binder/node.rs', 'include/linux/refcount.h']);

function timed(cmd, cmdArgs, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', env: { ...process.env, PERL_HASH_SEED: '0' } });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')}: ${r.stderr}`);
  return (performance.now() - t0) / 1000;
}
const middle = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The script and ferrometer run in turn, a pair at a time: this machine's speed drifts within a
 * minute, and a block of one tool's runs then the other's measures the drift. Medians of each, and
 * the median of the pairs' ratios.
 */
function pairs(script, ours) {
  const s = [];
  const o = [];
  const n = [];
  for (let i = 0; i < runs; i++) {
    s.push(timed('perl', script, tree));
    o.push(timed(bin, ours));
    // The floor no Node program goes under: starting Node itself.
    n.push(timed(process.execPath, ['-e', '0']));
  }
  return { script: middle(s), ours: middle(o), ratio: middle(o.map((t, i) => t / s[i])), node: middle(n.map((t, i) => t / s[i])) };
}

const file = 'drivers/android/binder/node.rs';
const rows = [
  ['one file (-f)', pairs(['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', '-f', file], ['maintainers', tree, '-f', file])],
  ['one patch of 3 files', pairs(['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', patch], ['maintainers', tree, patch])],
];
console.log(`tree: ${tree}\npatch: ${patch}\nmedians of ${runs} runs, the script, ferrometer and a bare node -e 0 in turn\n`);
for (const [what, r] of rows)
  console.log(
    `${what.padEnd(24)} get_maintainer.pl ${r.script.toFixed(3)} s   ferrometer ${r.ours.toFixed(3)} s   ratio ${r.ratio.toFixed(2)} (median of the runs' ratios; goal <= 0.5; node -e 0: ${r.node.toFixed(2)})`,
  );
