// scanTree on a small tree whose files state their counts, and on trees of bad input built in a temp dir.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanTree } from '../../src/analyze/code/scan.js';
import { fixtureDir, statedCounts } from '../helpers/fixtures.js';

const tree = fixtureDir('scan', 'tree');

describe('scan of a small tree', async () => {
  const r = await scanTree(tree);
  const lang = (name: string) => r.languages.find((l) => l.language === name);
  const size = (...paths: string[]) => paths.reduce((n, p) => n + statSync(join(tree, p)).size, 0);

  it('sums each file as the file states', () => {
    for (const f of r.files.filter((f) => f.status === 'counted')) {
      const stated = statedCounts(readFileSync(join(tree, f.path), 'utf8'));
      assert.deepEqual({ code: f.code, comment: f.comment, blank: f.blank }, stated, f.path);
    }
    assert.deepEqual(lang('Rust'), {
      language: 'Rust',
      files: 2,
      code: 3,
      comment: 2,
      blank: 1,
      bytes: size('rust/syn/lib.rs', 'rust/kernel/lib.rs'),
    });
    assert.equal(lang('C')?.code, 3);
    assert.equal(r.total.files, 4);
    assert.equal(r.total.code, 3 + 3 + 1);
  });

  it('reports vendored crates apart, inside the language totals', () => {
    assert.deepEqual(r.vendored.total, { files: 1, code: 2, comment: 1, blank: 0, bytes: size('rust/syn/lib.rs') });
    assert.deepEqual(
      r.vendored.components.map((c) => c.name),
      ['syn'],
    );
    assert.equal(r.files.find((f) => f.path === 'rust/syn/lib.rs')?.vendored, 'syn');
  });

  it('counts binary and unrecognised files by count and bytes', () => {
    assert.deepEqual(r.skipped.binary, { files: 1, bytes: 11 });
    assert.deepEqual({ files: r.unrecognised.files, bytes: r.unrecognised.bytes }, { files: 1, bytes: 16 });
  });

  it('lists files in path order with POSIX paths', () => {
    const paths = r.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.ok(paths.includes('drivers/net/foo.c'));
  });
});

describe('bad input', () => {
  const root = mkdtempSync(join(tmpdir(), 'ferrometer-bad-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const outside = join(root, 'outside');
  const t = join(root, 'tree');
  mkdirSync(outside);
  mkdirSync(join(t, 'sub', '.git'), { recursive: true });
  writeFileSync(join(outside, 'secret.c'), 'int outside;\n');
  writeFileSync(join(t, 'sub', '.git', 'config.c'), 'int never_scanned;\n');
  symlinkSync(outside, join(t, 'link-out'));
  symlinkSync('..', join(t, 'sub', 'loop'));
  // Invalid UTF-8 in a file's bytes and in its name: counted, not crashed on.
  writeFileSync(join(t, 'latin1.c'), Buffer.from([0x69, 0x6e, 0x74, 0x20, 0xe9, 0x3b, 0x0a, 0x2f, 0x2f, 0xff, 0x0a]));
  writeFileSync(Buffer.from(join(t, 'bad-\xff-name.c'), 'latin1'), 'int a;\n');
  // A directory so named: the file inside is opened by the bytes of its whole path.
  mkdirSync(Buffer.from(join(t, 'dir-\xfe'), 'latin1'));
  writeFileSync(Buffer.from(join(t, 'dir-\xfe', 'inside.c'), 'latin1'), 'int b;\n\n');
  writeFileSync(join(t, 'big.c'), 'int x;\n'.repeat(1000));
  execFileSync('mkfifo', [join(t, 'pipe.c')]);

  it('never follows links, never enters .git, skips FIFOs, bounds file size', async () => {
    const r = await scanTree(t, { maxFileSize: 1024 });
    const paths = r.files.map((f) => f.path);
    assert.ok(!paths.some((p) => p.includes('secret') || p.includes('.git')));
    assert.equal(r.skipped.symlinks, 2);
    assert.equal(r.skipped.special, 1);
    assert.deepEqual(r.skipped.tooLarge, { files: 1, bytes: 7000 });
    assert.deepEqual(
      r.warnings.map((w) => w.path),
      ['big.c'],
    );
    assert.match(r.warnings[0]!.message, /6\.8K, over the 1K limit/);
    const c = r.languages.find((l) => l.language === 'C');
    // latin1.c: one code line, one comment line; each badly named file (or file in such a directory): one code line.
    assert.deepEqual(c && { files: c.files, code: c.code, comment: c.comment, blank: c.blank }, {
      files: 3,
      code: 3,
      comment: 1,
      blank: 1,
    });
    assert.ok(paths.some((p) => p.startsWith('bad-') && p.endsWith('-name.c')));
    assert.ok(paths.some((p) => p.startsWith('dir-') && p.endsWith('/inside.c')));
  });

  it('rejects a path that does not exist or is not a directory, with a typed error', async () => {
    await assert.rejects(scanTree(join(root, 'nope')), { code: 'ENOTFOUND_PATH' });
    await assert.rejects(scanTree(join(t, 'big.c')), { code: 'ENOTDIR_TREE' });
  });
});

describe('threads and the main thread agree', () => {
  const root = mkdtempSync(join(tmpdir(), 'ferrometer-many-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  // More files than the inline threshold, of varied content, so that the pool really runs.
  for (let d = 0; d < 30; d++) {
    mkdirSync(join(root, `d${d}`));
    for (let f = 0; f < 40; f++) {
      const body = `/* file ${f} */\n${'int v;\n'.repeat(f)}\n// end\n${f % 7 === 0 ? 'char *s = "/*";\n' : ''}`;
      writeFileSync(join(root, `d${d}`, `f${f}.${f % 3 === 0 ? 'h' : 'c'}`), body);
    }
  }
  it('gives the same result with 1, 2 and 3 jobs (this thread alone, with one worker, with two)', async () => {
    const one = await scanTree(root, { jobs: 1 });
    assert.equal(one.total.files, 1200);
    assert.deepEqual(await scanTree(root, { jobs: 2 }), one);
    assert.deepEqual(await scanTree(root, { jobs: 3 }), one);
  });

  it('ends with the error of whatever takes a batch (the store, say), on whichever thread it was counted', async () => {
    const { countFiles } = await import('../../src/extract/pool.js');
    const files = readdirSync(root).flatMap((d) => readdirSync(join(root, d)).map((f) => ({ path: `${d}/${f}` })));
    // Batch 0 is counted by this thread alone (jobs 1), else by a worker (the workers are fed first).
    const failing = (r: { id: number }) => {
      if (r.id === 0) throw new Error('the store is full');
    };
    for (const jobs of [1, 2, 3])
      await assert.rejects(countFiles(files, { jobs, maxFileSize: 1 << 20, root, onBatch: failing }), /^Error: the store is full/);
  });

  it('sums the same totals without keeping a list of files', async () => {
    const all = await scanTree(root, { jobs: 2 });
    const sums = await scanTree(root, { jobs: 2, keepFiles: false });
    assert.equal(all.files.length, 1200);
    assert.deepEqual(sums.files, []);
    assert.deepEqual({ ...sums, files: all.files }, all);
  });
});
