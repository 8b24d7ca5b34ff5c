import assert from 'node:assert/strict';
import { it } from 'node:test';
import { compareVersions, makefileRelease, releaseOf, releaseOrdinal } from '../../src/core/versions.js';

it('orders kernel releases as releases, not decimals: 6.9 < 6.10 < 6.19 < 7.0', () => {
  const tags = ['v7.0', 'v6.10', 'v6.9', 'v6.19', 'v6.1', 'v6.10.3', 'v6.2-rc1'];
  assert.deepEqual([...tags].sort(compareVersions), ['v6.1', 'v6.2-rc1', 'v6.9', 'v6.10', 'v6.10.3', 'v6.19', 'v7.0']);
  assert.equal(Number.parseFloat('6.10'), 6.1, 'why a comparator is needed');
  assert.equal(releaseOrdinal('7.0') - releaseOrdinal('6.19'), 1);
});

it('reads the release of a tag and of a top Makefile', () => {
  assert.equal(releaseOf('v6.14'), '6.14');
  assert.equal(releaseOf('v6.14.2'), '6.14');
  assert.equal(releaseOf('v6.14-rc1'), null);
  assert.equal(makefileRelease('# SPDX\nVERSION = 7\nPATCHLEVEL = 3\nSUBLEVEL = 4\n'), '7.3');
  assert.equal(makefileRelease('all:\n\tcc main.c\n'), null);
});
