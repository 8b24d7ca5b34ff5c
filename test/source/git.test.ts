// A revision read from git counts exactly as the same tree on disk; bad repositories and
// revisions are typed errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanRevision, scanTree } from '../../src/analyze/code/scan.js';
import { openRepo, resolveRevision } from '../../src/source/git.js';
import { fixtureDir } from '../helpers/fixtures.js';
import { commitAll, git, makeRepo } from '../helpers/git.js';

describe('git revisions', () => {
  const dir = makeRepo(fixtureDir('scan', 'tree'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // Names git stores as raw bytes: a tab, a newline, invalid UTF-8.
  writeFileSync(join(dir, 'tab\there.c'), 'int t;\n');
  writeFileSync(join(dir, 'new\nline.rs'), '// x\nfn f() {}\n');
  writeFileSync(Buffer.from(join(dir, 'bad-\xff.h'), 'latin1'), '#define X 1\n');
  symlinkSync('README', join(dir, 'link'));
  commitAll(dir, 'v1.0', '2024-01-01T00:00:00Z');
  const repo = openRepo(dir);

  it('counts a revision exactly as the same tree on disk', async () => {
    const fromGit = await scanRevision(repo, resolveRevision(repo, 'v1.0'), { jobs: 1 });
    const fromDisk = await scanTree(dir, { jobs: 1 });
    assert.equal(fromGit.revision?.name, 'v1.0');
    assert.equal(fromGit.revision?.date, '2024-01-01T00:00:00.000Z');
    const strip = ({ revision: _r, reads: _x, listing: _l, ...rest }: typeof fromGit) => rest;
    assert.deepEqual(strip(fromGit), strip(fromDisk));
    assert.equal(fromGit.total.files, 7);
    assert.equal(fromGit.skipped.symlinks, 1);
    assert.ok(fromGit.files.some((f) => f.path === 'tab\there.c' && f.code === 1));
    const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
    const table = spawnSync(process.execPath, [bin, 'scan', dir, '--rev', 'v1.0', '--no-store'], { encoding: 'utf8' }).stdout;
    assert.match(table, /^revision: v1\.0 \(commit [0-9a-f]{40}, 2024-01-01\)$/m);
  });

  it('skips submodule entries, and reads bare and shallow clones alike', async () => {
    const withSub = makeRepo(fixtureDir('scan', 'tree'));
    try {
      // A gitlink with no checkout behind it: what an uninitialised submodule looks like.
      git(withSub, ['add', '-A']);
      git(withSub, ['update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},vendor/sub`]);
      git(withSub, ['commit', '-q', '-m', 'v1']);
      git(withSub, ['tag', 'v1']);
      const direct = openRepo(withSub);
      const base = await scanRevision(direct, resolveRevision(direct, 'v1'), { jobs: 1 });
      assert.equal(base.skipped.submodules, 1);
      for (const flags of [['--bare'], ['--depth', '1']]) {
        const clone = `${withSub}-clone${flags[0]}`;
        git(withSub, ['clone', '-q', ...flags, `file://${withSub}`, clone]);
        try {
          const repo = openRepo(clone);
          const r = await scanRevision(repo, resolveRevision(repo, 'v1'), { jobs: 1 });
          assert.deepEqual(r.languages, base.languages, flags.join(' '));
        } finally {
          rmSync(clone, { recursive: true, force: true });
        }
      }
    } finally {
      rmSync(withSub, { recursive: true, force: true });
    }
  });

  it('rejects what is not a repository, and names the closest tags for an unknown revision', () => {
    assert.throws(() => openRepo(fixtureDir('scan', 'tree')), { code: 'ENOT_GIT_REPO' });
    assert.throws(
      () => resolveRevision(repo, 'v1.1'),
      (e: Error & { code?: string; hint?: string }) => e.code === 'EUNKNOWN_REVISION' && /v1\.0/.test(e.hint ?? ''),
    );
  });
});

describe('a corrupt object', () => {
  const dir = makeRepo(fixtureDir('scan', 'tree'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
  const blob = git(dir, ['rev-parse', 'v1:drivers/net/foo.c']).trim();
  const object = join(dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2));
  chmodSync(object, 0o644);
  writeFileSync(object, 'not zlib data at all');

  it('is a typed error naming what git said, also on the command line', async () => {
    const repo = openRepo(dir);
    await assert.rejects(scanRevision(repo, resolveRevision(repo, 'v1'), { jobs: 1 }), { code: 'EGIT_READ' });
    const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'scan', dir, '--rev', 'v1', '--no-store'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ferrometer: (git cat-file stopped|object [0-9a-f]{40} is missing or corrupt)/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });
});

describe('revisions git cannot read', () => {
  it("a corrupt commit is said to be corrupt, not an 'unknown revision'", () => {
    const dir = makeRepo(fixtureDir('scan', 'tree'));
    try {
      const commit = commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
      const object = join(dir, '.git', 'objects', commit.slice(0, 2), commit.slice(2));
      chmodSync(object, 0o644);
      writeFileSync(object, 'not zlib data at all');
      const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
      const r = spawnSync(process.execPath, [bin, 'history', dir, '--revs', 'v1', '--no-store'], { encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^ferrometer: cannot read revision v1: its object [0-9a-f]{12} is missing or corrupt/);
      assert.doesNotMatch(r.stderr, /closest tags/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('HEAD~1 past the end of a shallow clone says the clone is shallow', () => {
    const dir = makeRepo(fixtureDir('scan', 'tree'));
    const shallow = `${dir}-shallow`;
    try {
      commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
      writeFileSync(join(dir, 'new.c'), 'int n;\n');
      commitAll(dir, 'v2', '2024-02-01T00:00:00Z');
      git(dir, ['clone', '-q', '--depth', '1', `file://${dir}`, shallow]);
      const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
      const r = spawnSync(process.execPath, [bin, 'scan', shallow, '--rev', 'HEAD~1', '--no-store'], { encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /unknown revision: HEAD~1: the clone is shallow, its history stops at 2024-02-01 \(fetch more history/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});
