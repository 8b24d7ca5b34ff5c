// A file too large to hold at once is counted a window at a time (issue 17: a kernel header of
// 24 MB must not stay in every thread's memory). The oracle is the whole-file count: for every
// window size from 1 byte up, so that every cut position is tried, the windowed counts must equal
// it, on the hand-counted language fixtures and on constructs that span lines and windows.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LineExtractor, type WindowBytes } from '../../src/extract/file-facts.js';
import { fixtureDir } from '../helpers/fixtures.js';

const extractor = new LineExtractor();

/** Counts bytes as a file read `size` bytes at a time (more when a construct fills a window). */
function inWindows(path: string, bytes: Buffer, size: number, language?: string) {
  let windows = 0;
  const window = (offset: number, atLeast: number): WindowBytes => {
    windows++;
    const end = Math.min(bytes.length, offset + Math.max(size, atLeast));
    return { bytes: Buffer.from(bytes.subarray(offset, end)), last: end === bytes.length };
  };
  const x = extractor.extractInWindows(path, window(0, 0), language, window);
  return { counts: { status: x.status, code: x.code, comment: x.comment, blank: x.blank }, windows };
}

function agreesForEveryWindow(path: string, bytes: Buffer): void {
  const whole = extractor.extract(path, bytes);
  assert.equal(whole.status, 'counted', path);
  const expected = { status: whole.status, code: whole.code, comment: whole.comment, blank: whole.blank };
  for (let size = 1; size <= Math.min(bytes.length + 1, 200); size++) {
    const got = inWindows(path, bytes, size, whole.language ?? undefined);
    assert.deepEqual(got.counts, expected, `${path} in windows of ${size} bytes`);
  }
}

describe('counting in windows gives the whole-file counts', () => {
  const dir = fixtureDir('extract', 'languages');
  for (const name of readdirSync(dir).sort()) {
    it(`fixture ${name}, every window size`, () => agreesForEveryWindow(name, readFileSync(join(dir, name))));
  }

  const spanning: [string, string][] = [
    ['c.c', 'int a; /* one\n\n  two */ int b;\n"str\\\nstill" x;\n// line \\\n continued\n/* open to the end\n\nx'],
    ['lib.rs', 'fn f() {\n    /* outer /* inner\n */ still */ let s = r#"raw\n"# not yet\n"#;\n    let c = \'"\';\n}\n// end'],
    ['crlf.c', 'int a;\r\n/* x\r\n */\r\n\r\nint b; // c\r\nint d;'],
    ['tool.py', 'x = 1\n"""doc\n\nstring"""\n# comment\ny = \'\'\'a\nb\'\'\'\n'],
    ['run.sh', '#!/bin/sh\necho "a\nb" # c\n\n: done\n'],
    ['empty-lines.h', '\n\n\n#define A 1\n\n'],
  ];
  for (const [path, text] of spanning) {
    it(`${path}: comments and literals cut by windows`, () => agreesForEveryWindow(path, Buffer.from(text)));
  }

  it('a comment longer than the window takes larger windows, not a wrong count', () => {
    const text = `int a;\n/*${' x\n'.repeat(500)}*/\nint b;\n`;
    const got = inWindows('long.c', Buffer.from(text), 64);
    // "int a;", then "/* x", 499 lines " x", "*/" (comment), then "int b;".
    assert.deepEqual(got.counts, { status: 'counted', code: 2, comment: 501, blank: 0 });
    assert.ok(got.windows < 20, `${got.windows} windows`);
  });

  it('a buffer counted after a larger one is not read past its end (an unclosed comment)', () => {
    // Counted first, a file whose later bytes close a comment; then a file whose comment never closes.
    assert.equal(extractor.extract('a.c', Buffer.from(`int a;\n${'\n'.repeat(50)}*/\n`)).code, 2); // the stray */ is code
    const open = extractor.extract('b.c', Buffer.from('int b;\n/*\n'));
    assert.deepEqual([open.code, open.comment, open.blank], [1, 1, 0]);
  });

  it('a binary or unknown file is classed by its first window', () => {
    assert.equal(
      inWindows('x.c', Buffer.concat([Buffer.from('int a;\n'), Buffer.alloc(3), Buffer.from('\n'.repeat(100))]), 50).counts.status,
      'binary',
    );
    assert.equal(inWindows('noext', Buffer.from('plain text\n'.repeat(20)), 50).counts.status, 'unrecognised');
  });
});
