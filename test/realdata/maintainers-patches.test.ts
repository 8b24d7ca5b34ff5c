// maintainers TREE PATCH… against the tree's own get_maintainer.pl, on real patches: in CI, patches
// made from the differences between the 6.12 and 7.3 trees (200 files, two to a patch, answered by
// 7.3's script); with FERROMETER_UBOOT_TREE (a u-boot work tree), 200 of its commits rendered by
// git format-patch and answered by u-boot's script. The same text, or the same lines where
// sections tie in depth, or the script's answer under another PERL_HASH_SEED (it takes tied
// sections in Perl's hash order, so the role a shared list gets varies from run to run; a patch with
// many ties has more orders than seeds, so each line is checked against those the seeds give).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diskTree } from '../../src/source/kernel-tree.js';
import { sampleFiles } from '../helpers/get-maintainer-oracle.js';
import { changedFiles, commitPatches, comparePatches, treePatches } from '../helpers/patch-oracle.js';

const [mid, now] = [process.env.FERROMETER_KERNEL_6_12, process.env.FERROMETER_KERNEL_7_3];
const uboot = process.env.FERROMETER_UBOOT_TREE;
const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));

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

describe('maintainers PATCH --rust-users on 7.3', () => {
  it('a patch to refcount_inc reaches the Rust that uses it, and its maintainers', {
    skip: now ? false : 'set FERROMETER_KERNEL_7_3',
  }, () => {
    const header = readFileSync(join(now!, 'include/linux/refcount.h'), 'utf8');
    const lines = header.split('\n');
    const at = lines.findIndex((l) => l.startsWith('static inline void refcount_inc('));
    assert.ok(at > 0, 'refcount_inc in 7.3');
    const open = lines.indexOf('{', at);
    // Add one line inside refcount_inc's body: diff -u names the function in the hunk header.
    const changed = [...lines.slice(0, open + 1), '\t/* checked */', ...lines.slice(open + 1)].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'ferrometer-rust-users-'));
    writeFileSync(join(dir, 'refcount.h'), changed);
    const d = spawnSync(
      'diff',
      [
        '-u',
        '-p',
        '--label',
        'a/include/linux/refcount.h',
        '--label',
        'b/include/linux/refcount.h',
        join(now!, 'include/linux/refcount.h'),
        join(dir, 'refcount.h'),
      ],
      {
        encoding: 'utf8',
      },
    );
    const patch = join(dir, '0001.patch');
    writeFileSync(
      patch,
      `Subject: [PATCH] refcount: note\n---\ndiff --git a/include/linux/refcount.h b/include/linux/refcount.h\n${d.stdout}`,
    );
    const r = spawnSync(process.execPath, [bin, 'maintainers', now!, patch, '--rust-users', '--format', 'json', '--no-store'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { recipients: { role: string }[]; rustUsers: { symbol: string; files: string[] }[] };
    const hit = json.rustUsers.find((h) => h.symbol === 'refcount_inc');
    assert.ok(hit?.files.includes('rust/kernel/sync/refcount.rs'), JSON.stringify(json.rustUsers));
    assert.ok(
      json.recipients.some((x) => /^rust-user:RUST.* for .*refcount_inc/.test(x.role)),
      JSON.stringify(json.recipients),
    );
  });
});
