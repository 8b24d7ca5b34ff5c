// The caches beside the store, under $XDG_CACHE_HOME/ferrometer: V8's code cache of the command's
// bundle (bin/ferrometer.cjs, code/) and the parse of a tree's MAINTAINERS (maintainers/). A cache
// made for something else, damaged, or impossible to write must never change an answer or print a
// word: the work is then done as if there were none.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KEPT_PARSES } from '../../src/cli/maintainers.js';
import { SETTLED_MS } from '../../src/source/kernel-tree.js';
import { readChecked, writeChecked } from '../../src/store/checked-file.cjs';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.cjs', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-code-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const tree = join(tmp, 'kernel');
mkdirSync(join(tree, 'rust'), { recursive: true });
writeFileSync(join(tree, 'rust', 'lib.rs'), '');
writeFileSync(join(tree, 'MAINTAINERS'), 'RUST\nM:\tSome One <some@one.org>\nS:\tMaintained\nF:\trust/\n');
const answer = 'Some One <some@one.org> (maintainer:RUST)\n';

function run(cacheHome: string, extra: Record<string, string> = {}, options: string[] = []) {
  const r = spawnSync(process.execPath, [bin, 'maintainers', tree, '-f', 'rust/lib.rs', ...options], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...extra },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const ok = { status: 0, stdout: answer, stderr: '' };
/** What the code cache is kept for: this Node, no flags, the maintainers bundle's file. */
const bundle = fileURLToPath(new URL('../../src/bundle/maintainers.cjs', import.meta.url));
const codeKey = () => {
  const s = statSync(bundle);
  return [process.version, '', `${s.dev} ${s.ino} ${s.size} ${s.mtimeMs} ${s.ctimeMs}`];
};

describe('the code cache of the bundled CLI', () => {
  it('is written by the first run and taken, unchanged, by the next', () => {
    const home = join(tmp, 'fresh');
    assert.deepEqual(run(home), ok);
    const cache = join(home, 'ferrometer', 'code', 'maintainers.bin');
    const first = statSync(cache);
    const code = readChecked(cache, codeKey());
    assert.ok(code && code.length > 10_000, `a cache of ${code?.length} bytes`);
    assert.deepEqual(run(home), ok);
    // Not rewritten: neither our checks nor V8 turned it down (a rewrite renames a new file into place).
    assert.equal(statSync(cache).ino, first.ino);
  });

  it('is not taken when damaged, made for another bundle or cut short, and is written again', () => {
    const home = join(tmp, 'damaged');
    run(home);
    const dir = join(home, 'ferrometer', 'code');
    const cache = join(dir, 'maintainers.bin');
    const good = readFileSync(cache);
    const code = readChecked(cache, codeKey());
    assert.ok(code);
    // The same length, so that V8 takes it, garbage and all, if our checksum lets it through.
    const flipped = Buffer.from(good);
    flipped[flipped.length - (code.length >> 1)]! ^= 0xff;
    // A checked file whose data is this very cache, kept for another key (another bundle or Node).
    const other = join(tmp, 'other.bin');
    writeChecked(other, [process.version, '', 'another bundle'], code);
    for (const [what, bytes] of [
      ['a flipped byte', flipped],
      ["another bundle's", readFileSync(other)],
      ['the key alone', good.subarray(0, good.length - code.length)],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      writeFileSync(cache, bytes);
      assert.deepEqual(run(home), ok, what);
      const now = readFileSync(cache);
      assert.ok(!now.equals(bytes) && readChecked(cache, codeKey()), `${what}: written again`);
    }
  });

  it('is not taken for a rebuilt bundle, even of the same length', () => {
    // A copy of the CLI whose bundle can be rewritten without touching the one other tests run.
    const copy = join(tmp, 'copy');
    for (const part of ['bin', 'dist/src/bundle', 'dist/src/store', 'package.json'])
      cpSync(fileURLToPath(new URL(`../../../${part}`, import.meta.url)), join(copy, part), { recursive: true });
    const copied = join(copy, 'dist/src/bundle/maintainers.cjs');
    const home = join(tmp, 'rebuilt');
    const runCopy = () =>
      spawnSync(process.execPath, [join(copy, 'bin/ferrometer.cjs'), 'maintainers', tree, '-f', 'rust/lib.rs'], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: home },
      }).stdout;
    assert.equal(runCopy(), answer);
    assert.equal(runCopy(), answer);
    // The same length, so that V8 would take the old cache, and its old strings, if we let it.
    const text = readFileSync(copied, 'latin1');
    const rebuilt = text.replace(': "maintainer";', ': "MAINTAINER";');
    assert.ok(rebuilt !== text && rebuilt.length === text.length);
    writeFileSync(copied, rebuilt, 'latin1');
    assert.equal(runCopy(), answer.replace('maintainer:', 'MAINTAINER:'));
    assert.equal(runCopy(), answer.replace('maintainer:', 'MAINTAINER:'));
  });

  it('is kept for maintainers alone: a scan runs for seconds, and would hold the cached code', () => {
    const home = join(tmp, 'scan-only');
    const r = spawnSync(process.execPath, [bin, 'scan', tree, '--no-store'], { env: { ...process.env, XDG_CACHE_HOME: home } });
    assert.equal(r.status, 0);
    assert.equal(existsSync(join(home, 'ferrometer', 'code')), false);
  });

  it('is no cache where it cannot be written, or when FERROMETER_CODE_CACHE=0', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'not a directory');
    assert.deepEqual(run(file), ok);
    // Under /proc, Node's recursive mkdir loops forever: the run must still answer, and end.
    if (existsSync('/proc/self')) assert.deepEqual(run('/proc/nonexistent/cache'), ok);
    const home = join(tmp, 'off');
    assert.deepEqual(run(home, { FERROMETER_CODE_CACHE: '0' }), ok);
    assert.equal(existsSync(join(home, 'ferrometer', 'code')), false);
  });
});

