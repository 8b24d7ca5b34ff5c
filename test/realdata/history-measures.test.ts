// history --measures all on real releases: a repository made by bench/make-kernel-repo.sh --parts
// from the 6.1, 6.12 and 7.3 trees (MAINTAINERS, the toolchain files, rust/ and the Rust drivers;
// .ci/run builds it under CI=true and names it in FERROMETER_PARTS_REPO). Every measure of every
// release equals what scan, unsafe, bindings and maintainers --rust print for it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { HistoryResult } from '../../src/analyze/code/history.js';
import { singleTreeMeasures, useStore } from '../helpers/measures.js';

const repo = process.env.FERROMETER_PARTS_REPO;
const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));

describe('history --measures on parts of real releases', () => {
  // One store for the single-tree runs: each release's Rust is parsed once, not five times.
  const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-measures-'));
  after(() => {
    useStore(undefined);
    rmSync(tmp, { recursive: true, force: true });
  });
  useStore(join(tmp, 'store.db'));
  it('6.1, 6.12, 7.3: every measure equals the single-tree commands', {
    skip: repo ? false : 'set FERROMETER_PARTS_REPO (bench/make-kernel-repo.sh --parts)',
  }, () => {
    const r = spawnSync(
      process.execPath,
      [bin, 'history', repo!, '--revs', 'v6.1,v6.12,v7.3', '--measures', 'all', '--format', 'json', '--no-store'],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const h = JSON.parse(r.stdout) as HistoryResult;
    for (const row of h.revisions) assert.deepEqual(row.measures, singleTreeMeasures(repo!, row.revision, true), row.revision);
    const [v61, , v73] = h.revisions.map((x) => x.measures!);
    // 6.1 carried the alloc fork (vendored) and one architecture; 7.3 vendors syn, quote, proc-macro2, zerocopy.
    assert.ok(v61!.rust!.vendoredCode > 0 && v61!.toolchain!.architectures.includes('x86'));
    assert.ok(v73!.rust!.vendoredCode > v73!.rust!.ownCode / 2, 'a jump made of vendored crates shows as such');
    assert.ok(v73!.rust!.drivers.includes('drivers/android/binder'));
  });
});
