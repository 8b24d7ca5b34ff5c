#!/usr/bin/env node
// Times `ferrometer scan` against peers on the same tree in the same run, and prints the ratios.
//   node bench/scan-kernel.js [TREE] [--rounds N] [--cloc] [--work-tree DIR]
// TREE defaults to the 6.12 tree that ../shared/tools/kernel-source provides. Each round runs every
// tool once, in turn, after one untimed rg pass to warm the page cache; the median round is shown.
// Wall time and peak RSS come from GNU time. It never fails CI: it is not part of the tests.
// The store's cost is shown as two ratios: a cold-store scan (an empty store each time) against the
// no-store scan, and a rescan of the unchanged tree against the cold scan. --work-tree DIR runs the
// same rows on a git work tree of the same sources (`git init && git add -A -f && git commit`), where
// the index gives blob ids and only untracked or changed files are hashed (bench/make-work-tree.sh
// makes one as a kernel clone is). The rescan is also set beside its floor, what no rescan can
// skip (bench/rescan-floor.js). Outside git, a last line sets the cold scan's CPU time beside its
// floor: the no-store scan's plus what blob ids and stats alone cost (bench/blob-id-floor.js).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workTreeListings } from '../dist/src/source/work-tree.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(value('--rounds', '3'));
const kernelSource = fileURLToPath(new URL('../../shared/tools/kernel-source', import.meta.url));
const tokei = fileURLToPath(new URL('../../shared/tools/tokei', import.meta.url));
// The command npm installs (a launcher that gives Node its heap flags), as a user runs it.
const bin = fileURLToPath(new URL('../bin/ferrometer', import.meta.url));
const db = join(mkdtempSync(join(tmpdir(), 'ferrometer-bench-')), 'store.db');
const tree =
  args.find((a, i) => !a.startsWith('--') && !['--rounds', '--work-tree'].includes(args[i - 1] ?? '')) ??
  execFileSync(kernelSource, ['6.12'], { encoding: 'utf8' }).trim();
const workTree = value('--work-tree', undefined);
const rescanFloor = fileURLToPath(new URL('./rescan-floor.js', import.meta.url));
const isWorkTree = (t) => existsSync(join(t, '.git'));
let fresh = 0;

const toolsFor = (tree) => [
  { name: 'rg -c', cmd: ['rg', '--no-ignore', '--hidden', '-c', '', tree] },
  // Without the store: every file read and counted, the figure to compare with peers.
  { name: 'ferrometer scan', cmd: [bin, 'scan', tree, '--no-store', '--format', 'json'] },
  // An empty store each time: what a new user's first scan costs.
  { name: 'ferrometer cold', cmd: () => [bin, 'scan', tree, '--db', `${db}.cold${fresh++}`, '--format', 'json'] },
  // With a warm store (filled by the untimed run below): an unchanged tree, files only stat'ed.
  { name: 'ferrometer rescan', cmd: [bin, 'scan', tree, '--db', `${db}.${tree.length}`, '--format', 'json'] },
  // What a rescan cannot skip: Node's start and a walk with a stat per file, or git's listings.
  {
    name: 'rescan floor',
    cmd: [
      process.execPath,
      '--max-semi-space-size=1',
      rescanFloor,
      tree,
      ...(isWorkTree(tree) ? [JSON.stringify(workTreeListings(realpathSync(tree)))] : []),
    ],
  },
  // --no-ignore: in a git repository tokei applies .gitignore, and Debian's packaged kernel adds
  // "/*" to the top one, which makes it count nothing there (outside git it reads every file anyway).
  ...(existsSync(tokei) ? [{ name: 'tokei', cmd: [tokei, '--no-ignore', tree] }] : []),
  ...(flag('--cloc') ? [{ name: 'cloc', cmd: ['cloc', '--skip-uniqueness', '--quiet', tree] }] : []),
];

function timed(cmd) {
  if (typeof cmd === 'function') cmd = cmd();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', ...cmd], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb, user, system] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(seconds)) throw new Error(`${cmd.join(' ')} failed: ${r.stderr.slice(-500)}`);
  return { seconds, mb: kb / 1024, cpu: user + system };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const t of [tree, ...(workTree ? [workTree] : [])]) {
  const tools = toolsFor(t);
  const byName = (name) => tools.find((x) => x.name === name);
  timed(tools[0].cmd); // warm the page cache
  timed(byName('ferrometer rescan').cmd); // fill the store for the rescan row
  const samples = new Map(tools.map((x) => [x.name, []]));
  for (let r = 0; r < rounds; r++) for (const x of tools) samples.get(x.name).push(timed(x.cmd));
  const wall = (name) => median(samples.get(name).map((s) => s.seconds));
  const rg = wall('rg -c');
  console.log(`tree: ${t}  rounds: ${rounds}  cores: ${(await import('node:os')).availableParallelism()}`);
  console.log('tool'.padEnd(18) + 'wall s'.padStart(8) + 'x rg'.padStart(8) + 'peak MB'.padStart(10));
  for (const x of tools) {
    const mb = Math.max(...samples.get(x.name).map((s) => s.mb));
    console.log(
      x.name.padEnd(18) + wall(x.name).toFixed(2).padStart(8) + (wall(x.name) / rg).toFixed(2).padStart(8) + mb.toFixed(0).padStart(10),
    );
  }
  // The machine's speed drifts between rounds: each ratio is taken within a round, then the median.
  const ratios = (a, b) => samples.get(a).map((s, r) => s.seconds / samples.get(b)[r].seconds);
  const ratio = (a, b) => median(ratios(a, b));
  const list = (a, b) =>
    ratios(a, b)
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(
    `per round: cold/scan ${list('ferrometer cold', 'ferrometer scan')}; rescan/cold ${list('ferrometer rescan', 'ferrometer cold')}`,
  );
  const cold = ratio('ferrometer cold', 'ferrometer scan');
  const warm = ratio('ferrometer rescan', 'ferrometer cold');
  console.log(`store: cold ${cold.toFixed(2)}× the no-store scan; rescan ${warm.toFixed(2)}× the cold scan (medians of per-round ratios)`);
  console.log(
    `rescan floor (bench/rescan-floor.js: ${isWorkTree(t) ? "git's four listings" : 'a walk and an lstat per file'}, ` +
      `with Node's start): ${wall('rescan floor').toFixed(2)} s; the rescan took ${ratio('ferrometer rescan', 'rescan floor').toFixed(2)}× it`,
  );
  // Outside git every file needs its blob id and its stat: work no store can skip. What that costs
  // alone, against the CPU time of the no-store scan, is as near as a cold scan can come to it.
  if (!isWorkTree(t)) {
    const cpu = (name) => median(samples.get(name).map((s) => s.cpu));
    const floorScript = fileURLToPath(new URL('./blob-id-floor.js', import.meta.url));
    const [extra] = execFileSync(process.execPath, [floorScript, t], { encoding: 'utf8' }).trim().split(' ').map(Number);
    const plain = cpu('ferrometer scan');
    console.log(
      `floor: blob ids and stats alone take ${extra.toFixed(2)} s of CPU (bench/blob-id-floor.js), so a cold scan does at least ` +
        `${(1 + extra / plain).toFixed(2)}× the no-store scan's ${plain.toFixed(2)} s; it did ${(cpu('ferrometer cold') / plain).toFixed(2)}× ` +
        `(${cpu('ferrometer cold').toFixed(2)} s)`,
    );
  }
  console.log('');
}
