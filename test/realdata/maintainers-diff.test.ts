// On the real trees: Wedson Almeida Filho leaves the RUST section as a maintainer between 6.1 and
// 6.12 (MAINTAINERS is the record), and in 7.3 the RUST section has one maintainer; maintainers
// --rust and unsafe --by subsystem count the same files under the same sections. Runs when
// FERROMETER_KERNEL_6_1 / _6_12 / _7_3 name the trees (.ci/run sets them under CI=true).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffMaintainers } from '../../src/analyze/people/maintainers-diff.js';
import { rustCodeFiles, rustMaintainers } from '../../src/analyze/people/maintainers-rust.js';
import { readRustTree } from '../../src/analyze/rust/rust-tree.js';
import { auditUnsafe } from '../../src/analyze/rust/unsafe.js';
import { loadMaintainers, primarySection } from '../../src/kernel/maintainers.js';
import { diskTree } from '../../src/source/kernel-tree.js';

const [old, mid, now] = [process.env.FERROMETER_KERNEL_6_1, process.env.FERROMETER_KERNEL_6_12, process.env.FERROMETER_KERNEL_7_3];

describe('MAINTAINERS of real releases', () => {
  it('6.1 → 6.12: Wedson Almeida Filho leaves RUST as maintainer', {
    skip: !old || !mid ? 'set FERROMETER_KERNEL_6_1 and _6_12' : false,
  }, () => {
    const [a, b] = [loadMaintainers(diskTree(old!)), loadMaintainers(diskTree(mid!))];
    const d = diffMaintainers({ label: '6.1', file: a.file }, { label: '6.12', file: b.file }, b.mailmap);
    const rust = d.changed.find((c) => c.section === 'RUST');
    assert.ok(rust, 'RUST changed');
    assert.deepEqual(
      rust.maintainers.removed.map((p) => p.name),
      ['Wedson Almeida Filho'],
    );
  });

  it('7.3: the RUST section has a single maintainer and covers most of the Rust code', {
    skip: !now ? 'set FERROMETER_KERNEL_7_3' : false,
  }, async () => {
    const m = loadMaintainers(diskTree(now!));
    const tree = await readRustTree(now!, undefined);
    const r = rustMaintainers(m, rustCodeFiles(tree));
    const rust = r.sections.find((s) => s.name === 'RUST')!;
    assert.deepEqual(
      rust.maintainers.map((p) => p.name),
      ['Miguel Ojeda'],
    );
    assert.ok(r.singleMaintainer.includes('RUST'));
    assert.ok(rust.coveredCode > r.rustCode / 2, 'RUST covers most of the own Rust');
    assert.ok(r.vendored.code > 0, '7.3 vendors crates (syn, quote, proc-macro2)');
    // One rule: each own file once, so the sections and the catch-all-only files add up to the total…
    const catchAll = r.onlyCatchAll.reduce((n, f) => n + f.code, 0);
    assert.equal(r.sections.reduce((n, s) => n + s.code, 0) + catchAll, r.rustCode);
    // …and unsafe --by subsystem gives every section the same files and lines.
    const u = auditUnsafe(tree, { kind: 'subsystem' }, (p) => primarySection(m, p)?.name ?? '(no section)');
    const bySection = new Map(u.rows.map((x) => [x.name, [x.files, x.code]]));
    for (const s of r.sections.filter((x) => x.files > 0)) assert.deepEqual(bySection.get(s.name), [s.files, s.code], s.name);
    assert.deepEqual(bySection.get('(no section)') ?? [0, 0], [r.onlyCatchAll.length, catchAll]);
  });
});
