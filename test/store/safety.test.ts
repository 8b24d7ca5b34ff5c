// The store never lies and never destroys: a database that is not ferrometer's is refused untouched,
// damaged values are cache misses (said once, rewritten), an impossible --db fails at once, and
// concurrent runs and a killed run leave a store that gives the no-store answer.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { FileReader, WindowedFile } from '../../src/source/read-file.js';
import { fixtureDir } from '../helpers/fixtures.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-safety-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
// A copy outside any git work tree: the walk, the stat snapshot and the hashing are what is tested.
const tree = join(tmp, 'tree');
cpSync(fixtureDir('scan', 'tree'), tree, { recursive: true });
const scan = (...args: string[]) =>
  spawnSync(process.execPath, [bin, 'scan', tree, '--format', 'json', ...args], { encoding: 'utf8', timeout: 60_000 });
const noStore = () => scan('--no-store').stdout;

describe('the store never destroys', () => {
  it("refuses another application's database, leaving its tables as they were", () => {
    const path = join(tmp, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5);');
    other.pragma('user_version = 2');
    other.close();
    const r = scan('--db', path);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a ferrometer store \(it holds other tables: invoices\); it was left untouched/);
    const again = new Database(path, { readonly: true });
    assert.deepEqual(again.prepare('SELECT total FROM invoices').pluck().all(), [12.5]);
    again.close();
  });

  it('a --db that cannot be created fails at once, in one line (exit 2)', () => {
    const r = scan('--db', '/proc/nonexist/x.db');
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /cannot use the store \/proc\/nonexist\/x\.db/);
  });

  it('a file that is not SQLite is refused with how to start a new store', () => {
    const path = join(tmp, 'garbage.db');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const r = scan('--db', path);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /damaged.*delete .*garbage\.db to start a new store/);
  });
});

describe('the store never lies', () => {
  it('a lower --max-file-size skips the files over it though the store knows them (directory and revision alike)', () => {
    const path = join(tmp, 'limit.db');
    assert.equal(scan('--db', path).status, 0);
    const lowered = (...where: string[]) => scan('--max-file-size', '40', ...where).stdout;
    const expected = lowered('--no-store');
    assert.match(expected, /"tooLarge": \{\s*"files": [1-9]/, 'the fixture has files over 40 bytes');
    assert.equal(lowered('--db', path), expected);
    const repo = join(tmp, 'limit-repo');
    cpSync(tree, repo, { recursive: true });
    spawnSync('git', ['init', '-q', repo]);
    spawnSync('git', ['-C', repo, 'add', '-A']);
    spawnSync('git', ['-C', repo, '-c', 'user.name=x', '-c', 'user.email=x@example.org', 'commit', '-q', '-m', 'x']);
    const rev = (...args: string[]) =>
      spawnSync(process.execPath, [bin, 'scan', repo, '--rev', 'HEAD', '--format', 'json', ...args], { encoding: 'utf8' }).stdout;
    assert.equal(rev('--db', path).length > 0, true);
    assert.equal(rev('--db', path, '--max-file-size', '40'), rev('--no-store', '--max-file-size', '40'));
  });

  it('flipped bytes in stored facts are a cache miss, said once, and the row is written again', () => {
    const path = join(tmp, 'flip.db');
    assert.equal(scan('--db', path).status, 0);
    const db = new Database(path);
    const rows = db.prepare('SELECT id, data FROM fact_segments').raw().all() as [number, Buffer][];
    assert.ok(rows.length > 0);
    for (const [id, data] of rows) {
      // A code count in the middle of the records becomes huge.
      const flipped = Buffer.from(data);
      flipped[flipped.length - 20] = flipped[flipped.length - 20]! ^ 0x7f;
      db.prepare('UPDATE fact_segments SET data = ? WHERE id = ?').run(flipped, id);
    }
    db.close();
    // The directory's snapshot would answer without the facts: drop it, so the facts are asked for.
    const d2 = new Database(path);
    d2.exec('DELETE FROM snapshots');
    d2.close();
    const r = scan('--db', path);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, noStore());
    assert.equal(r.stderr.match(/damaged/g)?.length, 1, r.stderr);
    const clean = scan('--db', path);
    assert.equal(clean.stdout, noStore());
    assert.doesNotMatch(clean.stderr, /damaged/);
  });

  it('a damaged snapshot or document is a cache miss too', () => {
    const path = join(tmp, 'docs.db');
    assert.equal(scan('--db', path).status, 0);
    const db = new Database(path);
    db.exec("UPDATE snapshot_parts SET data = X'00010203'");
    db.close();
    const r = scan('--db', path);
    assert.equal(r.stdout, noStore());
    assert.match(r.stderr, /a tree snapshot damaged/);
  });

  it('a file whose stat size is 0 but that holds bytes (/proc) is read whole, with or without stat', () => {
    const reader = new FileReader();
    const plain = reader.read('/proc/self/status', 1 << 20);
    const withStat = reader.read('/proc/self/status', 1 << 20, Infinity, true);
    assert.ok(plain.length > 100);
    assert.equal(withStat.length, withStat.size);
    assert.ok(withStat.size > 100, `read ${withStat.size} bytes`);
  });
});

