// history over a fixture repository: rows equal separate scans, globs pick release tags in date
// order, the adoption map names the first revision with Rust per directory.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { history, selectRevisions } from '../../src/analyze/code/history.js';
import { scanRevision } from '../../src/analyze/code/scan.js';
import { openRepo, resolveRevision } from '../../src/source/git.js';
import { commitAll, makeRepo } from '../helpers/git.js';

describe('history', () => {
  const dir = makeRepo();
  after(() => rmSync(dir, { recursive: true, force: true }));
  const put = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put('kernel/fork.c', 'int fork;\nint more;\n');
  commitAll(dir, 'v1.0', '2024-01-01T00:00:00Z');
  put('drivers/gpu/nova.rs', '// driver\nfn probe() {}\n');
  commitAll(dir, 'v1.1-rc1', '2024-02-01T00:00:00Z');
  put('drivers/gpu/nova.rs', '// driver\nfn probe() {}\nfn remove() {}\n');
  commitAll(dir, 'v1.1', '2024-03-01T00:00:00Z');
  put('rust/kernel/lib.rs', 'pub mod sync;\n');
  put('rust/syn/lib.rs', 'pub fn parse() {}\npub fn quote() {}\n');
  // Tagged out of name order: dates, not names, order the rows.
  commitAll(dir, 'v0.9-late', '2024-04-01T00:00:00Z');
  const repo = openRepo(dir);

  it('selects tags by glob, without release candidates unless asked, in commit-date order', () => {
    assert.deepEqual(
      selectRevisions(repo, 'v1.*', false).map((r) => r.name),
      ['v1.0', 'v1.1'],
    );
    assert.deepEqual(
      selectRevisions(repo, 'v1.*', true).map((r) => r.name),
      ['v1.0', 'v1.1-rc1', 'v1.1'],
    );
    assert.deepEqual(
      selectRevisions(repo, 'v0.9-late, v1.0,v1.1', false).map((r) => r.name),
      ['v1.0', 'v1.1', 'v0.9-late'],
    );
    assert.throws(() => selectRevisions(repo, 'v7.*', false), { code: 'ENO_MATCHING_TAGS' });
    assert.throws(() => selectRevisions(repo, 'v1.0,v9', false), { code: 'EUNKNOWN_REVISION' });
  });

  it('gives per revision what a separate scan of it gives', async () => {
    const revs = selectRevisions(repo, 'v*', false);
    const h = await history(repo, revs, { jobs: 1, dirDepth: 1 });
    assert.deepEqual(
      h.revisions.map((r) => r.revision),
      ['v1.0', 'v1.1', 'v0.9-late'],
    );
    for (const row of h.revisions) {
      const alone = await scanRevision(repo, resolveRevision(repo, row.revision), { jobs: 1 });
      assert.deepEqual(row.languages, alone.languages);
      assert.deepEqual(row.total, alone.total);
      assert.equal(row.commit, alone.revision?.commit);
    }
    const last = h.revisions[2]!;
    // Rust: nova.rs 2 + rust/kernel 1 + rust/syn 2 (vendored); C: fork.c 2. 5/7 = 71.43 %, own 3/5 = 60 %.
    assert.deepEqual(last.rust, { code: 5, ownCode: 3, share: 71.43, ownShare: 60 });
    assert.deepEqual(
      last.dirs?.map((d) => d.dir),
      ['drivers', 'kernel', 'rust'],
    );
  });

  it('maps where Rust first appeared', async () => {
    const h = await history(repo, selectRevisions(repo, 'v*', true), { jobs: 1 });
    assert.equal(h.depth, 2);
    assert.deepEqual(
      h.adoption.map((a) => [a.dir, a.revision, a.rustCode, a.latestRustCode]),
      [
        ['drivers/gpu', 'v1.1-rc1', 1, 2],
        ['rust/kernel', 'v0.9-late', 1, 1],
        ['rust/syn', 'v0.9-late', 2, 2],
      ],
    );
  });
});
