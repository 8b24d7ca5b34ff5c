// claims on the real inputs (the 6.1, 6.12 and 7.3 trees and the vulns bundle): every figure a
// verdict rests on equals what the command its method names prints for the same inputs.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ClaimsResult } from '../../src/analyze/claims/claims.js';
import type { ClaimResult } from '../../src/analyze/claims/verdicts.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const k61 = process.env.FERROMETER_KERNEL_6_1;
const k612 = process.env.FERROMETER_KERNEL_6_12;
const k73 = process.env.FERROMETER_KERNEL_7_3;
const bundle = process.env.FERROMETER_VULNS_BUNDLE;
const missing = !k61 || !k612 || !k73 || !bundle;

interface Row {
  language: string;
  code: number;
  comment: number;
  blank: number;
  files: number;
}

describe('claims on the kernel trees and the vulns bundle', {
  skip: missing ? 'FERROMETER_KERNEL_6_1/6_12/7_3 or FERROMETER_VULNS_BUNDLE is not set' : false,
}, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-claims-real-'));
  const vulns = join(tmp, 'vulns');
  const db = join(tmp, 'store.db');
  // One store for every command: the claims run fills it, the commands below read it warm.
  const json = <T>(...args: string[]): T => {
    const r = spawnSync(process.execPath, [bin, ...args, '--format', 'json', '--db', db], { encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as T;
  };
  let claims: Map<string, ClaimResult>;
  before(() => {
    execFileSync('git', ['clone', '-q', bundle!, vulns]);
    const result = json<ClaimsResult>('claims', k73!, '--also', k61!, k612!, '--vulns', vulns, '--today', '2026-12-01');
    claims = new Map(result.claims.map((c) => [c.id, c]));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('lines: the readings at 6.12 (nearest 6.14 among the trees) are what scan prints', () => {
    const c = claims.get('lines-c-rust-2025')!;
    assert.equal(c.data.version, '6.12');
    const scan = json<{ languages: Row[]; vendored: { languages: Row[] } }>('scan', k612!);
    const row = (rows: Row[], l: string): Row =>
      rows.find((r) => r.language === l) ?? { language: l, files: 0, code: 0, comment: 0, blank: 0 };
    const physical = (r: Row) => r.code + r.comment + r.blank;
    const cRow = row(scan.languages, 'C');
    const header = row(scan.languages, 'C Header');
    const rust = row(scan.languages, 'Rust');
    const vendored = row(scan.vendored.languages, 'Rust');
    const readings = c.data as { c: { value: number }[]; rust: { value: number }[] };
    assert.deepEqual(
      readings.c.map((r) => r.value),
      [cRow.code + header.code, physical(cRow) + physical(header), cRow.code, physical(cRow)],
    );
    assert.deepEqual(
      readings.rust.map((r) => r.value),
      [rust.code - vendored.code, rust.code, physical(rust) - physical(vendored), physical(rust)],
    );
  });

  it("the first Rust CVE: that day's counts are what cves --on prints; the tree's unsafe blocks what unsafe lists", () => {
    const c = claims.get('first-rust-cve')!;
    assert.equal(c.data.published, '2025-12-16');
    const day = json<{ byLanguage: Record<string, number>; rejectedSince: number; selected: number }>('cves', vulns, '--on', '2025-12-16');
    const same = c.data.sameDay as Record<string, number>;
    assert.deepEqual(
      [same.cves, same.c, same.rust, same.mixed, same.rejected],
      [day.selected, day.byLanguage.c, day.byLanguage.rust, day.byLanguage.mixed, day.rejectedSince],
    );
    assert.deepEqual(c.data.earlierRust, []);
    const sites = json<{ sites: { path: string; kind: string; documented: boolean }[] }>('unsafe', k73!, '--list').sites.filter(
      (s) => s.path === 'drivers/android/binder/node.rs' && s.kind === 'block',
    );
    const tree = c.data.tree as { files: { unsafeBlocks: number; documentedBlocks: number }[] };
    assert.deepEqual(
      [tree.files[0]!.unsafeBlocks, tree.files[0]!.documentedBlocks],
      [sites.length, sites.filter((s) => s.documented).length],
    );
    assert.equal((c.data.quotedUnsafe as { safetyComment: boolean }[])[0]!.safetyComment, true);
  });

  it('the memory-safety share and CVEs per day are what cves prints', () => {
    const all = json<{ selected: number; classes: { class: string; counts: { cves: number } }[] }>('cves', vulns);
    const m = claims.get('memory-safety-two-thirds')!;
    assert.equal(m.verdict, 'not comparable');
    assert.deepEqual([m.data.cves, m.data.memorySafety], [all.selected, all.classes.find((x) => x.class === 'memory-safety')!.counts.cves]);
    const year = json<{ byDay: Record<string, { cves: number }>; rejectedSince: number }>('cves', vulns, '--on', '2026', '--per', 'day');
    const d = claims.get('cves-per-day-2026')!;
    const published = Object.values(year.byDay).reduce((n, x) => n + x.cves, 0);
    assert.deepEqual([d.data.published, d.data.rejected], [published, year.rejectedSince]);
  });

  it('MAINTAINERS claims: the RUST section as maintainers --rust prints it for each tree', () => {
    type Section = { name: string; maintainers: { name: string }[]; reviewers: { name: string }[] };
    const rustOf = (tree: string) => json<{ sections: Section[] }>('maintainers', tree, '--rust').sections.find((s) => s.name === 'RUST')!;
    const s73 = rustOf(k73!);
    assert.deepEqual(
      s73.maintainers.map((p) => p.name),
      ['Miguel Ojeda'],
    );
    assert.equal(claims.get('ojeda-sole-maintainer')!.verdict, 'reproduced');
    assert.equal(claims.get('several-reviewers')!.verdict, s73.reviewers.length >= 3 ? 'reproduced' : 'contradicted');
    assert.ok(rustOf(k61!).maintainers.some((p) => p.name === 'Wedson Almeida Filho'));
    assert.ok(!rustOf(k612!).maintainers.some((p) => p.name === 'Wedson Almeida Filho'));
    assert.equal(claims.get('wedson-left')!.verdict, 'reproduced');
    assert.ok(rustOf(k612!).maintainers.some((p) => p.name === 'Alex Gaynor'));
    assert.equal(
      claims.get('gaynor-steps-down')!.verdict,
      'reproduced with nuance',
      'removed between 6.12 and 7.3: 6.19 is not pinned by these trees',
    );
  });

  it('the toolchain is what bindings prints; growth needs dates; the DRM claim waits for its date', () => {
    const t = claims.get('toolchain-versions')!;
    const tc = json<{
      toolchain: { rustc: { version: string; when: string | null }[]; bindgen: { version: string; when: string | null }[] };
    }>('bindings', k73!).toolchain;
    const last = (t.data.releases as { rustc: string; bindgen: string }[]).at(-1)!;
    assert.deepEqual(
      [last.rustc, last.bindgen],
      [tc.rustc.find((v) => v.when === null)!.version, tc.bindgen.find((v) => v.when === null)!.version],
    );
    assert.equal(claims.get('rust-fivefold')!.verdict, 'not checkable');
    assert.equal(claims.get('drm-requires-rust')!.verdict, 'not checkable');
    const drivers = claims.get('rust-drivers-mainline')!;
    assert.deepEqual(
      (drivers.data.drivers as { files: number }[]).filter((d) => d.files === 0),
      [],
    );
  });
});
