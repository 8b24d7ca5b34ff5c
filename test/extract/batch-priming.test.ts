// A batch of a large scan primes the line counter before its first read (batch.ts): priming counts
// in the scanner's memory, where the reader puts a file's bytes, so primed between a read and its
// count, the first file would be counted from the priming text instead.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { runBatch, SLOTS } from '../../src/extract/batch.js';
import { threadContext } from '../../src/extract/context.js';
import { fixtureDir, statedCounts } from '../helpers/fixtures.js';

it('a batch that primes counts every file, its first included, as the file states', async () => {
  const dir = fixtureDir('extract', 'languages');
  const names = readdirSync(dir).sort();
  const ctx = threadContext();
  try {
    const r = await runBatch({ id: 0, paths: names.join('\0'), root: dir, maxFileSize: 1 << 20, prime: true }, ctx);
    assert.deepEqual(r.errors, []);
    names.forEach((name, f) => {
      const at = f * SLOTS;
      const got = { code: r.counts[at + 2], comment: r.counts[at + 3], blank: r.counts[at + 4] };
      assert.deepEqual(got, statedCounts(readFileSync(join(dir, name), 'utf8')), name);
    });
  } finally {
    ctx.close();
  }
});
