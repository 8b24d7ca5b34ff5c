// The scan command as a user runs it: stdout carries only the result, errors are one line and exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { fixtureDir } from '../helpers/fixtures.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tree = fixtureDir('scan', 'tree');

const db = join(mkdtempSync(join(tmpdir(), 'ferrometer-cli-')), 'store.db');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, FERROMETER_DB: db } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ferrometer scan', () => {
  it('prints the documented JSON shape', () => {
    const r = run('scan', tree, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.by, 'language');
    for (const l of j.languages) assert.deepEqual(Object.keys(l).sort(), ['blank', 'bytes', 'code', 'comment', 'files', 'language']);
    assert.deepEqual(Object.keys(j.total).sort(), ['blank', 'bytes', 'code', 'comment', 'files']);
    assert.equal(j.vendored.total.code, 2);
    assert.equal(j.skipped.binary.files, 1);
    assert.equal(j.files, undefined, 'per-file rows only with --by file');
  });

  it('rolls up by directory depth, in CSV long form', () => {
    const r = run('scan', tree, '--by', 'dir:2', '--format', 'csv');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'Directory,Language,Files,Blank,Comment,Code,Bytes');
    assert.ok(
      lines.some((l) => l.startsWith('drivers/net,C,1,1,1,3,')),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => l.startsWith('drivers,Makefile,1,0,1,1,')),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => l.startsWith('rust/syn,Rust,1,0,1,2,')),
      r.stdout,
    );
  });

  it('lists files with --by file, and a table and Markdown by default', () => {
    const j = JSON.parse(run('scan', tree, '--by', 'file', '--format', 'json').stdout);
    assert.deepEqual(
      j.files.map((f: { path: string }) => f.path),
      ['drivers/Makefile', 'drivers/net/foo.c', 'rust/kernel/lib.rs', 'rust/syn/lib.rs'],
    );
    const table = run('scan', tree).stdout;
    assert.match(table, /^Rust\s+2\s+1\s+2\s+3\s/m);
    assert.match(table, /vendored: syn \(rust\/syn\/\) 1 files, 2 code lines/);
    assert.match(run('scan', tree, '--format', 'md').stdout, /^\| Rust \| 2 \| 1 \| 2 \| 3 \|/m);
  });

  it('exits 2 with one line and no stack trace on bad input', () => {
    for (const args of [
      ['scan', '/nonexistent/tree'],
      ['scan', tree, '--by', 'dir:0'],
      ['scan', tree, '--format', 'xml'],
    ]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
    }
  });
});
