// Input that is empty, meaningless or hostile to the terminal: one line and exit 2, or a quiet end;
// never a stack trace. (Part of what issue 18 asks; each case states its input.)
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fixtureDir } from '../helpers/fixtures.js';
import { commitAll, makeRepo } from '../helpers/git.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-robust-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const oneLine = (r: { status: number | null; stderr: string }, message: RegExp) => {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, message);
};

describe('a reader that goes away', () => {
  it('ends the command quietly with exit 0, as cat does (no EPIPE stack trace, not exit 1)', async () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    for (let i = 0; i < 4000; i++) writeFileSync(join(dir, `file-with-a-long-name-${i}.c`), `int f${i};\n`);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [bin, 'scan', dir, '--by', 'file', '--no-store']);
      let err = '';
      p.stderr.on('data', (c) => (err += c));
      // Like `| head -1`: read one chunk, then close the pipe.
      p.stdout.once('data', () => p.stdout.destroy());
      p.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /Error|EPIPE|at /);
  });
});

describe('output that cannot be written', () => {
  it('a full disk is one line and exit 2, for results as for the version', {
    skip: !existsSync('/dev/full') && 'no /dev/full here',
  }, () => {
    for (const args of [['--version'], ['scan', fixtureDir('scan', 'tree'), '--no-store']]) {
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'] });
      oneLine(r, /^ferrometer: cannot write the output: ENOSPC/);
    }
  });
});

describe('empty or meaningless input', () => {
  const repo = makeRepo(fixtureDir('scan', 'tree'));
  commitAll(repo, 'v1', '2024-01-01T00:00:00Z');
  after(() => rmSync(repo, { recursive: true, force: true }));

  it("history --revs '' or ',,,' names no revision", () => {
    oneLine(run('history', repo, '--revs', '', '--no-store'), /--revs names no revision/);
    oneLine(run('history', repo, '--revs', ',,,', '--no-store'), /--revs names no revision: ",,,"/);
  });

  it("impact '' is refused; impact 'struct device' is impact device", () => {
    const glue = fixtureDir('rust', 'glue');
    oneLine(run('impact', '', glue, '--no-store'), /not a C identifier or a header: ""/);
    oneLine(run('impact', 'x; rm -rf', glue, '--no-store'), /not a C identifier or a header/);
    const spelled = run('impact', 'struct device', glue, '--no-store', '--format', 'json');
    const plain = run('impact', 'device', glue, '--no-store', '--format', 'json');
    assert.equal(spelled.status, 0, spelled.stderr);
    assert.equal(spelled.stdout, plain.stdout);
  });
});

describe('messages that say what is wrong', () => {
  it('cves on a missing path asks for a vulns clone; history does not suggest an option it lacks', () => {
    oneLine(run('cves', join(tmp, 'nope')), /path does not exist: .*give a clone of the kernel CNA's vulns repository/);
    const h = run('history', tmp, '--revs', 'v1');
    oneLine(h, /not a git repository/);
    assert.doesNotMatch(h.stderr, /--rev/);
    assert.match(run('scan', tmp, '--rev', 'v1').stderr, /or drop --rev to scan the directory/);
  });

  it("a repository owned by another user is git's safe.directory refusal, not 'not a git repository'", (t) => {
    const repo = makeRepo(fixtureDir('scan', 'tree'));
    commitAll(repo, 'v1', '2024-01-01T00:00:00Z');
    try {
      chownSync(repo, 65534, 65534);
    } catch {
      t.skip('cannot give the repository to another user here (not root)');
      return;
    }
    const r = spawnSync(process.execPath, [bin, 'history', repo, '--revs', 'v1'], {
      encoding: 'utf8',
      env: { ...process.env, HOME: tmp, GIT_CONFIG_NOSYSTEM: '1' },
    });
    oneLine(r, /git refuses to read .*: it is owned by another user \(if you trust it: git config --global --add safe.directory /);
    rmSync(repo, { recursive: true, force: true });
  });
});

describe('directories that cannot be read', () => {
  it('unsafe, bindings and impact name them on stderr, as scan does', (t) => {
    const dir = join(tmp, 'unreadable');
    mkdirSync(join(dir, 'src', 'locked'), { recursive: true });
    mkdirSync(join(dir, 'src', 'ok'));
    writeFileSync(join(dir, 'src', 'ok', 'a.rs'), 'fn a() {}\n');
    writeFileSync(join(dir, 'src', 'locked', 'b.rs'), 'fn b() {}\n');
    chmodSync(join(dir, 'src', 'locked'), 0);
    try {
      if (run('scan', dir, '--no-store').stderr === '') {
        t.skip('this user reads a mode-0 directory (root): nothing to warn about');
        return;
      }
      for (const args of [
        ['unsafe', dir],
        ['bindings', dir],
        ['impact', 'kmalloc', dir],
      ]) {
        const r = run(...args, '--no-store');
        assert.match(r.stderr, /warning: src\/locked: unreadable directory: left out/, args[0]);
      }
    } finally {
      chmodSync(join(dir, 'src', 'locked'), 0o755);
    }
  });
});
