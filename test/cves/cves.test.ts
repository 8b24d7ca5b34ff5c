// `ferrometer cves` on a small vulns repository built here: records added, removed and added again,
// rejected, malformed; committer dates in another time zone; a shallow clone and a plain copy; the
// store answering a rerun and a pull. Every expected figure is worked out by hand from the timeline.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCves } from '../../src/analyze/cves/cve-corpus.js';
import { analyzeCves, languageGroup, type CveResult } from '../../src/analyze/cves/cves.js';
import { Store } from '../../src/store/store.js';
import { fixtureDir } from '../helpers/fixtures.js';
import { cveJson, VulnsRepo, type FixtureCve } from '../helpers/vulns.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-cves-'));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const cve = (id: string, title: string, files: string[], description = ''): FixtureCve => ({ id, title, files, description });
const uaf = cve(
  'CVE-2024-0001',
  'tcp: fix use of a closed socket',
  ['net/ipv4/tcp.c'],
  'BUG: KASAN: slab-use-after-free in tcp_v4_rcv+0x1a/0x40',
);
const oob = cve(
  'CVE-2024-0002',
  'af_unix: fix MSG_OOB handling',
  ['include/net/af_unix.h', 'net/unix/af_unix.c'],
  'OOB data was queued twice.',
);
const asm = cve(
  'CVE-2024-0003',
  'x86/entry: fix shift-out-of-bounds',
  ['arch/x86/entry/entry_64.S', 'arch/x86/kernel/traps.c'],
  'UBSAN: shift-out-of-bounds in traps.c',
);
const rust = cve('CVE-2025-0004', 'mini: fix race condition on the list', ['drivers/mini/mini.rs']);
const nullDeref = cve('CVE-2025-0005', 'drm: fix NULL pointer dereference', ['drivers/gpu/drm/x.c']);
const mixed = cve('CVE-2025-0006', 'rust: alloc: fix memory leak on error', [
  'drivers/gone/gone.rs',
  'rust/helpers/slab.c',
  'rust/kernel/alloc.rs',
]);
const kconfig = cve('CVE-2025-0007', 'gpu: select the right symbol', ['drivers/gpu/Kconfig']);
const rejected = cve('CVE-2024-0008', 'ext4: not a vulnerability after all', ['fs/ext4/inode.c']);

