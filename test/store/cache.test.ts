// The store: a blob already analysed is never read again, across revisions, runs and sources;
// a changed extractor version sees none of the old facts; a store it cannot use is a typed error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { scanRevision, scanTree } from '../../src/analyze/code/scan.js';
import { openRepo, resolveRevision } from '../../src/source/git.js';
import { SnapshotWriter, Store } from '../../src/store/store.js';
import { WINDOW_BYTES } from '../../src/extract/batch.js';
import { LineExtractor } from '../../src/extract/file-facts.js';
import { fixtureDir } from '../helpers/fixtures.js';
import { commitAll, makeRepo } from '../helpers/git.js';

const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-store-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const strip = <T extends { reads?: number; revision?: unknown; listing?: unknown }>({ reads: _r, revision: _v, listing: _l, ...rest }: T) =>
  rest;

describe('files larger than a window', () => {
  // Two C files and an unknown one over WINDOW_BYTES, with comments that span the window's end.
  const dir = join(tmp, 'large');
  mkdirSync(dir);
  const unit = 'int x;\n/* a\n   b */\n\n"s" /* c */ y;\n';
  const big = (n: number) => unit.repeat(Math.ceil(n / unit.length));
  writeFileSync(join(dir, 'big.c'), `${big(WINDOW_BYTES - 100)}/*${' x\n'.repeat(2000)}*/\n${big(WINDOW_BYTES)}int end;`);
  writeFileSync(join(dir, 'huge.h'), big(3 * WINDOW_BYTES + 17));
  writeFileSync(join(dir, 'notes.dat'), 'text\n'.repeat(WINDOW_BYTES / 4));
  writeFileSync(join(dir, 'small.c'), 'int s;\n');

  it('counts them a window at a time as the whole file counts, and hashes them as git does', async () => {
    const store = Store.open(join(tmp, 'large.db'));
    try {
      const disk = await scanTree(dir, { store, jobs: 1 });
      const whole = new LineExtractor();
      for (const name of ['big.c', 'huge.h']) {
        const expected = whole.extract(name, readFileSync(join(dir, name)));
        const got = disk.files.find((f) => f.path === name);
        assert.deepEqual(got && [got.code, got.comment, got.blank], [expected.code, expected.comment, expected.blank], name);
      }
      assert.equal(disk.unrecognised.files, 1);
      // The same files in git: every blob id the directory scan computed is git's, so nothing is read.
      const repo = makeRepo(dir);
      after(() => rmSync(repo, { recursive: true, force: true }));
      commitAll(repo, 'v1', '2024-01-01T00:00:00Z');
      const open = openRepo(repo);
      const fromGit = await scanRevision(open, resolveRevision(open, 'v1'), { store, jobs: 1 });
      assert.equal(fromGit.reads, 0);
      assert.deepEqual(strip(fromGit), strip(disk));
    } finally {
      store.close();
    }
  });
});

