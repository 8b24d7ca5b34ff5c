// report and serve on bad input: one line and exit 2, never a stack trace or a process left running.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { commitAll, makeRepo } from '../helpers/git.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--no-store'], { encoding: 'utf8', timeout: 60_000 });

describe('report and serve on bad input', () => {
  const tree = mkdtempSync(join(tmpdir(), 'ferrometer-report-cli-'));
  mkdirSync(join(tree, 'rust'));
  writeFileSync(join(tree, 'rust/lib.rs'), 'pub fn a() {}\n');
  after(() => rmSync(tree, { recursive: true, force: true }));

  const oneLine = (r: ReturnType<typeof run>, pattern: RegExp) => {
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  };

  it('an output file that cannot be written', () => {
    oneLine(run('report', tree, '-o', join(tree, 'no/such/dir/report.html')), /^ferrometer: cannot write .*report\.html: ENOENT/);
  });

  it('a port already taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      oneLine(run('serve', tree, '--port', String(port)), new RegExp(`^ferrometer: cannot listen on 127\\.0\\.0\\.1:${port}: EADDRINUSE`));
    } finally {
      taken.close();
    }
  });

  it('--also with a clone, whose releases are its tags', () => {
    const repo = makeRepo();
    writeFileSync(join(repo, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 1\n');
    commitAll(repo, 'v6.1', '2022-12-11T12:00:00Z');
    try {
      oneLine(run('report', repo, '--also', tree), /^ferrometer: --also is for trees on disk/);
      oneLine(run('claims', repo, '--also', tree), /^ferrometer: --also is for trees on disk/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('a bare clone without release tags', () => {
    const repo = makeRepo();
    writeFileSync(join(repo, 'a.c'), 'int a;\n');
    commitAll(repo, 'not-a-release', '2024-01-01T00:00:00Z');
    const bare = `${repo}.git`;
    spawnSync('git', ['clone', '-q', '--bare', repo, bare]);
    try {
      oneLine(run('claims', bare), /^ferrometer: .* has no release tags from v6\.1 on \(give --revs LIST\)/);
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
