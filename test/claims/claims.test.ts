// claims on fixture inputs built so that each verdict comes out each way. A clone with six release
// tags (dated: growth and the first release of a driver can be pinned), the same releases as trees
// on disk (no dates), and a vulns repository whose first Rust CVE shares its day with two C CVEs
// and a record later rejected. Every expected figure is counted by hand from the files below.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCatalogue, shippedCatalogue, type Claim } from '../../src/analyze/claims/catalogue.js';
import { checkClaims, type ClaimsResult } from '../../src/analyze/claims/claims.js';
import { readClaimInputs } from '../../src/analyze/claims/gather.js';
import type { ClaimResult } from '../../src/analyze/claims/verdicts.js';
import { commitAll, git, makeRepo } from '../helpers/git.js';
import { minToolVersion, THE_REST } from '../helpers/kernel-files.js';
import { VulnsRepo } from '../helpers/vulns.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const maintainers = (m: string[], r: string[]) =>
  `RUST\n${m.map((p) => `M:\t${p}\n`).join('')}${r.map((p) => `R:\t${p}\n`).join('')}S:\tSupported\nF:\trust/\n\n${THE_REST}`;
const OJEDA = 'Miguel Ojeda <ojeda@kernel.org>';
const GAYNOR = 'Alex Gaynor <alex.gaynor@gmail.com>';
const WEDSON = 'Wedson Almeida Filho <wedsonaf@gmail.com>';
const REVIEWERS = ['Boqun Feng <boqun.feng@gmail.com>', 'Gary Guo <gary@garyguo.net>', 'Alice Ryhl <aliceryhl@google.com>'];
const minTool = minToolVersion;
/** n code lines of Rust, no comments, no blanks. */
const rustLines = (n: number) => Array.from({ length: n }, (_, i) => `pub fn f${i}() {}\n`).join('');

/** The releases, oldest first: what each changes. */
const RELEASES: { tag: string; date: string; files: Record<string, string>; remove?: string[] }[] = [
  {
    tag: 'v6.1',
    date: '2022-12-11T12:00:00Z',
    files: {
      MAINTAINERS: maintainers([OJEDA, GAYNOR, WEDSON], REVIEWERS.slice(0, 1)),
      'scripts/min-tool-version.sh': minTool('1.62.0', '0.56.0'),
      'kernel/fork.c': 'int a;\nint b;\nint c;\nint d;\n',
      'include/linux/fork.h': 'int e;\nint f;\nint g;\nint h;\nint i;\nint j;\n',
      'drivers/gpu/drm/old/old.c': 'int drm;\n',
      'rust/kernel/lib.rs': rustLines(4),
    },
  },
  { tag: 'v6.7', date: '2024-01-07T12:00:00Z', files: { MAINTAINERS: maintainers([OJEDA, GAYNOR], REVIEWERS.slice(0, 2)) } },
  { tag: 'v6.8', date: '2024-03-10T12:00:00Z', files: { 'drivers/net/phy/ax88796b_rust.rs': rustLines(1) } },
  {
    tag: 'v6.13',
    date: '2025-01-19T12:00:00Z',
    files: { 'rust/kernel/lib.rs': rustLines(19), 'scripts/min-tool-version.sh': minTool('1.78.0', '0.65.1') },
  },
  {
    tag: 'v6.18',
    date: '2025-11-30T12:00:00Z',
    files: {
      MAINTAINERS: maintainers([OJEDA, GAYNOR], REVIEWERS),
      'rust/kernel/lib.rs': rustLines(94),
      'drivers/android/binder/rust_binder.rs': rustLines(1),
      'drivers/block/rnull/rnull.rs': rustLines(1),
      'drivers/gpu/drm/drm_panic_qr.rs': rustLines(1),
      'drivers/gpu/nova-core/nova_core.rs': rustLines(1),
      'drivers/gpu/drm/tyr/tyr.rs': rustLines(1),
      'drivers/gpu/drm/newc/newc.c': 'int newc;\n',
    },
  },
  {
    tag: 'v6.19',
    date: '2026-02-08T12:00:00Z',
    files: { MAINTAINERS: maintainers([OJEDA], REVIEWERS), 'drivers/gpu/drm/later/later.c': 'int later;\n' },
  },
];

const source = { by: 'fixture', where: 'test', url: null, date: '2025-01' };
/** A catalogue entry with the fixture's source. */
const entry = (e: Record<string, unknown>) => ({ source, ...e });