describe('cache hits, counted by blob reads', () => {
  const dir = makeRepo(fixtureDir('scan', 'tree'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
  writeFileSync(join(dir, 'drivers', 'net', 'foo.c'), 'int changed;\n');
  writeFileSync(join(dir, 'drivers', 'net', 'bar.c'), 'int added;\n');
  commitAll(dir, 'v2', '2024-02-01T00:00:00Z');
  const repo = openRepo(dir);

  it('reads each blob once across runs and revisions', async () => {
    const store = Store.open(join(tmp, 'git.db'));
    try {
      const cold = await scanRevision(repo, resolveRevision(repo, 'v1'), { store, jobs: 1 });
      assert.equal(cold.reads, 6, 'every blob of v1 read once (counted, unrecognised and binary alike)');
      const warm = await scanRevision(repo, resolveRevision(repo, 'v1'), { store, jobs: 1 });
      assert.equal(warm.reads, 0);
      assert.deepEqual(strip(warm), strip(cold));
      const next = await scanRevision(repo, resolveRevision(repo, 'v2'), { store, jobs: 1 });
      assert.equal(next.reads, 2, 'only the changed and the added file');
      const fresh = await scanRevision(repo, resolveRevision(repo, 'v2'), { jobs: 1 });
      assert.deepEqual(strip(next), strip(fresh));
    } finally {
      store.close();
    }
  });

  it('does not open unchanged files on disk again, and shares facts with git scans', async () => {
    const store = Store.open(join(tmp, 'fs.db'));
    try {
      const first = await scanRevision(repo, resolveRevision(repo, 'v2'), { store, jobs: 1 });
      const disk = await scanTree(dir, { store, jobs: 1 });
      assert.deepEqual(strip(disk), strip(first));
      assert.equal((await scanTree(dir, { store, jobs: 1 })).reads, 0);
      writeFileSync(join(dir, 'drivers', 'net', 'bar.c'), 'int added;\nint again;\n');
      const after = await scanTree(dir, { store, jobs: 1 });
      assert.equal(after.reads, 1);
      assert.equal(after.files.find((f) => f.path === 'drivers/net/bar.c')?.code, 2);
    } finally {
      store.close();
    }
  });
});

describe('a directory rescanned after files were added, removed and rewritten', () => {
  // Outside git: every file is in the snapshot, and the walk meets them in the order it did before,
  // but for the files added and removed.
  const dir = join(tmp, 'plain');
  for (const d of ['a', 'b', 'c']) {
    mkdirSync(join(dir, d), { recursive: true });
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, d, `f${i}.c`), `int ${d}${i};\n`.repeat(i + 1));
  }

  it('reads only what changed, and counts as a scan without the store does', async () => {
    const store = Store.open(join(tmp, 'plain.db'));
    try {
      assert.equal((await scanTree(dir, { store, jobs: 1 })).reads, 30);
      assert.equal((await scanTree(dir, { store, jobs: 1 })).reads, 0);
      writeFileSync(join(dir, 'b', 'new.c'), 'int n;\n');
      rmSync(join(dir, 'a', 'f3.c'));
      rmSync(join(dir, 'c', 'f0.c'));
      // The same size, its mtime put back: only its ctime (and its content) says it changed.
      const rewritten = join(dir, 'b', 'f5.c');
      const { mtime } = statSync(rewritten);
      writeFileSync(rewritten, readFileSync(rewritten, 'utf8').replace('int b5;', '/* b5 */'));
      utimesSync(rewritten, mtime, mtime);
      const after = await scanTree(dir, { store, jobs: 1 });
      assert.equal(after.reads, 2, 'the added file and the rewritten one');
      assert.deepEqual(strip(after), strip(await scanTree(dir, { jobs: 1 })));
      assert.deepEqual(after.files.find((f) => f.path === 'b/f5.c')?.code, 5);
      assert.equal((await scanTree(dir, { store, jobs: 1 })).reads, 0);
    } finally {
      store.close();
    }
  });
});

