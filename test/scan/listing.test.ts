// What a directory scan counts: in a git work tree, what git tracks plus untracked files it does
// not ignore (build outputs never count); elsewhere, what the .gitignore files leave, as ripgrep
// reads them; a rule set that hides everything never makes a silent zero; --no-ignore counts all.
// unsafe reads the same files. Expected counts by hand from the files written here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ScanResult } from '../../src/core/types.js';
import { commitAll, git, makeRepo } from '../helpers/git.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-listing-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (cmd: string, dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, cmd, dir, '--format', 'json', ...args], { encoding: 'utf8' });
const scan = (dir: string, ...args: string[]) => {
  const r = run('scan', dir, '--by', 'file', ...args);
  assert.equal(r.status, 0, r.stderr);
  return { result: JSON.parse(r.stdout) as ScanResult & { files: { path: string; code: number }[] }, stderr: r.stderr };
};
const paths = (r: { files: { path: string }[] }) => r.files.map((f) => f.path);
function write(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

const LIB_RS = '// SAFETY: the pointer is valid.\nfn f(p: *const u8) -> u8 { unsafe { *p } }\n';
const GENERATED_RS = 'pub fn g(p: *const u8) -> u8 {\n    unsafe { *p }\n}\npub unsafe fn h() {}\n';

describe('in a git work tree', () => {
  const dir = makeRepo();
  write(dir, {
    '.gitignore': '*.o\nrust/bindings/bindings_generated.rs\n',
    'src/a.c': 'int a;\n',
    'src/gone.c': 'int gone;\n',
    'rust/kernel/lib.rs': LIB_RS,
  });
  commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
  // After the commit: an untracked source file, two build outputs, a tracked file deleted.
  write(dir, { 'src/new.c': 'int n;\nint m;\n', 'src/a.o': 'ELF\0', 'rust/bindings/bindings_generated.rs': GENERATED_RS });
  rmSync(join(dir, 'src/gone.c'));

  it('counts tracked and untracked files, not what git ignores nor deleted files', () => {
    const { result, stderr } = scan(dir, '--no-store');
    // Counted files (.gitignore is read, not counted: no language).
    assert.deepEqual(paths(result), ['rust/kernel/lib.rs', 'src/a.c', 'src/new.c']);
    assert.equal(result.unrecognised.files, 1);
    assert.deepEqual(result.listing, { by: 'git', ignored: 2 });
    assert.equal(stderr, '');
    assert.match(
      run('scan', dir, '--no-store', '--format', 'table').stdout,
      /files: as git lists the work tree .*; 2 ignored files left out/,
    );
  });

  it('a directory inside the work tree lists as git does from there', () => {
    const { result } = scan(join(dir, 'src'), '--no-store');
    assert.deepEqual(paths(result), ['a.c', 'new.c']);
    assert.deepEqual(result.listing, { by: 'git', ignored: 1 });
    const db = join(tmp, 'wt-src.db');
    assert.deepEqual(scan(join(dir, 'src'), '--db', db).result, result);
    writeFileSync(join(dir, 'src/new.c'), 'int n;\nint m;\nint o;\n');
    writeFileSync(join(dir, 'src/a.c'), 'int a;\nint a2;\n');
    const changed = scan(join(dir, 'src'), '--db', db).result;
    assert.deepEqual(
      changed.files.map((f) => [f.path, f.code]),
      [
        ['a.c', 2],
        ['new.c', 3],
      ],
    );
    writeFileSync(join(dir, 'src/a.c'), 'int a;\n');
    writeFileSync(join(dir, 'src/new.c'), 'int n;\nint m;\n');
  });

  it('--no-ignore counts everything on disk', () => {
    const { result } = scan(dir, '--no-store', '--no-ignore');
    assert.deepEqual(paths(result), ['rust/bindings/bindings_generated.rs', 'rust/kernel/lib.rs', 'src/a.c', 'src/new.c']);
    assert.equal(result.skipped.binary.files, 1, 'src/a.o');
    assert.deepEqual(result.listing, { by: 'all', ignored: 0 });
  });

  it('unsafe reads the same files: the generated bindings do not count unless --no-ignore', () => {
    const sites = (...args: string[]) => {
      const r = run('unsafe', dir, '--no-store', ...args);
      assert.equal(r.status, 0, r.stderr);
      return (JSON.parse(r.stdout) as { summary: { unsafeBlocks: number } }).summary.unsafeBlocks;
    };
    assert.equal(sites(), 1);
    assert.equal(sites('--no-ignore'), 2);
  });

  it('with the store: the index gives blob ids, a changed file is read again', () => {
    const db = join(tmp, 'wt.db');
    const first = scan(dir, '--db', db).result;
    assert.deepEqual(scan(dir, '--db', db).result, first);
    writeFileSync(join(dir, 'src/a.c'), 'int a;\nint b;\nint c;\n');
    const changed = scan(dir, '--db', db).result;
    assert.equal(changed.files.find((f) => f.path === 'src/a.c')?.code, 3);
    assert.deepEqual(changed, scan(dir, '--no-store').result);
    git(dir, ['status', '--short']);
  });
});

describe('a repository that is not a work tree', () => {
  it('its .git directory, and a bare repository, are walked (git lists no work tree there)', () => {
    const dir = makeRepo();
    write(dir, { 'a.c': 'int a;\n' });
    commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
    const bare = join(tmp, 'bare.git');
    git(tmp, ['clone', '-q', '--bare', dir, bare]);
    for (const repo of [join(dir, '.git'), bare]) {
      const { result, stderr } = scan(repo, '--no-store');
      assert.equal(result.listing?.by, 'walk', repo);
      assert.equal(stderr, '');
      // Walked as any directory: as --no-ignore counts it (there is no .gitignore in there).
      const all = scan(repo, '--no-store', '--no-ignore').result;
      assert.deepEqual({ ...result, listing: undefined }, { ...all, listing: undefined });
      assert.ok(result.unrecognised.files > 0, repo);
    }
  });
});

describe('a work tree in the middle of a conflicted merge', () => {
  it('counts the conflicted file once, as it is on disk, markers and all, with the store or without', () => {
    const dir = makeRepo();
    write(dir, { 'f.c': 'int a;\n', 'g.c': 'int g;\n' });
    commitAll(dir, 'base', '2024-01-01T00:00:00Z');
    git(dir, ['checkout', '-q', '-b', 'other']);
    write(dir, { 'f.c': 'int b;\n' });
    commitAll(dir, 'other', '2024-01-02T00:00:00Z');
    git(dir, ['checkout', '-q', 'main']);
    write(dir, { 'f.c': 'int c;\n' });
    commitAll(dir, 'ours', '2024-01-03T00:00:00Z');
    assert.throws(() => git(dir, ['merge', '-q', 'other']), 'the merge stops on the conflict');
    assert.equal(git(dir, ['ls-files', '-s', 'f.c']).trim().split('\n').length, 3, 'three stages in the index');
    // f.c on disk: <<<<<<< HEAD, int c;, =======, int b;, >>>>>>> other: five lines, none blank.
    const db = join(tmp, 'conflict.db');
    for (const args of [['--no-store'], ['--db', db], ['--db', db]]) {
      const { result } = scan(dir, ...args);
      assert.deepEqual(
        result.files.map((f) => [f.path, f.code]),
        [
          ['f.c', 5],
          ['g.c', 1],
        ],
        args.join(' '),
      );
    }
  });
});

describe('a sparse checkout', () => {
  it('counts the files it has, not those the index keeps outside it', () => {
    const dir = makeRepo();
    write(dir, { 'kept/a.c': 'int a;\n', 'left/b.c': 'int b;\nint c;\n' });
    commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
    git(dir, ['sparse-checkout', 'set', 'kept']);
    assert.equal(git(dir, ['ls-files', '-t', 'left/b.c']).trim(), 'S left/b.c', 'outside the checkout');
    const db = join(tmp, 'sparse.db');
    for (const args of [['--no-store'], ['--db', db], ['--db', db]]) {
      const { result } = scan(dir, ...args);
      assert.deepEqual(paths(result), ['kept/a.c'], args.join(' '));
      assert.equal(result.skipped.unreadable.files, 0);
    }
  });
});

describe('a work tree whose listings are longer than a pipe hands over at once', () => {
  // ~3,000 tracked files with long names (the index listing is ~300 KB, read in 64 KB chunks, so
  // entries are cut between chunks), some deleted or changed, untracked and ignored files, a link.
  const dir = makeRepo();
  const long = (i: number) => `drivers/some/deep/directory/with/a/long/name/file-number-${String(i).padStart(5, '0')}.c`;
  for (let i = 0; i < 3000; i++) write(dir, { [long(i)]: `int f${i};\n` });
  write(dir, { '.gitignore': '*.o\n' });
  commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
  for (let i = 0; i < 3000; i += 7) rmSync(join(dir, long(i)));
  for (let i = 1; i < 3000; i += 11) writeFileSync(join(dir, long(i)), 'int changed;\nint twice;\n');
  for (let i = 0; i < 500; i++)
    write(dir, { [`untracked/another-long-directory-name/file-${i}.c`]: 'int u;\n', [`build/out-${i}.o`]: 'ELF' });

  it('counts every file git lists once, each cut entry whole, as a listing read at once says', async () => {
    const { listWorkTree, listWorkTreeSync } = await import('../../src/source/work-tree.js');
    const { emptyWalk } = await import('../../src/source/fs-tree.js');
    const streamed = emptyWalk();
    await listWorkTree(dir, streamed, true);
    const whole = emptyWalk();
    listWorkTreeSync(dir, whole, true);
    // git's own view: tracked files not deleted, and untracked files it does not ignore.
    const lines = (args: string[]) => git(dir, args).split('\n').filter(Boolean);
    const deleted = new Set(lines(['ls-files', '--deleted']));
    const expected = [...lines(['ls-files']).filter((p) => !deleted.has(p)), ...lines(['ls-files', '--others', '--exclude-standard'])];
    assert.deepEqual(streamed.files.map((f) => f.path).sort(), expected.sort());
    assert.deepEqual(streamed, whole);
    assert.equal(streamed.ignored, 500);
    // Changed files have no blob id (they must be read); the others have the index's, packed.
    const modified = new Set(lines(['ls-files', '--modified']));
    const indexed = new Map(lines(['ls-files', '-s']).map((l) => [l.slice(l.indexOf('\t') + 1), l.split(' ')[1]!]));
    for (const f of streamed.files) {
      if (f.path.startsWith('untracked/') || modified.has(f.path)) assert.equal(f.indexBlob, undefined, f.path);
      else assert.equal(streamed.indexBlobs?.toString('hex', f.indexBlob! * 20, f.indexBlob! * 20 + 20), indexed.get(f.path), f.path);
    }
    const { result } = scan(dir, '--no-store');
    assert.equal(result.files.length, expected.length - 1, 'all but .gitignore, which has no language');
  });
});

describe('a work tree with a fifth of a million untracked files', () => {
  it('lists them all (no stack overflow putting them together)', async () => {
    const dir = makeRepo();
    write(dir, { 'a.c': 'int a;\n' });
    commitAll(dir, 'v1', '2024-01-01T00:00:00Z');
    mkdirSync(join(dir, 'u'));
    for (let i = 0; i < 200_000; i++) writeFileSync(join(dir, 'u', `f${i}`), '');
    const { listWorkTree } = await import('../../src/source/work-tree.js');
    const { emptyWalk } = await import('../../src/source/fs-tree.js');
    const walk = emptyWalk();
    await listWorkTree(dir, walk, false);
    assert.equal(walk.files.length, 200_001);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('outside git', () => {
  it('applies .gitignore files as ripgrep does: patterns, directories, negation, nested files', () => {
    const dir = join(tmp, 'plain');
    write(dir, {
      '.gitignore': '*.o\nbuild/\n!keep.o\n',
      'a.c': 'int a;\n',
      'x.o': 'obj',
      'keep.o': 'obj',
      'build/out.c': 'int out;\n',
      'sub/.gitignore': 'local.c\n',
      'sub/local.c': 'int local;\n',
      'sub/other.c': 'int other;\n',
    });
    const { result } = scan(dir, '--no-store');
    assert.deepEqual(paths(result), ['a.c', 'sub/other.c']);
    // keep.o and the two .gitignore files are read (no language), x.o, build/ and sub/local.c are not.
    assert.equal(result.unrecognised.files, 3);
    // x.o, the directory build/, sub/local.c
    assert.deepEqual(result.listing, { by: 'walk', ignored: 3 });
  });

  it("leaves out what git's own matcher leaves out: anchors, directory rules, globstars, negations and nested files", () => {
    const files = {
      '.gitignore': '*.o\n/top-only.c\ndocs/\n!docs/keep/\nbuild/\n**/gen/*.c\n!important.o\nlib/**/tmp\n',
      'top-only.c': 'int a;\n',
      'a/top-only.c': 'int a;\n',
      'docs/x.c': 'int x;\n',
      'docs/keep/y.c': 'int y;\n',
      'a/b/gen/z.c': 'int z;\n',
      'a/b/gen/z.h': 'int z;\n',
      'important.o': 'obj',
      'a/important.o': 'obj',
      'a/x.o': 'obj',
      'lib/q/tmp': 'tmp',
      'lib/q/tmp2': 'tmp',
      'x/build/y.c': 'int y;\n',
      'sub/.gitignore': '/local.c\n!*.o\n',
      'sub/local.c': 'int l;\n',
      'sub/deep/local.c': 'int l;\n',
      'sub/y.o': 'obj',
    };
    const dir = join(tmp, 'rules');
    write(dir, files);
    // git's answer for the same files, untracked in a fresh repository.
    const oracle = join(tmp, 'rules-git');
    write(oracle, files);
    git(oracle, ['init', '-q']);
    const kept = git(oracle, ['ls-files', '--others', '--exclude-standard']).trim().split('\n').sort();
    // By hand: what the rules leave, so that the comparisons below cannot pass on two empty lists.
    assert.deepEqual(kept, [
      '.gitignore',
      'a/b/gen/z.h',
      'a/important.o',
      'a/top-only.c',
      'important.o',
      'lib/q/tmp2',
      'sub/.gitignore',
      'sub/deep/local.c',
      'sub/y.o',
    ]);
    // The scan lists the C files it counts; the others it reads are unrecognised.
    const { result } = scan(dir, '--no-store');
    const source = kept.filter((p) => /\.[ch]$/.test(p));
    assert.deepEqual(paths(result).sort(), source);
    assert.equal(result.unrecognised.files, kept.length - source.length);
  });

  it("a .gitignore that hides every entry of its directory (Debian's /*) is left out and said; '*' with exceptions is kept", () => {
    const dir = join(tmp, 'debian');
    write(dir, {
      '.gitignore': '*.o\n/*\n!/debian/\n',
      'kernel/fork.c': 'int fork;\n',
      'x.o': 'obj',
      Makefile: 'all:\n',
      // The kernel's selftests ignore everything but their sources: that stays.
      'tests/.gitignore': '*\n!*.c\n',
      'tests/t.c': 'int t;\n',
      'tests/t': 'ELF',
    });
    const { result, stderr } = scan(dir, '--no-store');
    assert.deepEqual(paths(result), ['Makefile', 'kernel/fork.c', 'tests/t.c']);
    assert.equal(result.listing?.ignored, 2, 'tests/t and tests/.gitignore');
    assert.match(stderr, /warning: \.gitignore: its rules hide every entry of its directory; left out/);
  });

  it('rules that hide all the files otherwise: counted without them, and said', () => {
    const dir = join(tmp, 'allc');
    write(dir, { '.gitignore': '*.c\n', 'src/a.c': 'int a;\n', 'src/b.c': 'int b;\n' });
    const { result, stderr } = scan(dir, '--no-store');
    assert.deepEqual(paths(result), ['src/a.c', 'src/b.c']);
    assert.match(stderr, /the ignore rules hide every file but themselves \(2 entries\); counted without them/);
  });

  it('a rescan sees a file rewritten to the same size with its mtime set back (ctime differs)', async () => {
    const dir = join(tmp, 'ctime');
    write(dir, { 'a.c': 'int a;\n' });
    // Whole seconds, so that setting the mtime back restores it to the nanosecond.
    utimesSync(join(dir, 'a.c'), 1_700_000_000, 1_700_000_000);
    const db = join(tmp, 'ctime.db');
    assert.equal(scan(dir, '--db', db).result.total.code, 1);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(dir, 'a.c'), '/* a*/\n'); // 7 bytes, as before
    utimesSync(join(dir, 'a.c'), 1_700_000_000, 1_700_000_000);
    assert.equal(statSync(join(dir, 'a.c')).mtimeMs, 1_700_000_000_000);
    const after = scan(dir, '--db', db).result;
    assert.deepEqual([after.total.code, after.total.comment], [0, 1]);
  });
});