let vulns: VulnsRepo;
before(() => {
  vulns = new VulnsRepo();
  vulns.publish(uaf).publish(oob).publish(rejected).commit('2024-02-10T12:00:00Z');
  vulns.publish(asm).commit('2024-03-01T12:00:00Z');
  vulns.remove(asm.id).commit('2024-04-01T12:00:00Z');
  vulns.publish(asm).commit('2024-05-01T12:00:00Z');
  vulns.remove(rejected.id).publish(rejected, 'rejected').commit('2024-06-01T12:00:00Z');
  vulns.publish(rust).publish(nullDeref).commit('2025-12-16T15:45:21+01:00');
  // 00:30 in Paris is still the 16th in UTC.
  vulns.publish(mixed).commit('2025-12-17T00:30:00+01:00');
  vulns
    .publish(kconfig)
    .write('cve/published/2025/CVE-2025-0009.json', '{"containers": ')
    .write('cve/published/2025/CVE-2025-0010.json', cveJson({ ...kconfig, id: 'CVE-2025-0011' }))
    .commit('2025-12-18T10:00:00Z');
});
after(() => {
  vulns.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const byId = (r: CveResult) => new Map((r.cves ?? []).map((c) => [c.id, c]));

describe('cves on a vulns repository', () => {
  it('dates each record by the first commit that added it (UTC), and counts by year, language and class', async () => {
    const r = analyzeCves(await loadCves(vulns.dir), { list: true });
    assert.equal(r.published, 7);
    assert.equal(r.rejected, 1);
    assert.deepEqual(
      r.malformed.map((m) => m.path),
      ['cve/published/2025/CVE-2025-0009.json', 'cve/published/2025/CVE-2025-0010.json'],
    );
    const dates = Object.fromEntries([...byId(r)].map(([id, c]) => [id, c.published]));
    assert.deepEqual(dates, {
      'CVE-2024-0001': '2024-02-10',
      'CVE-2024-0002': '2024-02-10',
      'CVE-2024-0003': '2024-03-01', // removed, added again: keeps its first date
      'CVE-2025-0004': '2025-12-16',
      'CVE-2025-0005': '2025-12-16',
      'CVE-2025-0006': '2025-12-16',
      'CVE-2025-0007': '2025-12-18',
    });
    assert.deepEqual(r.byLanguage, { c: 3, rust: 1, mixed: 1, asm: 1, other: 1, none: 0 });
    assert.deepEqual(
      Object.fromEntries(Object.entries(r.byYear).map(([y, c]) => [y, [c.cves, c.c, c.rust, c.mixed, c.asm, c.other, c.memorySafety]])),
      // Memory safety: 0001's use-after-free in 2024, 0005's NULL dereference in 2025; 0004's race
      // and 0006's leak are classes of their own, not memory-safety errors.
      { 2024: [3, 2, 0, 0, 1, 0, 1], 2025: [4, 1, 1, 1, 0, 1, 1] },
    );
    const classes = Object.fromEntries(r.classes.filter((c) => c.counts.cves).map((c) => [c.class, c.counts.cves]));
    assert.deepEqual(classes, { 'use-after-free': 1, 'null-dereference': 1, leak: 1, race: 1, 'memory-safety': 2 });
    assert.deepEqual(byId(r).get('CVE-2024-0003')!.sanitizers, ['UBSAN']);
    assert.deepEqual(
      r.subsystems.map((s) => [s.subsystem, s.cves, s.rust]),
      [
        ['drivers/gpu', 2, 0],
        ['arch/x86', 1, 0],
        ['drivers/gone', 1, 1],
        ['drivers/mini', 1, 1],
        ['include/net', 1, 0],
        ['net/ipv4', 1, 0],
        ['net/unix', 1, 0],
        ['rust/helpers', 1, 1],
        ['rust/kernel', 1, 1],
      ],
    );
  });

  it('--on a day and --lang rust select, and every view counts the selection', async () => {
    const corpus = await loadCves(vulns.dir);
    const day = analyzeCves(corpus, { on: '2025-12-16' });
    assert.equal(day.selected, 3);
    assert.deepEqual(day.byLanguage, { c: 1, rust: 1, mixed: 1, asm: 0, other: 0, none: 0 });
    assert.deepEqual(Object.keys(day.byDay), ['2025-12-16']);
    assert.equal(day.rejectedSince, 0);
    assert.equal(analyzeCves(corpus, { on: '2024-02' }).rejectedSince, 1, 'CVE-2024-0008 was published on 2024-02-10, rejected since');
    const rustOnes = analyzeCves(corpus, { lang: 'rust' });
    assert.deepEqual(
      rustOnes.rust.map((c) => [c.id, c.published, c.files]),
      [
        ['CVE-2025-0004', '2025-12-16', ['drivers/mini/mini.rs']],
        ['CVE-2025-0006', '2025-12-16', ['drivers/gone/gone.rs', 'rust/helpers/slab.c', 'rust/kernel/alloc.rs']],
      ],
    );
    assert.equal(analyzeCves(corpus, { lang: 'asm' }).selected, 1);
    assert.equal(analyzeCves(corpus, { lang: 'c' }).selected, 5, 'C files: three C-only, the assembly one, the mixed one');
  });

  it('a shallow clone and a plain copy still work, with dates unknown', async () => {
    const shallow = join(tmp, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${vulns.dir}`, shallow]);
    const s = analyzeCves(await loadCves(shallow));
    assert.equal(s.source.history, 'shallow');
    assert.equal(s.published, 7);
    assert.equal(s.datesUnknown, 7);
    assert.deepEqual(Object.keys(s.byYear), ['unknown']);
    const copy = join(tmp, 'copy');
    cpSync(vulns.dir, copy, { recursive: true, filter: (p) => !p.includes('/.git') });
    const c = analyzeCves(await loadCves(copy));
    assert.equal(c.source.history, 'none');
    assert.deepEqual([c.published, c.rejected, c.malformed.length, c.datesUnknown], [7, 1, 2, 7]);
  });

  it('the store answers a rerun, and after a pull reads only the new record', async () => {
    const db = join(tmp, 'store.db');
    const withStore = async (fn: (store: Store) => Promise<void>) => {
      const store = Store.open(db);
      try {
        await fn(store);
      } finally {
        store.close();
      }
    };
    await withStore(async (store) =>
      assert.equal((await loadCves(vulns.dir, { store })).parsed, 9 + 1 + 7, 'every record, and the .sha1 file of each published one'),
    );
    await withStore(async (store) => assert.equal((await loadCves(vulns.dir, { store })).parsed, 0));
    vulns
      .publish({ ...cve('CVE-2026-0011', 'wifi: fix OOB read in the beacon parser', ['net/wireless/scan.c']), fix: '1'.repeat(40) })
      .commit('2026-01-05T08:00:00Z');
    try {
      await withStore(async (store) => {
        const pulled = await loadCves(vulns.dir, { store });
        assert.equal(pulled.parsed, 2, 'the new record and its .sha1 file');
        assert.deepEqual(analyzeCves(pulled, { list: true }), analyzeCves(await loadCves(vulns.dir), { list: true }));
        assert.equal(pulled.cves.find((c) => c.id === 'CVE-2026-0011')!.classes[0], 'out-of-bounds');
      });
    } finally {
      execFileSync('git', ['-C', vulns.dir, 'reset', '-q', '--hard', 'HEAD~1']);
    }
  });
});

describe('languageGroup', () => {
  it('looks at code only: C with Kconfig is C; Rust with anything else is mixed; nothing named is none', () => {
    assert.equal(languageGroup(['C', 'Kconfig', 'reStructuredText']), 'c');
    assert.equal(languageGroup(['C Header']), 'c');
    assert.equal(languageGroup(['Assembly', 'C', 'Rust']), 'mixed');
    assert.equal(languageGroup(['Assembly', 'C Header']), 'asm');
    assert.equal(languageGroup(['Device Tree']), 'other');
    assert.equal(languageGroup([], 1), 'other', 'a file of no known language (Documentation/ABI/…/sysfs-module)');
    assert.equal(languageGroup([]), 'none');
  });
});

describe('ferrometer cves (CLI)', () => {
  it('prints the JSON the docs promise', () => {
    const r = run('cves', vulns.dir, '--format', 'json', '--no-store');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as CveResult;
    assert.equal(json.published, 7);
    assert.equal(json.rejected, 1);
    assert.equal(json.byLanguage.rust, 1);
    assert.deepEqual(Object.keys(json.byYear), ['2024', '2025']);
    assert.deepEqual(
      json.rust.map((c) => [c.id, c.published, c.title]),
      [
        ['CVE-2025-0004', '2025-12-16', 'mini: fix race condition on the list'],
        ['CVE-2025-0006', '2025-12-16', 'rust: alloc: fix memory leak on error'],
      ],
    );
  });

  it('lists malformed records with their reason, and --lang rust lists the Rust CVEs', () => {
    const r = run('cves', vulns.dir, '--lang', 'rust', '--no-store');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /7 published CVEs, 1 rejected, 2 malformed/);
    assert.match(r.stdout, /cve\/published\/2025\/CVE-2025-0009\.json: not JSON/);
    assert.match(r.stdout, /cve\/published\/2025\/CVE-2025-0010\.json: the record is CVE-2025-0011/);
    assert.match(r.stdout, /^CVE-2025-0004  2025-12-16  Rust +race +mini: fix race condition on the list +drivers\/mini\/mini\.rs$/m);
    const csv = run('cves', vulns.dir, '--format', 'csv', '--on', '2025-12', '--list', '--no-store');
    assert.equal(csv.stdout.trim().split('\n').length, 1 + 4);
  });

  it('--format csv gives one row per period asked for, and one per CVE with --list', () => {
    const perMonth = run('cves', vulns.dir, '--per', 'month', '--format', 'csv', '--no-store');
    assert.equal(perMonth.status, 0, perMonth.stderr);
    const [header, ...rows] = perMonth.stdout.trim().split('\n');
    assert.equal(header, 'month,cves,c,rust,mixed,asm,other,none,memory_safety');
    // The seven published records by their first publication: 0001 and 0002 in 2024-02, 0003 in
    // 2024-03 (assembly and C: asm), 0004 to 0007 in 2025-12 (0005 C, 0004 Rust, 0006 Rust and C:
    // mixed, 0007 Kconfig); the rejected 0008 is not counted.
    assert.deepEqual(
      rows.map((r) => r.split(',').slice(0, 6)),
      [
        ['2024-02', '2', '2', '0', '0', '0'],
        ['2024-03', '1', '0', '0', '0', '1'],
        ['2025-12', '4', '1', '1', '1', '0'],
      ],
    );
    const perCve = run('cves', vulns.dir, '--per', 'month', '--format', 'csv', '--list', '--no-store');
    assert.equal(perCve.stdout.trim().split('\n').length, 1 + 7);
  });

  it('with --kernel: MAINTAINERS sections, and the unsafe sites of the Rust files', () => {
    const r = run('cves', vulns.dir, '--kernel', fixtureDir('rust', 'glue'), '--format', 'json', '--no-store');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as CveResult;
    assert.equal(json.subsystemSource, 'MAINTAINERS');
    assert.deepEqual(
      json.subsystems.slice(0, 2).map((s) => [s.subsystem, s.cves]),
      [
        ['(no section)', 4],
        ['GPU FIRMWARE', 2],
      ],
    );
    const [mini, alloc] = json.rust;
    assert.deepEqual(mini!.subsystems, ['MINI DRIVER']);
    assert.deepEqual(mini!.unsafe, [
      {
        path: 'drivers/mini/mini.rs',
        inTree: true,
        sites: [
          { line: 4, kind: 'block', documented: false },
          { line: 6, kind: 'block', documented: true },
        ],
      },
    ]);
    assert.deepEqual(
      alloc!.unsafe!.map((f) => [f.path, f.inTree, f.sites.map((s) => s.line)]),
      [
        ['drivers/gone/gone.rs', false, []],
        ['rust/kernel/alloc.rs', true, [5]],
      ],
    );
  });

  it('--kernel with a MAINTAINERS that has no sections says so on stderr; without one, exit 2', () => {
    const kernel = join(tmp, 'broken-kernel');
    mkdirSync(kernel);
    writeFileSync(join(kernel, 'MAINTAINERS'), 'not\na MAINTAINERS file\n');
    const r = run('cves', vulns.dir, '--kernel', kernel, '--no-store');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'warning: MAINTAINERS:1: no sections (no "X:" field lines): not a MAINTAINERS file?\n');
    const noMaintainers = join(tmp, 'no-maintainers');
    mkdirSync(noMaintainers);
    const missing = run('cves', vulns.dir, '--kernel', noMaintainers, '--no-store');
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr.split('\n').length, 2, missing.stderr);
  });

  it('bad input: one line and exit 2', () => {
    const notVulns = run('cves', fixtureDir('rust', 'glue'), '--no-store');
    assert.equal(notVulns.status, 2);
    assert.match(notVulns.stderr, /^ferrometer: not a vulns repository: .*\n$/);
    assert.equal(run('cves', join(tmp, 'nope'), '--no-store').status, 2);
    const empty = join(tmp, 'empty');
    execFileSync('git', ['init', '-q', empty]);
    assert.match(run('cves', empty, '--no-store').stderr, /^ferrometer: not a vulns repository: .* has no commits/);
    assert.equal(run('cves', vulns.dir, '--on', '2025-13-01', '--no-store').status, 2);
    assert.equal(run('cves', vulns.dir, '--lang', 'cobol', '--no-store').status, 2);
    assert.equal(run('cves', vulns.dir, '--rev', 'v9.9', '--no-store').status, 2);
  });
});
