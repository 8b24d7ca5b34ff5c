#!/usr/bin/env node
// Times `ferrometer scan` against peers on the same tree in the same run, and prints the ratios.
//   node bench/scan-kernel.js [TREE] [--rounds N] [--cloc]
// TREE defaults to the 6.12 tree that ../shared/tools/kernel-source provides. Each round runs every
// tool once, in turn, after one untimed rg pass to warm the page cache; the median round is shown.
// Wall time and peak RSS come from GNU time. It never fails CI: it is not part of the tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(value('--rounds', '3'));
const kernelSource = fileURLToPath(new URL('../../shared/tools/kernel-source', import.meta.url));
const tokei = fileURLToPath(new URL('../../shared/tools/tokei', import.meta.url));
const bin = fileURLToPath(new URL('../bin/ferrometer.js', import.meta.url));
const db = join(mkdtempSync(join(tmpdir(), 'ferrometer-bench-')), 'store.db');
const tree = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds') ?? execFileSync(kernelSource, ['6.12'], { encoding: 'utf8' }).trim();

const tools = [
  { name: 'rg -c', cmd: ['rg', '--no-ignore', '--hidden', '-c', '', tree] },
  // Without the store: every file read and counted, the figure to compare with peers.
  { name: 'ferrometer scan', cmd: [process.execPath, bin, 'scan', tree, '--no-store', '--format', 'json'] },
  // With a warm store (filled by the untimed run below): an unchanged tree, files only stat'ed.
  { name: 'ferrometer rescan', cmd: [process.execPath, bin, 'scan', tree, '--db', db, '--format', 'json'] },
  ...(existsSync(tokei) ? [{ name: 'tokei', cmd: [tokei, tree] }] : []),
  ...(flag('--cloc') ? [{ name: 'cloc', cmd: ['cloc', '--skip-uniqueness', '--quiet', tree] }] : []),
];

function timed(cmd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...cmd], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(seconds)) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(-500)}`);
  return { seconds, mb: kb / 1024 };
}

timed(tools[0].cmd); // warm the page cache
timed(tools[2].cmd); // fill the store for the rescan row
const samples = new Map(tools.map((t) => [t.name, []]));
for (let r = 0; r < rounds; r++) for (const t of tools) samples.get(t.name).push(timed(t.cmd));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rg = median(samples.get('rg -c').map((s) => s.seconds));
console.log(`tree: ${tree}  rounds: ${rounds}  cores: ${(await import('node:os')).availableParallelism()}`);
console.log('tool'.padEnd(18) + 'wall s'.padStart(8) + 'x rg'.padStart(8) + 'peak MB'.padStart(10));
for (const t of tools) {
  const s = samples.get(t.name);
  const wall = median(s.map((x) => x.seconds));
  const mb = Math.max(...s.map((x) => x.mb));
  console.log(t.name.padEnd(18) + wall.toFixed(2).padStart(8) + (wall / rg).toFixed(2).padStart(8) + mb.toFixed(0).padStart(10));
}
