#!/usr/bin/env node
// Issue 5's figure: every file of a kernel tree mapped to its MAINTAINERS sections, against the
// time the tree's own get_maintainer.pl takes for 100 of those files, in the same run.
//   node bench/maintainers.js [TREE] [--files N]
// TREE defaults to the 7.3 tree from ../shared/tools/kernel-source. Never part of CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadMaintainers } from '../dist/src/kernel/maintainers.js';
import { diskTree } from '../dist/src/source/kernel-tree.js';

const args = process.argv.slice(2);
const n = Number(args.includes('--files') ? args[args.indexOf('--files') + 1] : 100);
const kernelSource = fileURLToPath(new URL('../../shared/tools/kernel-source', import.meta.url));
const tree =
  args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--files') ?? execFileSync(kernelSource, ['7.3'], { encoding: 'utf8' }).trim();
const secs = (t0) => (performance.now() - t0) / 1000;

const t0 = performance.now();
const source = diskTree(tree);
const m = loadMaintainers(source);
const tLoad = secs(t0);
const t1 = performance.now();
const files = source.files();
const tWalk = secs(t1);
const t2 = performance.now();
// A whole tree meets every pattern: compile them all at once rather than directory by directory.
m.index.settleAll();
let matches = 0;
for (const f of files) matches += m.index.match(f).length;
const tMatch = secs(t2);
const total = secs(t0);
console.log(`tree: ${tree}\nsections: ${m.file.sections.length}, files: ${files.length}, file→section pairs: ${matches}`);
console.log(`load + compile MAINTAINERS   ${tLoad.toFixed(3)} s`);
console.log(`walk the tree                ${tWalk.toFixed(3)} s`);
console.log(`compile + map every file     ${tMatch.toFixed(3)} s  (${((tMatch / files.length) * 1e6).toFixed(1)} µs per file)`);
console.log(`all of it                    ${total.toFixed(3)} s  (goal <= 2 s)`);

const sample = files.filter((_, i) => i % Math.floor(files.length / n) === 0).slice(0, n);
const t3 = performance.now();
for (const f of sample) {
  const r = spawnSync('perl', ['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', '-f', f], {
    cwd: tree,
    env: { ...process.env, PERL_HASH_SEED: '0' },
  });
  if (r.status !== 0) throw new Error(`get_maintainer.pl failed on ${f}: ${r.stderr}`);
}
const tPerl = secs(t3);
console.log(
  `get_maintainer.pl, ${sample.length} files  ${tPerl.toFixed(2)} s  (${((tPerl / sample.length) * 1000).toFixed(0)} ms per file)`,
);
console.log(`\nevery file mapped / get_maintainer.pl on ${sample.length} files: ${(total / tPerl).toFixed(3)}`);
console.log(`per file, get_maintainer.pl / ferrometer: ${(tPerl / sample.length / (tMatch / files.length)).toFixed(0)}×`);
