// The checksum of the caches beside the store (store/checksum.wat): it must see any damage to what
// it covers, and tell apart lists of parts that run together alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksum } from '../../src/store/checksum.cjs';

describe('checksum', () => {
  const data = Buffer.from(Array.from({ length: 3001 }, (_, i) => (i * 7919) % 251));

  it('is 8 bytes, the same for the same parts, and other for each flipped bit', () => {
    const sum = checksum(data);
    assert.equal(sum.length, 8);
    assert.deepEqual(checksum(Buffer.from(data)), sum);
    const seen = new Set([sum.toString('hex')]);
    for (let bit = 0; bit < data.length * 8; bit += 13) {
      const flipped = Buffer.from(data);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      seen.add(checksum(flipped).toString('hex'));
    }
    assert.equal(seen.size, 1 + Math.ceil((data.length * 8) / 13));
  });

  it('tells parts apart by where they end, and counts trailing zeros', () => {
    const sums = [
      checksum('ab', 'c'),
      checksum('a', 'bc'),
      checksum('abc'),
      checksum('abc', ''),
      checksum(Buffer.from('abc\0')),
      checksum(Buffer.from('abc\0\0\0\0\0')),
    ].map((s) => s.toString('hex'));
    assert.equal(new Set(sums).size, sums.length);
  });

  it('grows its memory for large values and gives the same sum after', () => {
    const small = checksum(data);
    const large = Buffer.alloc(300_000, 1);
    large[299_999] = 2;
    const sum = checksum(large);
    assert.notDeepEqual(sum, checksum(large.subarray(0, 299_999)));
    assert.deepEqual(checksum(data), small);
  });
});
