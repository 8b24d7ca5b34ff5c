// Our `maintainers -f` against the tree's own scripts/get_maintainer.pl (PERL_HASH_SEED=0) on real
// 6.12 and 7.3 trees: a sample of files spread over the tree, Rust files among them. Equal output,
// or equal as sets where the file's sections tie in depth. Runs when FERROMETER_KERNEL_6_12 /
// FERROMETER_KERNEL_7_3 name the trees (.ci/run sets them under CI=true); the sample size is
// FERROMETER_ORACLE_SAMPLE (default 80). bench/get-maintainer-oracle.js runs thousands.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MaintainersIndex } from '../../src/kernel/maintainers-index.js';
import { loadMaintainers } from '../../src/kernel/maintainers.js';
import { walkTree } from '../../src/source/fs-tree.js';
import { diskTree } from '../../src/source/kernel-tree.js';
import { compareWithOracle, oracleAnswers, sampleFiles } from '../helpers/get-maintainer-oracle.js';

const SAMPLE = Number(process.env.FERROMETER_ORACLE_SAMPLE ?? 80);

for (const [version, tree] of [
  ['6.12', process.env.FERROMETER_KERNEL_6_12],
  ['7.3', process.env.FERROMETER_KERNEL_7_3],
] as const) {
  const skip = tree ? false : `set FERROMETER_KERNEL_${version.replace('.', '_')} to a linux ${version} tree to run`;
  describe(`get_maintainer.pl's answers on linux ${version}`, { skip }, () => {
    it(`equal for ${SAMPLE} sampled files, Rust files among them`, { timeout: 30 * 60_000 }, async () => {
      const files = sampleFiles(
        walkTree(tree!).files.map((f) => f.path),
        SAMPLE,
        Math.ceil(SAMPLE / 4),
      );
      assert.ok(files.some((f) => f.endsWith('.rs')));
      const theirs = await oracleAnswers(tree!, files);
      const c = compareWithOracle(tree!, files, theirs);
      assert.deepEqual(c.disagreements, []);
      assert.equal(c.identical + c.sameSetTied, files.length);
    });

    it('a one-file query (patterns compiled when the path could meet them) matches as the whole-tree index does, on 400 files', () => {
      const source = diskTree(tree!);
      const m = loadMaintainers(source);
      m.index.settleAll();
      const files = sampleFiles(
        walkTree(tree!).files.map((f) => f.path),
        400,
        100,
      );
      for (const file of files) {
        const fresh = new MaintainersIndex(m.file, m.index.dialect, (p) => source.isDirectory(p));
        assert.deepEqual(fresh.match(file), m.index.match(file), file);
      }
    });
  });
}
