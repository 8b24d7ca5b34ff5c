import assert from 'node:assert/strict';
import { it } from 'node:test';
import { directoryPrefix, parseGrouping } from '../../src/analyze/code/rollup.js';

it('cuts a path to its first DEPTH directories', () => {
  assert.equal(directoryPrefix('drivers/gpu/drm/nova/gem.rs', 2), 'drivers/gpu');
  assert.equal(directoryPrefix('drivers/gpu/drm/nova/gem.rs', 1), 'drivers');
  assert.equal(directoryPrefix('drivers/gpu/Kconfig', 2), 'drivers/gpu');
  assert.equal(directoryPrefix('drivers/Kconfig', 2), 'drivers');
  assert.equal(directoryPrefix('Makefile', 3), '.');
  assert.equal(directoryPrefix('a/b/c/d.c', 9), 'a/b/c');
});

it('parses --by', () => {
  assert.deepEqual(parseGrouping('dir'), { kind: 'dir', depth: 1 });
  assert.deepEqual(parseGrouping('dir:3'), { kind: 'dir', depth: 3 });
  assert.equal(parseGrouping('dir:0'), undefined);
  assert.equal(parseGrouping('dirs'), undefined);
  assert.deepEqual(parseGrouping('file'), { kind: 'file' });
});
