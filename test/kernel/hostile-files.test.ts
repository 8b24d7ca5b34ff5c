// MAINTAINERS, .mailmap, .gitignore and --employers files that are not files (issue 18): a FIFO
// would hang a blocking read, a link to /dev/zero would fill the memory. Each ends at once: one
// line and exit 2 for a file a command needs, a walk without the rules for a .gitignore.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixtureDir } from '../helpers/fixtures.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-hostile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });
const rules = fixtureDir('kernel', 'rules');

/** A copy of the rules tree, to spoil. */
function treeCopy(name: string): string {
  const dir = join(tmp, name);
  cpSync(rules, dir, { recursive: true });
  return dir;
}

describe('files that are not files', () => {
  it('a MAINTAINERS that is a FIFO: one line, exit 2, no hang', () => {
    const dir = treeCopy('fifo');
    unlinkSync(join(dir, 'MAINTAINERS'));
    execFileSync('mkfifo', [join(dir, 'MAINTAINERS')]);
    const r = run('maintainers', dir, '--rust');
    assert.equal(r.signal, null, 'it must not hang');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /MAINTAINERS is not a regular file \(a FIFO\)/);
  });

  it('a .mailmap linked to /dev/zero: one line, exit 2, no memory blow-up', () => {
    const dir = treeCopy('zero');
    rmSync(join(dir, '.mailmap'), { force: true });
    symlinkSync('/dev/zero', join(dir, '.mailmap'));
    const r = run('maintainers', dir, '--rust');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /\.mailmap is not a regular file \(a device\)/);
  });

  it('a .gitignore that is a FIFO: the walk goes on without it', () => {
    const dir = treeCopy('gitignore');
    rmSync(join(dir, '.gitignore'), { force: true });
    execFileSync('mkfifo', [join(dir, '.gitignore')]);
    const r = run('scan', dir, '--no-store', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.ok((JSON.parse(r.stdout) as { total: { files: number } }).total.files > 0);
  });

  it('--employers naming a FIFO: one line, exit 2', () => {
    const fifo = join(tmp, 'employers.json');
    execFileSync('mkfifo', [fifo]);
    const repo = join(tmp, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    const r = run('people', repo, '--since', '2024-01-01', '--employers', fifo, '--no-store');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /is not a regular file \(a FIFO\)/);
  });

  it('--employers that is not JSON, or not the documented shape: its first problem in one line, exit 2', () => {
    const repo = join(tmp, 'repo-employers');
    execFileSync('git', ['init', '-q', repo]);
    const notJson = join(tmp, 'not-json.json');
    writeFileSync(notJson, '{"domains": ');
    const wrongShape = join(tmp, 'wrong-shape.json');
    writeFileSync(wrongShape, JSON.stringify({ domains: [{ domain: 'example.org', employer: 42 }] }));
    for (const [file, message] of [
      [notJson, /not-json\.json is not JSON/],
      [wrongShape, /wrong-shape\.json: domains\.0\.employer: .*docs\/EMPLOYERS\.md/],
    ] as const) {
      const r = run('people', repo, '--since', '2024-01-01', '--employers', file, '--no-store');
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
    }
  });
});

describe('patterns that backtrack without end', () => {
  it('a K: or N: pattern nesting quantifiers is refused with its line; matching ends at once', () => {
    const dir = treeCopy('redos');
    const maintainers = join(dir, 'MAINTAINERS');
    writeFileSync(
      maintainers,
      `${readFileSync(maintainers, 'utf8')}\nEVIL\nM:\tEvil Person <evil@example.org>\nS:\tMaintained\nN:\t(a+)+$\nK:\t(x*y*)*z\n`,
    );
    // Thirty a's and a '!' take (a+)+$ about 2^30 steps; thirty x's do the same to (x*y*)*z.
    writeFileSync(join(dir, `${'a'.repeat(30)}!.c`), `int ${'x'.repeat(30)};\n`);
    const r = run('maintainers', dir, '-f', `${'a'.repeat(30)}!.c`, '--keywords-in-file');
    assert.equal(r.signal, null, 'it must not hang');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /MAINTAINERS:\d+: pattern "\(a\+\)\+\$" nests quantifiers \(it can backtrack without end\), ignored/);
    assert.match(r.stderr, /pattern "\(x\*y\*\)\*z" nests quantifiers/);
    assert.doesNotMatch(r.stdout, /evil@example\.org/);
  });
});
