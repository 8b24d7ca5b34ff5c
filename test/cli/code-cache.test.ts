// bin/ferrometer.cjs compiles the command's bundle with V8's code cache from the last run, kept
// under $XDG_CACHE_HOME/ferrometer/code. A cache made for something else, damaged, or impossible to
// write must never change an answer or print a word: the bundle is then compiled as usual.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.cjs', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-code-cache-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const tree = join(tmp, 'kernel');
mkdirSync(join(tree, 'rust'), { recursive: true });
writeFileSync(join(tree, 'rust', 'lib.rs'), '');
writeFileSync(join(tree, 'MAINTAINERS'), 'RUST\nM:\tSome One <some@one.org>\nS:\tMaintained\nF:\trust/\n');
const answer = 'Some One <some@one.org> (maintainer:RUST)\n';

function run(cacheHome: string, extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, 'maintainers', tree, '-f', 'rust/lib.rs'], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...extra },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const ok = { status: 0, stdout: answer, stderr: '' };
/** The cache file's key (its first 20 bytes), when the checksum that follows matches its data. */
function validKey(bytes: Buffer): string | undefined {
  const sum = createHash('sha1').update(bytes.subarray(40)).digest();
  return bytes.length > 40 && sum.equals(bytes.subarray(20, 40)) ? bytes.subarray(0, 20).toString('hex') : undefined;
}

describe('the code cache of the bundled CLI', () => {
  it('is written by the first run and taken, unchanged, by the next', () => {
    const home = join(tmp, 'fresh');
    assert.deepEqual(run(home), ok);
    const cache = join(home, 'ferrometer', 'code', 'maintainers.bin');
    const first = statSync(cache);
    assert.ok(first.size > 40 + 10_000, `a cache of ${first.size} bytes`);
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
    const key = validKey(good);
    assert.ok(key);
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1]! ^= 0xff;
    // scan's cache is valid, for another bundle: its key is not this one.
    spawnSync(process.execPath, [bin, 'scan', tree, '--no-store'], { env: { ...process.env, XDG_CACHE_HOME: home } });
    const other = readFileSync(join(dir, 'scan.bin'));
    for (const [what, bytes] of [
      ['a flipped byte', flipped],
      ["another bundle's", other],
      ['the header alone', good.subarray(0, 40)],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      writeFileSync(cache, bytes);
      assert.deepEqual(run(home), ok, what);
      assert.equal(validKey(readFileSync(cache)), key, `${what}: written again`);
    }
  });

  it('is no cache where it cannot be written, or when FERROMETER_CODE_CACHE=0', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'not a directory');
    assert.deepEqual(run(file), ok);
    const home = join(tmp, 'off');
    assert.deepEqual(run(home, { FERROMETER_CODE_CACHE: '0' }), ok);
    assert.equal(existsSync(join(home, 'ferrometer')), false);
  });
});
