// On real kernel trees: a git repository whose two commits are parts of the 6.1 and 6.12 trees
// (rust/, kernel/, drivers/gpu/drm/), built here; history over both tags must equal directory scans
// of the same parts, and a second history run must read no blob. Runs when FERROMETER_KERNEL_6_1 and
// FERROMETER_KERNEL_6_12 name the trees (.ci/run sets them under CI=true); skipped otherwise.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { history, selectRevisions } from '../../src/analyze/code/history.js';
import { scanRevision, scanTree, summarize } from '../../src/analyze/code/scan.js';
import type { FileFacts } from '../../src/core/types.js';
import { loadLanguageData } from '../../src/extract/languages.js';
import { openRepo } from '../../src/source/git.js';
import { Store } from '../../src/store/store.js';
import { git } from '../helpers/git.js';

const trees = { 'v6.1': process.env.FERROMETER_KERNEL_6_1, 'v6.12': process.env.FERROMETER_KERNEL_6_12 };
const skip = Object.values(trees).some((t) => !t) ? 'set FERROMETER_KERNEL_6_1 and FERROMETER_KERNEL_6_12 to run' : false;
const PARTS = ['rust', 'kernel', 'drivers/gpu/drm'];

describe('history on real kernel trees', { skip }, () => {
  const work = mkdtempSync(join(tmpdir(), 'ferrometer-kernels-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('equals directory scans of each tree, and reads nothing the second time', async () => {
    const repoDir = join(work, 'linux.git');
    git(work, ['init', '-q', '--bare', repoDir]);
    const dates = ['2022-12-11T00:00:00Z', '2024-11-17T00:00:00Z'];
    for (const [i, [tag, tree]] of Object.entries(trees).entries()) {
      // The unpacked tree is the work tree; -f because Debian's .gitignore hides the whole tree.
      git(work, ['--git-dir', repoDir, '--work-tree', tree!, 'add', '-A', '-f', '--', ...PARTS], dates[i]);
      git(work, ['--git-dir', repoDir, '--work-tree', tree!, 'commit', '-q', '-m', tag], dates[i]);
      git(work, ['--git-dir', repoDir, 'tag', tag], dates[i]);
    }
    const repo = openRepo(repoDir);
    const revisions = selectRevisions(repo, 'v6.*', false);
    assert.deepEqual(
      revisions.map((r) => r.name),
      ['v6.1', 'v6.12'],
    );
    const store = Store.open(join(work, 'store.db'));
    try {
      const h = await history(repo, revisions, { store });
      for (const row of h.revisions) {
        const tree = trees[row.revision as keyof typeof trees]!;
        const files: FileFacts[] = [];
        for (const part of PARTS) {
          for (const f of (await scanTree(join(tree, part))).files) files.push({ ...f, path: `${part}/${f.path}` });
        }
        const disk = summarize(files, loadLanguageData().vendored);
        assert.deepEqual(row.languages, disk.languages, row.revision);
        assert.deepEqual(row.total, disk.total, row.revision);
      }
      assert.ok(h.revisions[1]!.rust.code > h.revisions[0]!.rust.code, 'Rust grew from 6.1 to 6.12');
      assert.ok(h.adoption.some((a) => a.dir === 'rust/kernel' && a.revision === 'v6.1'));
      const again = await scanRevision(repo, revisions[1]!, { store });
      assert.equal(again.reads, 0, 'every blob of 6.12 is in the store already');
    } finally {
      store.close();
    }
  });
});
