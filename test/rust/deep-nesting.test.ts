// A deeply nested Rust file (hostile input, issue 18): the audit is linear in the file's size.
// tree-sitter finds a node's parent, previous sibling and a cursor's depth by walking from the root,
// so an audit that asked it at each of n nested sites took minutes; the expected counts are by hand.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-deep-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('unsafe on a deeply nested file', () => {
  it('counts 3,000 nested unsafe blocks (none documented) and 3,000 flat documented ones', { timeout: 120_000 }, () => {
    const levels = 3000;
    const text =
      'fn f() {\n' +
      'unsafe { g();\n'.repeat(levels) +
      '}\n'.repeat(levels) +
      '}\nfn h() {\n' +
      '    // SAFETY: g has no preconditions.\n    unsafe { g(); }\n'.repeat(levels) +
      '}\n';
    mkdirSync(join(tmp, 'src'));
    writeFileSync(join(tmp, 'src', 'deep.rs'), text);
    const r = spawnSync(process.execPath, [bin, 'unsafe', tmp, '--no-store', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const summary = (JSON.parse(r.stdout) as { summary: { unsafeBlocks: number; documentedUnsafeBlocks: number } }).summary;
    assert.deepEqual([summary.unsafeBlocks, summary.documentedUnsafeBlocks], [2 * levels, levels]);
  });
});