const CATALOGUE = [
  // v6.13 has 11 C code lines (kernel/fork.c 4, drivers/gpu/drm/old/old.c 1, the header 6) and 20 Rust
  // code lines (19 in rust/, 1 in the PHY driver).
  entry({
    id: 'lines-ok',
    claim: 'C 11, Rust 20',
    measure: 'lines',
    expect: { c: 11, rust: 20 },
    at: '2025-01-20',
    releases: ['6.13'],
    inputs: ['tree'],
  }),
  entry({
    id: 'lines-wrong',
    claim: 'C 11, Rust 200',
    measure: 'lines',
    expect: { c: 11, rust: 200 },
    at: '2025-01-20',
    releases: ['6.13'],
    inputs: ['tree'],
  }),
  // 20 → 100 own Rust code lines between v6.13 and v6.18: ×5.
  entry({
    id: 'growth-ok',
    claim: 'fivefold',
    measure: 'rust-growth',
    expect: { factor: 5, from: '2024-12-01', to: '2025-12-01' },
    tolerance: 0.1,
    inputs: ['releases', 'dates'],
  }),
  entry({
    id: 'growth-wrong',
    claim: 'tenfold',
    measure: 'rust-growth',
    expect: { factor: 10, from: '2024-12-01', to: '2025-12-01' },
    tolerance: 0.1,
    inputs: ['releases', 'dates'],
  }),
  entry({
    id: 'wedson',
    claim: 'left',
    measure: 'section-people',
    section: 'RUST',
    expect: { state: 'left', person: 'Wedson Almeida Filho', role: 'M' },
    inputs: ['maintainers', 'releases'],
  }),
  entry({
    id: 'gaynor',
    claim: 'gone by 6.19',
    measure: 'section-people',
    section: 'RUST',
    expect: { state: 'left', person: 'Alex Gaynor', role: 'M', by: '6.19' },
    inputs: ['maintainers', 'releases'],
  }),
  entry({
    id: 'gaynor-wrong',
    claim: 'gone by 6.8',
    measure: 'section-people',
    section: 'RUST',
    expect: { state: 'left', person: 'Alex Gaynor', role: 'M', by: '6.8' },
    inputs: ['maintainers', 'releases'],
  }),
  entry({
    id: 'sole',
    claim: 'sole',
    measure: 'section-people',
    section: 'RUST',
    expect: { state: 'sole', person: 'Miguel Ojeda', role: 'M' },
    inputs: ['maintainers'],
  }),
  entry({
    id: 'reviewers',
    claim: 'several',
    measure: 'section-people',
    section: 'RUST',
    expect: { state: 'atLeast', role: 'R', count: 3 },
    inputs: ['maintainers'],
  }),
  entry({
    id: 'reviewers-wrong',
    claim: 'many',
    measure: 'section-people',
    section: 'RUST',
    expect: { state: 'atLeast', role: 'R', count: 4 },
    inputs: ['maintainers'],
  }),
  // People of RUST: 4 in 6.1 (3 M, 1 R); arrivals Gary Guo (6.7), Alice Ryhl (6.18); departures Wedson (6.7), Gaynor (6.19).
  entry({ id: 'flow', claim: 'bleeding', measure: 'maintainer-flow', expect: { trend: 'shrinking' }, inputs: ['maintainers', 'releases'] }),
  entry({
    id: 'drivers',
    claim: 'drivers',
    measure: 'rust-drivers',
    expect: {
      drivers: [
        { name: 'Binder', paths: ['drivers/android/binder/'] },
        { name: 'PHY', paths: ['drivers/net/phy/'] },
        { name: 'QR', paths: ['drivers/gpu/drm/drm_panic_qr.rs'] },
      ],
      firstRelease: '6.8',
    },
    inputs: ['tree'],
  }),
  entry({
    id: 'drivers-wrong',
    claim: 'first in 6.7',
    measure: 'rust-drivers',
    expect: { drivers: [{ name: 'PHY', paths: ['drivers/net/phy/'] }], firstRelease: '6.7' },
    inputs: ['tree'],
  }),
  entry({ id: 'toolchain', claim: 'specific versions', measure: 'toolchain', expect: { tools: ['rustc', 'bindgen'] }, inputs: ['tree'] }),
  entry({
    id: 'drm-future',
    claim: 'Rust soon',
    measure: 'drm-new-drivers',
    expect: { language: 'Rust', from: '2027-01-01' },
    inputs: ['tree', 'releases'],
  }),
  // After 2026-01-01 the only new DRM directory is later/ (C): contradicted.
  entry({
    id: 'drm-past',
    claim: 'Rust by 2026',
    measure: 'drm-new-drivers',
    expect: { language: 'Rust', from: '2026-01-01' },
    inputs: ['tree', 'releases'],
  }),
  // The vulns fixture: CVE-2025-0003 (Rust) on 2025-12-16 with two C CVEs and one rejected that day.
  entry({
    id: 'rust-cve',
    claim: 'first Rust CVE, 2 C',
    measure: 'first-rust-cve',
    expect: { cve: 'CVE-2025-0003', cSameDay: 2 },
    tolerance: 0,
    inputs: ['vulns'],
  }),
  entry({
    id: 'rust-cve-wrong',
    claim: 'first Rust CVE, 9 C',
    measure: 'first-rust-cve',
    expect: { cve: 'CVE-2025-0003', cSameDay: 9 },
    tolerance: 0,
    inputs: ['vulns'],
  }),
  // 2 of the 4 published records are memory-safety bugs (use-after-free, out-of-bounds): 50 %.
  entry({
    id: 'memory',
    claim: 'half',
    measure: 'memory-safety-share',
    expect: { share: 50 },
    claimBase: 'another base',
    inputs: ['vulns'],
  }),
  entry({
    id: 'memory-far',
    claim: 'two-thirds',
    measure: 'memory-safety-share',
    expect: { share: 66.7 },
    claimBase: 'another base',
    inputs: ['vulns'],
  }),
  // 2025-12-15 to 2025-12-16: 4 published + 1 rejected = 5 in 2 days.
  entry({
    id: 'per-day',
    claim: '2.5 a day',
    measure: 'cves-per-day',
    expect: { perDay: 2.5, from: '2025-12-15', to: '2025-12-16' },
    tolerance: 0,
    inputs: ['vulns'],
  }),
  entry({
    id: 'per-day-wrong',
    claim: '13 a day',
    measure: 'cves-per-day',
    expect: { perDay: 13, from: '2025-12-15', to: '2025-12-16' },
    inputs: ['vulns'],
  }),
];

