// Benchmark: the Rust audit of a kernel tree, cold (empty store) and warm, in this process, beside
// the read-every-byte floor for the same files (`rg -c unsafe` over *.rs) run in the same session.
// Usage: node bench/unsafe.js [TREE]   (default: the 7.3 tree from ../shared/tools/kernel-source)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRustTree } from '../dist/src/analyze/rust/rust-tree.js';
import { auditUnsafe } from '../dist/src/analyze/rust/unsafe.js';
import { Store } from '../dist/src/store/store.js';
import { seconds } from './timing.js';

const tree =
  process.argv[2] ??
  execFileSync(new URL('../../shared/tools/kernel-source', import.meta.url).pathname, ['7.3'], { encoding: 'utf8' }).trim();
const dir = mkdtempSync(join(tmpdir(), 'ferrometer-bench-unsafe-'));
const bin = new URL('../bin/ferrometer.js', import.meta.url).pathname;
const cli = (args) =>
  seconds(() => spawnSync(process.execPath, [bin, 'unsafe', tree, '--db', join(dir, 'cli.db'), ...args], { encoding: 'utf8' }));

try {
  const store = Store.open(join(dir, 'store.db'));
  let t = performance.now();
  const cold = await readRustTree(tree, undefined, { store });
  const r = auditUnsafe(cold, { kind: 'dir', depth: 2 });
  const coldS = (performance.now() - t) / 1000;
  t = performance.now();
  const warm = await readRustTree(tree, undefined, { store });
  auditUnsafe(warm, { kind: 'dir', depth: 2 });
  const warmS = (performance.now() - t) / 1000;
  store.close();
  const [rgS] = seconds(() => spawnSync('rg', ['-c', '--type', 'rust', 'unsafe', tree], { encoding: 'utf8' }));
  const [cliCold] = cli([]);
  const [cliWarm] = cli([]);
  console.log(`${tree}: ${cold.files.length} .rs files, ${r.summary.unsafeBlocks} own unsafe blocks`);
  console.log(
    `in process: cold ${coldS.toFixed(2)} s (goal ≤ 5 s), warm ${warmS.toFixed(3)} s (goal ≤ 0.5 s), warm/cold ${(warmS / coldS).toFixed(3)}`,
  );
  console.log(
    `CLI: cold ${cliCold.toFixed(2)} s, warm ${cliWarm.toFixed(2)} s; rg -c unsafe over the same tree ${rgS.toFixed(2)} s (cold/rg ${(cliCold / rgS).toFixed(1)}, warm/rg ${(cliWarm / rgS).toFixed(1)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
