// The store's index of facts: found by (blob id, name hint) whatever the ids share, however many
// segments and facts it holds, from hex or from bytes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Store, type FactRow } from '../../src/store/store.js';

const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-fact-index-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const EXTRACTOR = 'lines/1/test';
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const row = (blob: string, hint: string, code: number): FactRow => ({
  blob,
  hint,
  language: hint || null,
  status: hint ? 0 : 1,
  code,
  comment: 1,
  blank: 2,
  bytes: 100 + code,
});

describe('the index of facts', () => {
  it('tells apart ids that share their first bytes, and a blob under two hints', () => {
    const store = Store.open(join(tmp, 'shared-prefix.db'));
    try {
      // The index keys on the first four bytes; these three ids share them, two share all but the last.
      const a = `deadbeef${'0'.repeat(32)}`;
      const b = `deadbeef${'0'.repeat(31)}1`;
      const c = `deadbeef${'f'.repeat(32)}`;
      store.addFacts(EXTRACTOR, [row(a, 'C', 1), row(b, 'C', 2), row(a, 'Rust', 3), row(c, '', 4)]);
      const facts = store.facts(EXTRACTOR);
      assert.equal(facts.get(a, 'C')?.code, 1);
      assert.equal(facts.get(b, 'C')?.code, 2);
      assert.equal(facts.get(a, 'Rust')?.code, 3);
      assert.equal(facts.get(c, '')?.code, 4);
      assert.equal(facts.get(b, 'Rust'), undefined);
      assert.equal(facts.get(c, 'C'), undefined);
      assert.equal(facts.get(`deadbeef${'0'.repeat(31)}2`, 'C'), undefined);
      // A short id is no id: it must not match what the last lookup left behind.
      assert.equal(facts.get(b, 'C')?.code, 2);
      assert.equal(facts.get(b.slice(0, 38), 'C'), undefined);
      assert.equal(facts.size, 4);
    } finally {
      store.close();
    }
  });

  it('finds every one of 20,000 facts written in segments, and a later fact replaces an earlier one', () => {
    const path = join(tmp, 'many.db');
    const store = Store.open(path);
    const blobs = Array.from({ length: 20_000 }, (_, i) => sha1(`file ${i}`));
    for (let from = 0; from < blobs.length; from += 5000) {
      store.addFacts(
        EXTRACTOR,
        blobs.slice(from, from + 5000).map((b, k) => row(b, 'C', from + k)),
      );
    }
    // Blob 7 again, with other facts, in a segment of its own.
    store.addFacts(EXTRACTOR, [row(blobs[7]!, 'C', 70_007)]);
    store.close();

    const again = Store.open(path);
    try {
      const facts = again.facts(EXTRACTOR);
      assert.equal(facts.size, 20_000);
      const wrong = blobs.filter((b, i) => facts.fact(b, 'C')?.code !== (i === 7 ? 70_007 : i));
      assert.deepEqual(wrong, []);
      assert.equal(facts.fact(sha1('file 20000'), 'C'), undefined);
      // From bytes, as a work tree's index of ids gives them: id 3 at its place among others.
      const ids = Buffer.from(blobs.slice(0, 5).join(''), 'hex');
      assert.equal(facts.factAt(ids, 3 * 20, 'C')?.code, 3);
      assert.equal(facts.factAt(ids, 3 * 20, 'Rust'), undefined);
      assert.deepEqual(facts.get(Buffer.from(blobs[42]!, 'hex'), 'C'), row(blobs[42]!, 'C', 42));
    } finally {
      again.close();
    }
  });
});
