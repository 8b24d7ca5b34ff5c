// Benchmark: `ferrometer cves` over the kernel CNA's vulns repository, cold (empty store, and no
// store), warm (same commit) and after a pull (one commit more than the stored one), beside the
// floors run in the same session: the one `git log` that dates every record, and `git cat-file`
// of every record with a JSON.parse of each (what reading the records costs without validating).
// Usage: node bench/cves.js [VULNS]   (default: a clone of ../shared/data/kernel-vulns.bundle)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seconds } from './timing.js';

const dir = mkdtempSync(join(tmpdir(), 'ferrometer-bench-cves-'));
const bin = new URL('../bin/ferrometer.js', import.meta.url).pathname;

try {
  let vulns = process.argv[2];
  if (!vulns) {
    vulns = join(dir, 'vulns');
    execFileSync('git', ['clone', '-q', new URL('../../shared/data/kernel-vulns.bundle', import.meta.url).pathname, vulns]);
  }
  const git = (args) => spawnSync('git', ['-C', vulns, ...args], { maxBuffer: 1 << 30 });
  const cli = (db, ...args) =>
    seconds(() =>
      spawnSync(process.execPath, [bin, 'cves', vulns, '--format', 'json', ...(db ? ['--db', join(dir, db)] : ['--no-store']), ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
    );

  const [logS] = seconds(() => git(['log', '--diff-filter=A', '--no-renames', '--name-only', '--format=%ct', 'HEAD']));
  const [readS] = seconds(() => {
    const blobs = git(['ls-tree', '-r', 'HEAD', 'cve/published', 'cve/rejected'])
      .stdout.toString()
      .split('\n')
      .filter((l) => l.endsWith('.json'))
      .map((l) => l.split(/\s/)[2]);
    const out = spawnSync('git', ['-C', vulns, 'cat-file', '--batch'], { input: blobs.join('\n') + '\n', maxBuffer: 1 << 30 }).stdout;
    for (let at = 0; at < out.length; ) {
      const nl = out.indexOf(10, at);
      const size = Number(out.toString('latin1', at, nl).split(' ')[2]);
      JSON.parse(out.toString('utf8', nl + 1, nl + 1 + size));
      at = nl + 2 + size;
    }
  });
  const [noStore, r] = cli(undefined);
  const [cold] = cli('store.db');
  const [warm] = cli('store.db');
  // A pull: the stored commit is one behind HEAD; the records and dates of the rest come from the store.
  execFileSync('git', ['-C', vulns, 'reset', '-q', '--hard', 'HEAD~1']);
  const [behind] = cli('pull.db');
  execFileSync('git', ['-C', vulns, 'reset', '-q', '--hard', 'HEAD@{1}']);
  const [pulled] = cli('pull.db');
  const json = JSON.parse(r.stdout);
  console.log(
    `${vulns}: ${json.published} published, ${json.rejected} rejected, ${json.malformed.length} malformed; ${json.rust.length} in Rust code`,
  );
  console.log(
    `floors: git log --diff-filter=A of the whole history ${logS.toFixed(2)} s; cat-file + JSON.parse of every record ${readS.toFixed(2)} s; sum ${(logS + readS).toFixed(2)} s`,
  );
  console.log(
    `CLI: no store ${noStore.toFixed(2)} s, cold store ${cold.toFixed(2)} s (goal ≤ 10 s; ${(cold / (logS + readS)).toFixed(2)}× the floors' sum), warm ${warm.toFixed(2)} s (goal ≤ 1 s; ${(warm / cold).toFixed(3)} of cold)`,
  );
  console.log(`after a pull of one commit: ${pulled.toFixed(2)} s (the commit before, cold: ${behind.toFixed(2)} s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
