// `maintainers --rust` and `maintainers diff` on small trees whose answers are worked out by hand.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diffMaintainers, type MaintainersDiff } from '../../src/analyze/people/maintainers-diff.js';
import { parseMaintainers } from '../../src/kernel/maintainers-file.js';
import { Mailmap } from '../../src/kernel/mailmap.js';
import type { RustMaintainers } from '../../src/analyze/people/maintainers-rust.js';
import { commitAll, makeRepo } from '../helpers/git.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const rules = fileURLToPath(new URL('../../../test/fixtures/kernel/rules', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'maintainers', ...args], { encoding: 'utf8' });

describe('maintainers --rust', () => {
  it('lists the sections that cover .rs files, the Rust only the catch-all covers, and the gaps', () => {
    // The rules tree has one .rs file, drivers/gpu/drm/nova/gpu.rs, "fn gpu() {}": 1 line of code,
    // covered by NOVA (drivers/gpu/drm/nova/, depth 4) and DRM DRIVERS (its last matching pattern
    // drivers/gpu/, depth 2), and THE REST, the catch-all, which does not count. The file is counted
    // under NOVA, the more specific; DRM DRIVERS covers it.
    const r = run(rules, '--rust', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const rust = JSON.parse(r.stdout) as RustMaintainers;
    assert.equal(rust.rustFiles, 1);
    assert.equal(rust.rustCode, 1);
    assert.deepEqual(
      rust.sections.map((s) => [
        s.name,
        s.status,
        s.files,
        s.code,
        s.coveredFiles,
        s.coveredCode,
        s.maintainers.map((p) => p.address),
        s.reviewers.length,
        s.lists,
      ]),
      [
        ['NOVA', 'Maintained', 1, 1, 1, 1, ['nova@example.org'], 0, []],
        ['DRM DRIVERS', 'Maintained', 0, 0, 1, 1, ['drm@example.org'], 0, ['dri-devel@example.org']],
      ],
    );
    assert.deepEqual(rust.onlyCatchAll, []);
    assert.deepEqual(rust.noMaintainer, []);
    assert.deepEqual(rust.noReviewer, ['NOVA', 'DRM DRIVERS']);
    assert.deepEqual(rust.singleMaintainer, ['NOVA', 'DRM DRIVERS']);
  });

  it('counts each file once by the same rule as unsafe --by subsystem, vendored crates apart, and flags a section with no maintainer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrometer-rust-sections-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write(
      'MAINTAINERS',
      [
        'RUST\nM:\tMiguel Ojeda <ojeda@kernel.org>\nR:\tGary Guo <gary@garyguo.net>\nS:\tSupported\nF:\trust/\n',
        'RUST [ALLOC]\nM:\tDanilo Krummrich <dakr@kernel.org>\nS:\tMaintained\nF:\trust/kernel/alloc/\n',
        'ORPHAN WIDGET\nS:\tOrphan\nF:\tdrivers/widget/\n',
        'THE REST\nM:\tLinus Torvalds <torvalds@linux-foundation.org>\nS:\tBuried alive in reporters\nF:\t*\nF:\t*/\n',
      ].join('\n'),
    );
    write('rust/kernel/lib.rs', '//! The kernel crate.\npub mod alloc;\npub mod sync;\n'); // 2 code lines
    write('rust/kernel/alloc/kbox.rs', 'pub struct KBox;\n\nimpl KBox {\n    fn new() {}\n}\n'); // 4
    write('drivers/widget/widget.rs', 'fn probe() {}\n'); // 1
    write('samples/rust/hello.rs', 'fn main() {}\n// bye\n'); // 1, only THE REST
    write('rust/syn/lib.rs', 'pub fn parse() {}\npub fn quote() {}\n'); // vendored: 2
    const r = run(dir, '--rust', '--format', 'json', '--no-store');
    assert.equal(r.status, 0, r.stderr);
    const rust = JSON.parse(r.stdout) as RustMaintainers;
    assert.deepEqual([rust.rustFiles, rust.rustCode, rust.vendored], [4, 8, { files: 1, code: 2 }]);
    const rows = rust.sections.map((s) => [s.name, s.files, s.code, s.coveredFiles, s.coveredCode]);
    assert.deepEqual(rows, [
      ['RUST [ALLOC]', 1, 4, 1, 4],
      ['RUST', 1, 2, 2, 6],
      ['ORPHAN WIDGET', 1, 1, 1, 1],
    ]);
    assert.deepEqual(rust.onlyCatchAll, [{ path: 'samples/rust/hello.rs', code: 1 }]);
    assert.deepEqual(rust.noMaintainer, ['ORPHAN WIDGET']);
    assert.deepEqual(rust.noReviewer, ['RUST [ALLOC]', 'ORPHAN WIDGET']);
    // The same rule in unsafe --by subsystem: the same files and code lines per section.
    const u = spawnSync(process.execPath, [bin, 'unsafe', dir, '--by', 'subsystem', '--format', 'json', '--no-store'], {
      encoding: 'utf8',
    });
    assert.equal(u.status, 0, u.stderr);
    const unsafeRows = (JSON.parse(u.stdout) as { rows: { name: string; files: number; code: number }[] }).rows;
    assert.deepEqual(Object.fromEntries(unsafeRows.map((x) => [x.name, [x.files, x.code]])), {
      'RUST [ALLOC]': [1, 4],
      RUST: [1, 2],
      'ORPHAN WIDGET': [1, 1],
      '(no section)': [1, 1],
    });
    const text = run(dir, '--rust', '--no-store').stdout;
    assert.match(text, /each file counted once, under the most specific MAINTAINERS section/);
    assert.match(text, /no maintainer \(M:\) at all: 1\n  ORPHAN WIDGET\n/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('maintainers diff', () => {
  const v1 = `RUST
M:\tMiguel Ojeda <ojeda@kernel.org>
M:\tWedson Almeida Filho <wedsonaf@gmail.com>
R:\tGary Guo <gary@garyguo.net>
S:\tSupported
F:\trust/

OLD WIDGET DRIVER
M:\tWidget Person <widget@example.org>
S:\tMaintained
F:\tdrivers/widget/
F:\tinclude/linux/widget.h

GONE DRIVER
M:\tGone Person <gone@example.org>
S:\tMaintained
F:\tdrivers/gone/
`;
  const v2 = `RUST
M:\tMiguel Ojeda <ojeda@kernel.org>
R:\tGary Guo <gary@garyguo.net>
R:\tAlice Ryhl <aliceryhl@google.com>
S:\tSupported
F:\trust/

WIDGET DRIVER
M:\tWidget Person <widget@example.org>
S:\tOrphan
F:\tdrivers/widget/
F:\tinclude/linux/widget.h

NEW DRIVER
M:\tNew Person <new@example.org>
S:\tMaintained
F:\tdrivers/new/
`;
  const v3 = v2.replace('R:\tGary Guo <gary@garyguo.net>\n', '');

  it('between two revisions: sections added, removed, renamed; M and R who came and left; status; CREDITS', () => {
    const repo = makeRepo();
    writeFileSync(join(repo, 'MAINTAINERS'), v1);
    writeFileSync(join(repo, 'CREDITS'), 'N: Linus Torvalds\nE: torvalds@linux-foundation.org\n');
    commitAll(repo, 'v1', '2024-01-01T00:00:00Z');
    writeFileSync(join(repo, 'MAINTAINERS'), v2);
    writeFileSync(join(repo, 'CREDITS'), 'N: Linus Torvalds\nE: torvalds@linux-foundation.org\n\nN: Gone Person\nE: gone@example.org\n');
    commitAll(repo, 'v2', '2024-02-01T00:00:00Z');
    writeFileSync(join(repo, 'MAINTAINERS'), v3);
    commitAll(repo, 'v3', '2024-03-01T00:00:00Z');

    const r = run('diff', repo, 'v1', 'v2', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout) as MaintainersDiff;
    assert.deepEqual(
      [d.from, d.to, d.added, d.removed, d.renamed],
      ['v1', 'v2', ['NEW DRIVER'], ['GONE DRIVER'], [{ from: 'OLD WIDGET DRIVER', to: 'WIDGET DRIVER' }]],
    );
    const rust = d.changed.find((c) => c.section === 'RUST')!;
    assert.deepEqual(
      rust.maintainers.removed.map((p) => p.name),
      ['Wedson Almeida Filho'],
    );
    assert.deepEqual(
      rust.reviewers.added.map((p) => p.name),
      ['Alice Ryhl'],
    );
    assert.deepEqual(rust.maintainers.added, []);
    const widget = d.changed.find((c) => c.section === 'WIDGET DRIVER')!;
    assert.deepEqual([widget.renamedFrom, widget.status], ['OLD WIDGET DRIVER', { from: 'Maintained', to: 'Orphan' }]);
    assert.deepEqual(d.departed.map((p) => p.name).sort(), ['Gone Person', 'Wedson Almeida Filho']);
    assert.deepEqual(d.arrived.map((p) => p.name).sort(), ['Alice Ryhl', 'New Person']);
    assert.deepEqual(d.credits, ['Gone Person']);

    const timeline = JSON.parse(run('diff', repo, '--revs', 'v*', '--format', 'json').stdout) as { steps: MaintainersDiff[] };
    assert.deepEqual(
      timeline.steps.map((s) => [s.from, s.to, s.departed.map((p) => p.name)]),
      [
        ['v1', 'v2', ['Wedson Almeida Filho', 'Gone Person']],
        ['v2', 'v3', ['Gary Guo']],
      ],
    );
    assert.deepEqual(
      timeline.steps[1]!.changed.map((c) => [c.section, c.reviewers.removed.map((p) => p.name)]),
      [['RUST', ['Gary Guo']]],
    );
    const text = run('diff', repo, 'v1', 'v2').stdout;
    assert.match(text, /RUST\n {3}- M: Wedson Almeida Filho <wedsonaf@gmail.com>\n {3}\+ R: Alice Ryhl <aliceryhl@google.com>/);
  });

  it('refuses a single tree, and a path without MAINTAINERS, in one line (exit 2)', () => {
    assert.equal(run('diff', rules).status, 2);
    const r = run('diff', rules, fileURLToPath(new URL('../../../test/fixtures', import.meta.url)));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no MAINTAINERS file/);
  });
});

describe('maintainers diff: who is a person', () => {
  it('a changed spelling or address of one person is no departure; a role address is not a person', () => {
    const before = `IOMMU
M:\tJoerg Roedel <joro@8bytes.org>
M:\tsoc@kernel.org
R:\tTeam List <team@lists.example.org>
L:\tteam@lists.example.org
S:\tMaintained
F:\tdrivers/iommu/

NET
M:\tChristophe Leroy <christophe.leroy@csgroup.eu>
M:\tGone Person <gone@example.org>
S:\tMaintained
F:\tnet/
`;
    const after = `IOMMU
M:\tJörg Rödel <joro@8bytes.org>
S:\tMaintained
F:\tdrivers/iommu/

NET
M:\tChristophe Leroy <chleroy@kernel.org>
M:\tNew Person <new@example.org>
S:\tMaintained
F:\tnet/

OTHER
M:\tChristophe Leroy <christophe.leroy@csgroup.eu>
S:\tMaintained
F:\tother/
`;
    const d = diffMaintainers(
      { label: 'a', file: parseMaintainers(before) },
      { label: 'b', file: parseMaintainers(after) },
      Mailmap.parse(''),
    );
    assert.deepEqual(
      d.departed.map((p) => p.name),
      ['Gone Person'],
    );
    assert.deepEqual(
      d.arrived.map((p) => p.name),
      ['New Person'],
    );
    assert.deepEqual(d.roles, { arrived: [], departed: ['soc@kernel.org', 'team@lists.example.org'] });
    const iommu = d.changed.find((c) => c.section === 'IOMMU')!;
    assert.deepEqual(iommu.maintainers.added, []);
    assert.deepEqual(
      iommu.maintainers.removed.map((p) => p.address),
      ['soc@kernel.org'],
    );
  });
});
