// The audit of a small kernel-shaped tree (test/fixtures/rust/glue), its answers worked out by hand:
// unsafe totals with an include!d file under its includer's allow, the binding surface, impact
// through helpers, toolchain readiness; git and disk agree; the store answers a second run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { auditBindings, impactOf } from '../../src/analyze/rust/bindings.js';
import { readRustTree } from '../../src/analyze/rust/rust-tree.js';
import { auditUnsafe } from '../../src/analyze/rust/unsafe.js';
import { declaredNames } from '../../src/kernel/rust-glue.js';
import { Store } from '../../src/store/store.js';
import { subsystems } from '../../src/cli/subsystems.js';
import { fixtureDir } from '../helpers/fixtures.js';
import { commitAll, makeRepo } from '../helpers/git.js';

const root = fixtureDir('rust', 'glue');
const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-glue-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--no-store'], { encoding: 'utf8' });

describe('unsafe on a kernel-shaped tree', () => {
  it('counts own blocks, and leaves the file an opted-out file include!s to its allow', async () => {
    const r = auditUnsafe(await readRustTree(root, undefined), { kind: 'file' });
    assert.equal(r.summary.files, 6);
    assert.equal(r.summary.unsafeBlocks, 7);
    assert.equal(r.summary.documentedUnsafeBlocks, 5);
    assert.equal(r.undocumentedUnsafeBlocks, 1);
    assert.deepEqual(r.exempt, [
      { path: 'drivers/gpu/fw/opt.rs', reason: 'opt-out' },
      { path: 'drivers/gpu/fw/opt/gen.rs', reason: 'opt-out' },
    ]);
  });

  it('--fail-undocumented exits 1 and names the block; --list prints every site', () => {
    const failing = run('unsafe', root, '--fail-undocumented');
    assert.equal(failing.status, 1);
    assert.match(failing.stderr, /drivers\/mini\/mini\.rs:4 block undocumented/);
    const listed = run('unsafe', root, '--list');
    assert.equal(listed.status, 0);
    assert.equal(listed.stdout.match(/^\S+:\d+ block /gm)?.length, 7);
    assert.equal(run('unsafe', join(root, 'nope')).status, 2);
  });

  it('reads a revision from git with the same answer, and from the store the second time', async () => {
    const repo = makeRepo(root);
    after(() => rmSync(repo, { recursive: true, force: true }));
    commitAll(repo, 'v1', '2024-01-01T00:00:00Z');
    const store = Store.open(join(tmp, 'store.db'));
    try {
      const fromDisk = await readRustTree(root, undefined, { store });
      const fromGit = await readRustTree(repo, 'v1', { store });
      assert.equal(fromDisk.parsed, 6);
      assert.equal(fromGit.parsed, 0, 'the same blobs, already audited from disk');
      assert.equal(fromGit.cached, 6);
      const { tree: _a, revision: _r, ...git } = auditUnsafe(fromGit, { kind: 'file' });
      const { tree: _b, ...disk } = auditUnsafe(fromDisk, { kind: 'file' });
      assert.deepEqual(git, disk);
    } finally {
      store.close();
    }
  });
});

describe('bindings and impact', async () => {
  const tree = await readRustTree(root, undefined, { alsoRead: (p) => p === 'include/linux/refcount.h' });
  const { subsystemOf } = subsystems(root, undefined, true);

  it('finds the binding surface, per file and subsystem', () => {
    const b = auditBindings(tree, subsystemOf);
    assert.deepEqual(b.headers, ['linux/refcount.h', 'linux/slab.h']);
    assert.deepEqual(
      b.helpers.map((h) => `${h.name}→${h.wraps}`),
      ['REFCOUNT_INIT→REFCOUNT_INIT', 'refcount_inc→refcount_inc', 'refcount_dec_and_test→refcount_dec_and_test', 'krealloc→krealloc'],
    );
    assert.deepEqual(
      b.files.map((f) => [f.path, f.symbols.join(' '), f.uses]),
      [
        ['drivers/mini/mini.rs', 'refcount_inc refcount_t', 2],
        ['rust/kernel/alloc.rs', 'GFP_KERNEL krealloc', 2],
        ['rust/kernel/refcount.rs', 'REFCOUNT_INIT refcount_dec_and_test refcount_inc refcount_t', 4],
      ],
    );
    assert.deepEqual(b.summary, { rustFiles: 3, symbols: 6, uses: 8, helpersUsed: 4, filesOutsideRust: 1 });
    assert.deepEqual(b.subsystems, [
      { name: 'RUST', files: 2, symbols: 6, uses: 6 },
      { name: 'MINI DRIVER', files: 1, symbols: 2, uses: 2 },
    ]);
    assert.deepEqual(b.localBindings, ['drivers/gpu/fw/fw.rs']);
    assert.deepEqual(b.toolchain, {
      rustc: [
        { version: '1.96.0', when: '"$SRCARCH" = "s390"' },
        { version: '1.85.0', when: null },
      ],
      bindgen: [{ version: '0.71.1', when: null }],
      architectures: [
        { arch: 'arm64', condition: null },
        { arch: 'x86', condition: 'X86_64' },
      ],
    });
  });

  it('impact of a C function reaches Rust through its helper', () => {
    const r = impactOf(tree, 'refcount_inc', undefined, subsystemOf);
    assert.deepEqual(
      r.sites.map((s) => `${s.path}:${s.line} ${s.via}`),
      ['drivers/mini/mini.rs:4 helper', 'rust/kernel/refcount.rs:12 helper'],
    );
    assert.deepEqual(r.subsystems, [
      { name: 'MINI DRIVER', files: 1, sites: 1 },
      { name: 'RUST', files: 1, sites: 1 },
    ]);
  });

  it('impact of a header: what it declares, used directly or through helpers', () => {
    const header = tree.support.get('include/linux/refcount.h')!;
    assert.deepEqual([...declaredNames(header)].sort(), [
      'REFCOUNT_ADD_OVF',
      'REFCOUNT_DEC_LEAK',
      'REFCOUNT_INIT',
      '_LINUX_REFCOUNT_H',
      'refcount_dec_and_test',
      'refcount_inc',
      'refcount_saturation_type',
      'refcount_struct',
      'refcount_t',
    ]);
    const r = impactOf(tree, 'include/linux/refcount.h', header, subsystemOf);
    assert.deepEqual(
      r.sites.map((s) => `${s.path}:${s.line} ${s.name} ${s.via}`),
      [
        'drivers/mini/mini.rs:3 refcount_t direct',
        'drivers/mini/mini.rs:4 refcount_inc helper',
        'rust/kernel/refcount.rs:2 refcount_t direct',
        'rust/kernel/refcount.rs:7 REFCOUNT_INIT helper',
        'rust/kernel/refcount.rs:12 refcount_inc helper',
        'rust/kernel/refcount.rs:17 refcount_dec_and_test helper',
      ],
    );
  });

  it('the CLI prints whom to Cc, and a missing header is exit 2', () => {
    const r = run('impact', 'refcount_inc', root);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /Cc:\n {2}Mini Maintainer <mini@example\.org> \(maintainer:MINI DRIVER\)\n {2}Rust Maintainer <rust@example\.org> \(maintainer:RUST\)\n/,
    );
    assert.doesNotMatch(r.stdout, /Linus/);
    assert.equal(run('impact', 'include/linux/nothere.h', root).status, 2);
    const json = JSON.parse(run('bindings', root, '--format', 'json').stdout) as { summary: { symbols: number } };
    assert.equal(json.summary.symbols, 6);
  });
});
