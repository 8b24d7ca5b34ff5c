// A file over the window size is counted a window at a time. On real kernel trees, every file of
// 256 KB or more, counted in windows of 64 KB (so that each is cut many times, in every kind of
// construct these files hold), must give exactly its whole-file counts. Runs for each tree that
// FERROMETER_KERNEL_6_1 / _6_12 / _7_3 names (.ci/run sets them under CI=true).
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LineExtractor, type WindowBytes } from '../../src/extract/file-facts.js';
import { walkTree } from '../../src/source/fs-tree.js';

const TREES = ['6_1', '6_12', '7_3'].map((v) => [v.replace('_', '.'), process.env[`FERROMETER_KERNEL_${v}`]] as const);
const LARGE = 256 << 10;
const WINDOW = 64 << 10;
const extractor = new LineExtractor();

for (const [version, tree] of TREES) {
  describe(`counting in windows on linux ${version}`, {
    skip: tree ? false : `set FERROMETER_KERNEL_${version.replace('.', '_')} to run`,
  }, () => {
    it(`every file of ${LARGE >> 10} KB or more counts in ${WINDOW >> 10} KB windows as it does whole`, () => {
      const large = walkTree(tree!).files.filter((f) => statSync(join(tree!, f.path)).size >= LARGE);
      let counted = 0;
      for (const f of large) {
        const bytes = readFileSync(join(tree!, f.path));
        const whole = extractor.extract(f.path, bytes);
        if (whole.status !== 'counted') continue;
        const window = (offset: number, atLeast: number): WindowBytes => {
          const end = Math.min(bytes.length, offset + Math.max(WINDOW, atLeast));
          return { bytes: bytes.subarray(offset, end), last: end === bytes.length };
        };
        const got = extractor.extractInWindows(f.path, window(0, 0), undefined, window);
        assert.deepEqual([got.code, got.comment, got.blank], [whole.code, whole.comment, whole.blank], f.path);
        counted++;
      }
      // 6.1 already has a few hundred such files (amdgpu's register headers above all).
      assert.ok(counted > 100, `${counted} large files counted`);
    });
  });
}