const byId = (r: ClaimsResult) => new Map<string, ClaimResult>(r.claims.map((c) => [c.id, c]));

describe('claims', () => {
  const repo = makeRepo();
  const trees = mkdtempSync(join(tmpdir(), 'ferrometer-claims-'));
  const vulns = new VulnsRepo();
  const catalogue: Claim[] = parseCatalogue(JSON.stringify({ claims: CATALOGUE }), 'test catalogue');
  const treeOf = (tag: string) => join(trees, tag);
  let dated: ClaimsResult;
  let onDisk: ClaimsResult;

  before(async () => {
    for (const r of RELEASES) {
      for (const [path, text] of Object.entries({ Makefile: `VERSION = 6\nPATCHLEVEL = ${r.tag.split('.')[1]}\n`, ...r.files })) {
        mkdirSync(join(repo, path, '..'), { recursive: true });
        writeFileSync(join(repo, path), text);
      }
      commitAll(repo, r.tag, r.date);
      mkdirSync(treeOf(r.tag));
      git(repo, ['--work-tree', treeOf(r.tag), 'checkout', r.tag, '--', '.']);
    }
    git(repo, ['checkout', '-q', 'main']);
    const unsafeQuote = '\t// SAFETY: the node is in this list or in none.\n\tunsafe { list.remove(self) };\n';
    vulns
      .publish({ id: 'CVE-2025-0001', title: 'mm: fix use-after-free in foo', description: 'A use-after-free.', files: ['mm/foo.c'] })
      .commit('2025-12-15T10:00:00Z');
    vulns
      .publish({ id: 'CVE-2025-0002', title: 'net: fix out-of-bounds read', description: 'An out-of-bounds read.', files: ['net/bar.c'] })
      .publish({
        id: 'CVE-2025-0003',
        title: 'rust_binder: fix race on death_list',
        description: `Rust Binder does:\n\n${unsafeQuote}\nwhich races.`,
        files: ['drivers/android/binder/rust_binder.rs'],
      })
      .publish({ id: 'CVE-2025-0004', title: 'fs: fix a hang', description: 'A hang.', files: ['fs/baz.c'] })
      .publish({ id: 'CVE-2025-0005', title: 'fs: later rejected', description: 'Not a bug.', files: ['fs/qux.c'] })
      .commit('2025-12-16T10:00:00Z');
    vulns
      .remove('CVE-2025-0005')
      .publish({ id: 'CVE-2025-0005', title: 'rejected', description: '', files: [] }, 'rejected')
      .commit('2025-12-20T10:00:00Z');
    const options = { jobs: 1 };
    dated = checkClaims(catalogue, await readClaimInputs({ tree: repo, also: [], vulns: vulns.dir, today: '2026-06-01' }, options));
    onDisk = checkClaims(
      catalogue,
      await readClaimInputs({ tree: treeOf('v6.19'), also: RELEASES.slice(0, -1).map((r) => treeOf(r.tag)), today: '2026-06-01' }, options),
    );
  });
  after(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(trees, { recursive: true, force: true });
    vulns.dispose();
  });

  it('reads a clone by its release tags, oldest first, with dates', () => {
    assert.deepEqual(
      dated.releases.map((r) => [r.name, r.release, r.date]),
      RELEASES.map((r) => [r.tag, r.tag.slice(1), r.date.slice(0, 10)]),
    );
    assert.deepEqual(
      onDisk.releases.map((r) => r.release),
      ['6.1', '6.7', '6.8', '6.13', '6.18', '6.19'],
    );
    assert.ok(onDisk.releases.every((r) => r.date === null));
  });

  it('lines: reproduced at the release nearest the date, naming the reading; contradicted when no reading matches', () => {
    const ok = byId(dated).get('lines-ok')!;
    assert.equal(ok.verdict, 'reproduced');
    assert.match(ok.explanation, /C as code lines of \.c files and headers \(\+0\.0 %\), Rust as code lines of own Rust/);
    assert.equal(byId(dated).get('lines-wrong')!.verdict, 'contradicted');
    assert.equal(byId(onDisk).get('lines-ok')!.verdict, 'reproduced', 'a tree of the release named');
  });

  it('growth: ×5 between the tags nearest the dates; not checkable without dates', () => {
    const ok = byId(dated).get('growth-ok')!;
    assert.equal(ok.verdict, 'reproduced');
    assert.deepEqual(ok.data.ownCode, [20, 100]);
    assert.equal(byId(dated).get('growth-wrong')!.verdict, 'contradicted');
    const none = byId(onDisk).get('growth-ok')!;
    assert.equal(none.verdict, 'not checkable');
    assert.match(none.explanation, /git clone with release tags/);
  });

  it('MAINTAINERS: who left, when, the sole maintainer, the reviewers', () => {
    for (const r of [dated, onDisk]) {
      const c = byId(r);
      assert.equal(c.get('wedson')!.verdict, 'reproduced');
      assert.match(c.get('wedson')!.explanation, /removed between (v6\.1|6\.1 \(.*\)) and (v6\.7|6\.7 \(.*\))$/);
      assert.equal(c.get('gaynor')!.verdict, 'reproduced', 'consecutive releases 6.18 and 6.19 pin the removal');
      assert.equal(c.get('gaynor-wrong')!.verdict, 'contradicted');
      assert.equal(c.get('sole')!.verdict, 'reproduced');
      assert.equal(c.get('reviewers')!.verdict, 'reproduced');
      assert.equal(c.get('reviewers-wrong')!.verdict, 'contradicted');
    }
  });

  it('maintainer flow: 2 arrivals, 2 departures in RUST is not bleeding; the clone adds the Rust authors', () => {
    const flow = byId(dated).get('flow')!;
    const rust = flow.data.rustSections as { arrived: number; departed: number; first: number; last: number };
    assert.deepEqual([rust.first, rust.arrived, rust.departed, rust.last], [4, 2, 2, 4]);
    assert.equal(flow.verdict, 'contradicted');
    assert.ok(Array.isArray(flow.data.authors) && (flow.data.authors as unknown[]).length === 5, 'one interval per pair of tags');
    assert.equal(byId(onDisk).get('flow')!.data.authors, undefined);
  });

  it('drivers: every named one present, the first release pinned by consecutive tags; a wrong first release contradicted', () => {
    const d = byId(dated).get('drivers')!;
    assert.equal(d.verdict, 'reproduced');
    assert.deepEqual(d.data.unnamed, ['drivers/block/rnull', 'drivers/gpu/drm/tyr', 'drivers/gpu/nova-core']);
    assert.equal(byId(dated).get('drivers-wrong')!.verdict, 'contradicted');
  });

  it('toolchain: a minimum, per release', () => {
    const t = byId(dated).get('toolchain')!;
    assert.equal(t.verdict, 'reproduced with nuance');
    assert.match(t.figure, /rustc ≥ 1\.78\.0, bindgen ≥ 0\.65\.1/);
  });

  it('DRM: not checkable before its date; contradicted by a new C driver after it', () => {
    assert.equal(byId(dated).get('drm-future')!.verdict, 'not checkable');
    const past = byId(dated).get('drm-past')!;
    assert.equal(past.verdict, 'contradicted');
    assert.match(past.explanation, /drivers\/gpu\/drm\/later/);
  });

  it('CVEs: the first Rust CVE with the C CVEs and rejections of its day, the SAFETY comment it quotes and the tree', () => {
    const c = byId(dated).get('rust-cve')!;
    assert.equal(c.verdict, 'reproduced with nuance');
    assert.deepEqual(c.data.sameDay, { cves: 3, c: 2, rust: 1, mixed: 0, other: 0, rejected: 1 });
    assert.deepEqual(c.data.quotedUnsafe, [{ code: 'unsafe { list.remove(self) };', safetyComment: true }]);
    assert.match(c.explanation, /does not make the block sound/);
    assert.equal(byId(dated).get('rust-cve-wrong')!.verdict, 'contradicted');
    assert.equal(byId(dated).get('memory')!.verdict, 'reproduced with nuance');
    assert.equal(byId(dated).get('memory-far')!.verdict, 'not comparable');
    const perDay = byId(dated).get('per-day')!;
    assert.equal(perDay.verdict, 'reproduced');
    assert.deepEqual([perDay.data.published, perDay.data.rejected, perDay.data.days], [4, 1, 2]);
    assert.equal(byId(dated).get('per-day-wrong')!.verdict, 'contradicted');
  });

  it('a missing input leaves its claims not checkable with the flag to pass, and the rest run', () => {
    const c = byId(onDisk);
    for (const id of ['rust-cve', 'memory', 'per-day']) {
      assert.equal(c.get(id)!.verdict, 'not checkable');
      assert.match(c.get(id)!.explanation, /--vulns DIR/);
    }
  });

  it('the CLI: a tree that is not a kernel leaves the kernel claims not checkable; --fail-on; the shipped catalogue', () => {
    const plain = mkdtempSync(join(tmpdir(), 'ferrometer-plain-'));
    writeFileSync(join(plain, 'main.c'), 'int main(void) { return 0; }\n');
    const r = run('claims', plain, '--no-store', '--format', 'json');
    rmSync(plain, { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as ClaimsResult;
    assert.equal(result.claims.length, shippedCatalogue().length);
    const verdicts = byId(result);
    assert.equal(verdicts.get('ojeda-sole-maintainer')!.verdict, 'not checkable');
    assert.match(verdicts.get('ojeda-sole-maintainer')!.explanation, /no tree has a readable MAINTAINERS/);
    assert.equal(verdicts.get('first-rust-cve')!.verdict, 'not checkable');
    const fail = run('claims', treeOf('v6.19'), '--also', treeOf('v6.1'), '--no-store', '--fail-on', 'contradicted');
    assert.equal(fail.status, 1);
    assert.match(fail.stderr, /claims are contradicted/);
    const pass = run('claims', treeOf('v6.19'), '--no-store', '--fail-on', 'contradicted', '--catalogue', writeCatalogue([CATALOGUE[0]!]));
    assert.equal(pass.status, 0, pass.stderr);
  });

  it('a bad catalogue is one line naming the entry and the field', () => {
    const bad = run(
      'claims',
      treeOf('v6.19'),
      '--no-store',
      '--catalogue',
      writeCatalogue([{ ...CATALOGUE[0]!, measure: 'lines', expect: { c: 'many' } }]),
    );
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^ferrometer: .*claims\.json: claims\.0\.expect\.c: /);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  });

  function writeCatalogue(claims: unknown[]): string {
    const path = join(trees, 'claims.json');
    writeFileSync(path, JSON.stringify({ claims }));
    return path;
  }
});