describe('a large file that changes while it is read a window at a time', () => {
  it('has no blob id (never a wrong one) when it shrinks or grows between windows', () => {
    const window = 1 << 16;
    for (const change of ['shrink', 'grow'] as const) {
      const path = join(tmp, `changing-${change}.c`);
      writeFileSync(path, 'int x;\n'.repeat((3 * window) / 7));
      const reader = new FileReader();
      const first = reader.read(path, window, Infinity, true);
      const file = new WindowedFile(reader, path, first.size, first.length, window, true);
      assert.equal(file.window(window, 0).last, false);
      if (change === 'shrink') truncateSync(path, window + 100);
      else appendFileSync(path, 'int y;\n');
      const rest = file.window(2 * window, 0);
      assert.equal(rest.last, true);
      assert.equal(file.changed, true, change);
      assert.equal(file.blobId(), undefined, change);
    }
    // Unchanged, the id is git's.
    const path = join(tmp, 'steady.c');
    writeFileSync(path, 'int x;\n'.repeat((3 * window) / 7));
    const reader = new FileReader();
    const first = reader.read(path, window, Infinity, true);
    const file = new WindowedFile(reader, path, first.size, first.length, window, true);
    assert.equal(
      Buffer.from(file.blobId() ?? '', 'latin1').toString('hex'),
      execFileSync('git', ['hash-object', path], { encoding: 'utf8' }).trim(),
    );
  });
});

describe('the store under concurrency and a killed run', () => {
  const big = join(tmp, 'big');
  mkdirSync(join(big, 'src'), { recursive: true });
  for (let i = 0; i < 3000; i++)
    writeFileSync(join(big, 'src', `f${i}.c`), `int f${i}(void) { return ${i}; }\n/* ${'x'.repeat(i % 200)} */\n`);
  const scanBig = (...args: string[]) => spawnSync(process.execPath, [bin, 'scan', big, '--format', 'json', ...args], { encoding: 'utf8' });

  it('two runs at once on one store both give the no-store answer', async () => {
    const path = join(tmp, 'concurrent.db');
    const expected = scanBig('--no-store').stdout;
    const runOnce = () =>
      new Promise<string>((resolve) => {
        const p = spawn(process.execPath, [bin, 'scan', big, '--format', 'json', '--db', path]);
        let out = '';
        p.stdout.on('data', (c) => (out += c));
        p.on('close', () => resolve(out));
      });
    const [a, b] = await Promise.all([runOnce(), runOnce()]);
    assert.equal(a, expected);
    assert.equal(b, expected);
  });

  it('kill -9 in the middle of a run leaves a usable store', async () => {
    const path = join(tmp, 'killed.db');
    await new Promise<void>((resolve) => {
      const p = spawn(process.execPath, [bin, 'scan', big, '--db', path, '-j', '1']);
      setTimeout(() => p.kill('SIGKILL'), 400);
      p.on('close', () => resolve());
    });
    const r = scanBig('--db', path);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, scanBig('--no-store').stdout);
  });
});
