// The terminal is an output too (issue 18): names that carry escape sequences, direction overrides
// or newlines are shown escaped in text, table, Markdown and CSV output, in warnings and errors;
// JSON keeps them exact. Ctrl-C during a progress bar stops the run at once and gives the cursor back.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { visible, visibleText } from '../../src/report/visible.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-terminal-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
// Clear screen, set the window title, a right-to-left override, a C1 control.
const RAW = /[\u001b\u0007\u202e\u009b]/;

describe('text output shows control characters, JSON keeps them', () => {
  const dir = join(tmp, 'tree');
  mkdirSync(dir);
  const evil = 'evil\u001b[2J\u001b]0;owned\u0007\u202egnp.c';
  writeFileSync(join(dir, evil), 'int x;\n');
  writeFileSync(join(dir, 'two\nlines.c'), 'int y;\n');

  it('in tables of every text format', () => {
    for (const format of ['table', 'md', 'csv']) {
      const r = run('scan', dir, '--by', 'file', '--no-store', '--format', format);
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, RAW, format);
      assert.match(r.stdout, /evil\\x1b\[2J\\x1b\]0;owned\\x07\\u202egnp\.c/, format);
      assert.match(r.stdout, /two\\nlines\.c/, format);
    }
    const json = JSON.parse(run('scan', dir, '--by', 'file', '--no-store', '--format', 'json').stdout) as { files: { path: string }[] };
    assert.ok(json.files.some((f) => f.path === evil));
  });

  it('in warnings', (t) => {
    const locked = join(dir, 'locked\u001b[31m.c');
    writeFileSync(locked, 'int z;\n');
    chmodSync(locked, 0);
    const r = run('scan', dir, '--no-store');
    chmodSync(locked, 0o644);
    if (!/locked/.test(r.stderr)) {
      t.skip('this user can read a mode-0 file (root): no warning to look at');
    } else {
      assert.doesNotMatch(r.stderr, RAW);
      assert.match(r.stderr, /locked\\x1b\[31m\.c/);
    }
  });

  it('in error lines', () => {
    const missing = run('scan', join(tmp, 'no\u001b[2Jsuch'));
    assert.equal(missing.status, 2);
    assert.doesNotMatch(missing.stderr, RAW);
    assert.match(missing.stderr, /no\\x1b\[2Jsuch/);
  });
});

describe('visible()', () => {
  it('escapes C0, DEL, C1 and the bidi controls; leaves other text, and line breaks in whole renderings', () => {
    assert.equal(visible('a\tb\nc\u007f\u0085\u2066x\u2069'), 'a\\tb\\nc\\x7f\\x85\\u2066x\\u2069');
    assert.equal(visible('Jörg Rödel ▁▂▃ 日本'), 'Jörg Rödel ▁▂▃ 日本');
    assert.equal(visibleText('row 1\u001b[2J\nrow 2\n'), 'row 1\\x1b[2J\nrow 2\n');
  });
});

describe('Ctrl-C during a progress bar', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0 && spawnSync('pgrep', ['--version']).status === 0;
  it('stops a -j 1 scan at once (no result printed), exits 130 and shows the cursor again', {
    skip: hasScript ? false : 'needs script(1) for a terminal',
  }, async () => {
    // 12,000 small files: a -j 1 scan runs for a good second after its progress bar appears.
    const dir = join(tmp, 'many');
    for (let d = 0; d < 60; d++) {
      mkdirSync(join(dir, `d${d}`), { recursive: true });
      for (let f = 0; f < 200; f++) writeFileSync(join(dir, `d${d}`, `f${f}.c`), 'int x;\n/* c */\n\nint y;\n'.repeat(20));
    }
    // script(1) gives the run a terminal, so the progress bar shows (and hides the cursor).
    const child = spawn('script', ['-qfec', `exec ${process.execPath} ${bin} scan ${dir} --no-store -j 1`, '/dev/null']);
    let out = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      if (!sent && out.includes('\u001b[?25l')) {
        sent = true;
        const pid = Number(execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).trim());
        process.kill(pid, 'SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.ok(sent, 'the progress bar appeared');
    assert.equal(code, 130, out);
    assert.ok(out.lastIndexOf('\u001b[?25h') > out.lastIndexOf('\u001b[?25l'), 'the cursor is shown again');
    assert.doesNotMatch(out, /Language +Files/, 'the scan was stopped before its result');
  });
});