describe('store versions', () => {
  it('keys facts by extractor version: a new version sees none, the old ones stay', () => {
    const path = join(tmp, 'versions.db');
    const row = { blob: 'b'.repeat(40), hint: 'C', language: 'C', status: 0, code: 3, comment: 1, blank: 0, bytes: 20 };
    const first = Store.open(path);
    first.addFacts('lines/1/aaaa', [row]);
    first.close();
    const store = Store.open(path);
    assert.equal(store.facts('lines/2/aaaa').get(row.blob, 'C'), undefined);
    assert.deepEqual(store.facts('lines/1/aaaa').get(row.blob, 'C'), row);
    assert.equal(store.facts('lines/1/aaaa').get(row.blob, 'Rust'), undefined, 'the name hint is part of the key');
    store.close();
  });

  it('drops the cached facts of an older schema and starts again', () => {
    const older = join(tmp, 'older.db');
    const db = new Database(older);
    db.exec('CREATE TABLE line_facts (blob TEXT, hint TEXT, extractor TEXT)');
    db.pragma('user_version = 1');
    db.close();
    const store = Store.open(older);
    const row = { blob: 'c'.repeat(40), hint: '', language: null, status: 1, code: 0, comment: 0, blank: 0, bytes: 5 };
    store.addFacts('lines/1/x', [row]);
    assert.equal(store.facts('lines/1/x').get(row.blob, '')?.bytes, 5);
    store.close();
  });

  it('gives a new store 64 KB pages, and leaves an existing one the pages it has', () => {
    const pageSize = (path: string) => {
      Store.open(path).close();
      const db = new Database(path);
      const size = db.pragma('page_size', { simple: true });
      db.close();
      return size;
    };
    assert.equal(pageSize(join(tmp, 'pages-new.db')), 65536);
    const existing = join(tmp, 'pages-old.db');
    Store.open(existing).close();
    const db = new Database(existing);
    db.pragma('journal_mode = DELETE');
    db.pragma('page_size = 4096');
    db.exec('VACUUM');
    db.close();
    assert.equal(pageSize(existing), 4096);
  });

  it('refuses a store written by a newer ferrometer, and a file that is no store, in one line', () => {
    const newer = join(tmp, 'newer.db');
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    assert.throws(() => Store.open(newer), { code: 'ESTORE_NEWER' });
    const junk = join(tmp, 'junk.db');
    writeFileSync(junk, 'this is not a database, just some text that is long enough to have a header\n'.repeat(20));
    assert.throws(() => Store.open(junk), { code: 'ESTORE_BAD' });
    const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'scan', fixtureDir('scan', 'tree'), '--db', newer], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ferrometer: the store .* was written by a newer ferrometer/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

describe('a tree snapshot stored in parts', () => {
  it('reads back every entry of a snapshot of 20,000 files (five parts); a part missing or of another extractor is no snapshot', () => {
    const path = join(tmp, 'parts.db');
    const store = Store.open(path);
    const writer = new SnapshotWriter();
    const n = 20_000;
    const blob = (i: number) => Buffer.from(i.toString(16).padStart(40, '0'), 'hex');
    const fact = (i: number) => ({ language: i % 3 ? 'C' : 'Rust', status: 0, code: i, comment: i % 7, blank: i % 5, bytes: 10 * i + 1 });
    // Added in another order than the files' (as batches come back from the threads): placed by index.
    for (let j = 0; j < n; j++) {
      const i = (j * 7919) % n;
      writer.add(i, `dir/file-${i}.c`, blob(i), 'C', fact(i), 1.7e12 + i * 1.000001, i + 1, 1.7e12 + i / 3);
    }
    store.saveStatSnapshot('/tree', 'lines/x', writer);
    const db = new Database(path);
    assert.deepEqual(db.prepare('SELECT part FROM snapshot_parts ORDER BY part').pluck().all(), [0, 1, 2, 3, 4]);
    const read = store.statSnapshot('/tree', 'lines/x')!;
    assert.equal(read.size, n);
    for (const i of [0, 1, 4095, 4096, 4097, 8191, 8192, 16383, 16384, n - 1]) {
      const k = read.find(`dir/file-${i}.c`);
      assert.equal(k, i);
      assert.deepEqual(read.fact(k), fact(i));
      // The guess a walk makes (the entry after the last one found) is only a guess.
      for (const guess of [-1, i - 1, i, i + 1, n, n + 8192]) assert.equal(read.find(`dir/file-${i}.c`, guess), i);
      const stat = new Uint8Array(24);
      assert.equal(read.copyStat(k, stat, 0), 10 * i + 1);
      assert.deepEqual([...new Float64Array(stat.buffer)], [1.7e12 + i * 1.000001, i + 1, 1.7e12 + i / 3]);
    }
    assert.equal(read.find('dir/file-20000.c', n - 1), -1);
    // Entries kept from it are copied from the right part, their names renumbered for the next
    // snapshot's table (here the threads' list of languages, in another order).
    const next = new SnapshotWriter(read, ['Ada', 'Rust', 'C']);
    for (let i = n - 1; i >= 0; i--) next.keep(n - 1 - i, i, `dir/file-${i}.c`);
    store.saveStatSnapshot('/tree', 'lines/x', next);
    const reread = store.statSnapshot('/tree', 'lines/x')!;
    assert.deepEqual(reread.names, ['Ada', 'Rust', 'C']);
    for (const i of [0, 1, 4096, 8192, n - 1]) assert.deepEqual(reread.fact(n - 1 - i), fact(i));
    assert.equal(store.statSnapshot('/tree', 'lines/y'), undefined);
    // A snapshot an older ferrometer wrote (no format: stats as BigInts) is a cache miss, not damage.
    const json = Buffer.from(JSON.stringify({ names: ['C'], paths: ['a.c'] }));
    const older = Buffer.concat([Buffer.alloc(8), Buffer.alloc(4), json, Buffer.alloc(72)]);
    older.writeUInt32LE(json.length, 8);
    createHash('sha1').update(older.subarray(8)).digest().copy(older, 0, 0, 8);
    const olderProblems: string[] = [];
    const withOlder = Store.open(join(tmp, 'older-snapshot.db'), { onProblem: (m) => olderProblems.push(m) });
    withOlder.saveStatSnapshot('/old', 'lines/x', new SnapshotWriter());
    new Database(join(tmp, 'older-snapshot.db')).prepare('UPDATE snapshot_parts SET data = ?').run(older);
    assert.equal(withOlder.statSnapshot('/old', 'lines/x'), undefined);
    assert.deepEqual(olderProblems, []);
    withOlder.close();
    db.prepare('DELETE FROM snapshot_parts WHERE part = 1').run();
    db.close();
    const problems: string[] = [];
    const reopened = Store.open(path, { onProblem: (m) => problems.push(m) });
    assert.equal(reopened.statSnapshot('/tree', 'lines/x'), undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /a tree snapshot damaged \(a part missing\)/);
    reopened.close();
    store.close();
  });
});

describe('a tree snapshot written as the scan goes', () => {
  const fact = (i: number) => ({ language: 'C', status: 0, code: i, comment: 0, blank: 1, bytes: i + 1 });
  const blob = (i: number) => Buffer.from(i.toString(16).padStart(40, '0'), 'hex');
  const one = (store: Store, root: string, path: string) => {
    const w = new SnapshotWriter();
    w.add(0, path, blob(1), 'C', fact(1), 1, 1, 1);
    store.saveStatSnapshot(root, 'lines/x', w);
  };

  it('writes each part once every file it covers has its place, and no run sees it before the commit', () => {
    const path = join(tmp, 'draft.db');
    const store = Store.open(path);
    one(store, '/t', 'old.c');
    // 30,000 files in batches of 256 that come back odd ones first, every third file with an entry.
    const draft = store.draftStatSnapshot('/t', 'lines/x');
    const writes: number[] = [];
    let placed = 0;
    const counting = {
      ...draft,
      write: (part: Buffer) => {
        writes.push(placed);
        draft.write(part);
      },
    };
    const next = new SnapshotWriter();
    next.stream(counting);
    const batches = Array.from({ length: Math.ceil(30_000 / 256) }, (_, b) => b);
    const back = new Set<number>();
    for (const b of [...batches.filter((b) => b % 2), ...batches.filter((b) => b % 2 === 0)]) {
      for (let i = b * 256; i < Math.min(30_000, b * 256 + 256); i++)
        if (i % 3 === 0) next.add(i, `f${i}.c`, blob(i), 'C', fact(i), i, i, i);
      back.add(b);
      while (back.has(placed / 256)) placed += 256;
      next.placedBelow(Math.min(placed, 30_000));
    }
    // The first part, 4,096 entries (files 0 to 12,285), went as soon as batches 0 to 47 were all
    // back; the second (to file 24,573), as soon as batches 48 to 95 were.
    assert.deepEqual(writes, [12_288, 24_576]);
    assert.equal(store.statSnapshot('/t', 'lines/x')?.path(0), 'old.c', 'a draft is no snapshot yet');
    next.finish(counting);
    assert.equal(writes.length, 3);
    draft.commit();
    const read = store.statSnapshot('/t', 'lines/x')!;
    assert.equal(read.size, 10_000);
    for (const i of [0, 3, 24_573, 24_576, 29_997]) assert.deepEqual(read.fact(read.find(`f${i}.c`)), fact(i));
    const db = new Database(path);
    assert.equal(db.prepare('SELECT count(DISTINCT generation) FROM snapshot_parts').pluck().get(), 1, 'the last snapshot is gone');
    db.close();
    store.close();
  });

  it('a commit deletes the drafts of runs cut short, not those of runs at work; a draft that lost its parts changes nothing', () => {
    const path = join(tmp, 'drafts.db');
    const store = Store.open(path);
    const db = new Database(path);
    const generations = () => db.prepare('SELECT root FROM snapshot_generations ORDER BY id').pluck().all();
    const partsOf = () =>
      db.prepare('SELECT g.root FROM snapshot_parts p JOIN snapshot_generations g ON g.id = p.generation ORDER BY g.id').pluck().all();
    const cutShort = store.draftStatSnapshot('/t', 'lines/x');
    cutShort.write(Buffer.from('part of a run killed'));
    const elsewhere = store.draftStatSnapshot('/other', 'lines/x');
    elsewhere.write(Buffer.from('part of a run killed two hours ago'));
    db.prepare("UPDATE snapshot_generations SET started = started - 7200000 WHERE root = '/other'").run();
    const recentElsewhere = store.draftStatSnapshot('/other', 'lines/x');
    recentElsewhere.write(Buffer.from('part of a run at work'));
    const w = new SnapshotWriter();
    w.add(0, 'a.c', blob(1), 'C', fact(1), 1, 1, 1);
    const mine = store.draftStatSnapshot('/t', 'lines/x');
    const later = store.draftStatSnapshot('/t', 'lines/x');
    later.write(Buffer.from('part of a run that started after mine'));
    w.finish(mine);
    mine.commit();
    assert.deepEqual(generations(), ['/other', '/t', '/t']);
    assert.deepEqual(partsOf(), ['/other', '/t', '/t']);
    assert.equal(store.statSnapshot('/t', 'lines/x')?.path(0), 'a.c');
    // The later run's draft lost a part (taken for abandoned): its commit leaves the snapshot as it is.
    db.prepare('DELETE FROM snapshot_parts WHERE generation = (SELECT max(id) FROM snapshot_generations)').run();
    later.commit();
    assert.equal(store.statSnapshot('/t', 'lines/x')?.path(0), 'a.c');
    // A run that fails abandons its draft.
    recentElsewhere.abandon();
    assert.deepEqual(generations(), ['/t', '/t']);
    db.close();
    store.close();
  });
});