describe("the parse of a tree's MAINTAINERS, kept for the next run", () => {
  const home = join(tmp, 'parses');
  const dir = join(home, 'ferrometer', 'maintainers');
  const saved = () => readdirSync(dir).map((f) => join(dir, f));

  it('is written once per tree, and answers as the file does', () => {
    // Both runs within SETTLED_MS of a change to MAINTAINERS, so that both key its parse by its
    // bytes: a run after it settles keys it by its identity on disk and writes it once more (the
    // last test here). On a machine so loaded that two runs outlast SETTLED_MS, the pair is run again.
    const maintainers = join(tree, 'MAINTAINERS');
    for (let attempt = 1; ; attempt++) {
      rmSync(dir, { recursive: true, force: true });
      writeFileSync(maintainers, readFileSync(maintainers));
      const changed = Date.now();
      assert.deepEqual(run(home), ok);
      assert.equal(saved().length, 1);
      const inode = statSync(saved()[0]!).ino;
      assert.deepEqual(run(home), ok);
      if (Date.now() - changed >= SETTLED_MS && attempt < 3) continue;
      assert.equal(statSync(saved()[0]!).ino, inode, 'read, not written again');
      break;
    }
  });

  it('is not read for an edited MAINTAINERS, even of the same length', () => {
    const before = readFileSync(join(tree, 'MAINTAINERS'), 'utf8');
    try {
      writeFileSync(join(tree, 'MAINTAINERS'), before.replace('Some One <some@one.org>', 'Some Two <some@two.org>'));
      assert.deepEqual(run(home), { ...ok, stdout: 'Some Two <some@two.org> (maintainer:RUST)\n' });
    } finally {
      writeFileSync(join(tree, 'MAINTAINERS'), before);
    }
    assert.deepEqual(run(home), ok);
  });

  it('is not read when damaged, and is written again', () => {
    // MAINTAINERS changed just now: its parse stays keyed by its bytes through these runs (see above).
    writeFileSync(join(tree, 'MAINTAINERS'), readFileSync(join(tree, 'MAINTAINERS')));
    const file = saved()[0]!;
    const good = readFileSync(file);
    for (const at of [0, 30, good.length >> 1, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x40;
      writeFileSync(file, bad);
      assert.deepEqual(run(home), ok, `byte ${at}`);
      assert.deepEqual(readFileSync(file), good, `byte ${at}: written again`);
    }
  });

  it('for a file that has not changed for a while, is keyed by its identity on disk; any change is another', async () => {
    // Its own tree, whose MAINTAINERS is left alone until its times are older than SETTLED_MS.
    const settled = join(tmp, 'settled');
    mkdirSync(join(settled, 'rust'), { recursive: true });
    writeFileSync(join(settled, 'rust', 'lib.rs'), '');
    writeFileSync(join(settled, 'MAINTAINERS'), readFileSync(join(tree, 'MAINTAINERS')));
    const home = join(tmp, 'parses-settled');
    const ask = () =>
      spawnSync(process.execPath, [bin, 'maintainers', settled, '-f', 'rust/lib.rs'], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: home },
      }).stdout;
    const dir = join(home, 'ferrometer', 'maintainers');
    const keptWhole = () =>
      readFileSync(readdirSync(dir).map((f) => join(dir, f))[0]!).includes(readFileSync(join(settled, 'MAINTAINERS')));
    // Just written: kept with a copy of the file, compared byte for byte.
    assert.equal(ask(), answer);
    assert.ok(keptWhole());
    await new Promise((resolve) => setTimeout(resolve, SETTLED_MS + 100));
    // Settled since: kept again by its identity, without the copy.
    assert.equal(ask(), answer);
    assert.ok(!keptWhole());
    const [file] = readdirSync(dir).map((f) => join(dir, f));
    const inode = statSync(file!).ino;
    assert.equal(ask(), answer);
    assert.equal(statSync(file!).ino, inode, 'read, not written again');
    // The same length, and the modification time put back to the nanosecond (touch -r): the
    // change time still tells.
    const maintainers = join(settled, 'MAINTAINERS');
    const times = join(tmp, 'settled-times');
    writeFileSync(times, '');
    assert.equal(spawnSync('touch', ['-r', maintainers, times]).status, 0);
    const before = statSync(maintainers, { bigint: true });
    // A new section name: read from the kept parse, not the file, were the parse taken.
    writeFileSync(maintainers, readFileSync(maintainers, 'utf8').replace('RUST\n', 'RUSX\n'));
    assert.equal(spawnSync('touch', ['-r', times, maintainers]).status, 0);
    const after = statSync(maintainers, { bigint: true });
    assert.deepEqual([after.ino, after.size, after.mtimeNs], [before.ino, before.size, before.mtimeNs]);
    assert.equal(ask(), 'Some One <some@one.org> (maintainer:RUSX)\n');
  });

  it('is kept for the most recent trees only', () => {
    const home = join(tmp, 'parses-many');
    const dir = join(home, 'ferrometer', 'maintainers');
    mkdirSync(dir, { recursive: true });
    // Parses of other trees, older the higher their number.
    const others = Array.from({ length: KEPT_PARSES + 3 }, (_, i) => join(dir, `other-${i}.bin`));
    others.forEach((f, i) => {
      writeFileSync(f, 'a parse');
      utimesSync(f, new Date(Date.now() - (i + 1) * 60_000), new Date(Date.now() - (i + 1) * 60_000));
    });
    assert.deepEqual(run(home), ok);
    const left = readdirSync(dir);
    assert.equal(left.length, KEPT_PARSES);
    // This tree's, and the newest others.
    assert.deepEqual(
      others.filter((f) => !left.includes(basename(f))),
      others.slice(KEPT_PARSES - 1),
    );
  });

  it('is neither read nor written with --no-store', () => {
    const other = join(tmp, 'parses-no-store');
    assert.deepEqual(run(other, {}, ['--no-store']), ok);
    assert.equal(existsSync(join(other, 'ferrometer', 'maintainers')), false);
  });
});
