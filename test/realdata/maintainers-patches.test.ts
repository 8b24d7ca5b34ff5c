// maintainers TREE PATCH… against the tree's own get_maintainer.pl, on real patches: in CI, patches
// made from the differences between the 6.12 and 7.3 trees (200 files, two to a patch, answered by
// 7.3's script); with FERROMETER_UBOOT_TREE (a u-boot work tree), 200 of its commits rendered by
// git format-patch and answered by u-boot's script. The same text, or the same lines where
// sections tie in depth, or the script's answer under another PERL_HASH_SEED (it takes tied
// sections in Perl's hash order, so the role a shared list gets varies from run to run).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { diskTree } from '../../src/source/kernel-tree.js';
import { sampleFiles } from '../helpers/get-maintainer-oracle.js';
import { changedFiles, commitPatches, comparePatches, treePatches } from '../helpers/patch-oracle.js';

const [mid, now] = [process.env.FERROMETER_KERNEL_6_12, process.env.FERROMETER_KERNEL_7_3];
const uboot = process.env.FERROMETER_UBOOT_TREE;

function report(r: Awaited<ReturnType<typeof comparePatches>>): string {
  const d = r.disagreements[0];
  return d ? `${r.disagreements.length} differ; first ${d.patch}:\n--- ours\n${d.ours}--- theirs\n${d.theirs}` : '';
}

describe('maintainers for patches, against get_maintainer.pl', () => {
  it("6.12 → 7.3: 200 changed files in 100 patches, answered as 7.3's script answers", {
    skip: !mid || !now ? 'set FERROMETER_KERNEL_6_12 and _7_3' : false,
    timeout: 600_000,
  }, async () => {
    const candidates = sampleFiles(diskTree(now!).files(), 1500, 300);
    const files = changedFiles(mid!, now!, candidates, 200);
    assert.ok(files.length >= 150, `${files.length} changed files found`);
    const r = await comparePatches(now!, treePatches(mid!, now!, files));
    assert.equal(r.disagreements.length, 0, report(r));
    assert.ok(
      r.identical >= r.patches * 0.9,
      `${r.identical} identical, ${r.sameSet} the same lines in another order, ${r.otherSeed} as under another hash seed`,
    );
  });

  it('u-boot: 200 commits as format-patch files, answered as its script answers', {
    skip: uboot ? false : 'set FERROMETER_UBOOT_TREE (a u-boot work tree)',
    timeout: 900_000,
  }, async () => {
    const gitDir = execFileSync('git', ['-C', uboot!, 'rev-parse', '--absolute-git-dir'], { encoding: 'utf8' }).trim();
    const r = await comparePatches(uboot!, commitPatches(gitDir, 200));
    assert.equal(r.disagreements.length, 0, report(r));
  });
});
