// history --measures on a fixture repository: every measure of every revision equals what the
// single-tree commands (scan, unsafe, bindings, maintainers --rust, with --rev) print for it; a few
// are also worked out by hand. v0.1 has no Rust and no MAINTAINERS (zeros, and the maintainers
// measures missing, said once); v0.2 brings the Rust, its glue and its sections; v0.3 a vendored
// crate and a documented unsafe fn.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { HistoryResult } from '../../src/analyze/code/history.js';
import { commitAll, makeRepo } from '../helpers/git.js';
import { minToolVersion, RUST_SECTION, THE_REST } from '../helpers/kernel-files.js';
import { singleTreeMeasures } from '../helpers/measures.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const MAINTAINERS = `${RUST_SECTION}

WIDGET DRIVER [RUST]
M:\tWidget Person <widget@example.org>
S:\tMaintained
F:\tdrivers/widget/

${THE_REST}`;

const MIN_TOOL_VERSION = minToolVersion('1.78.0', '0.65.1');

describe('history --measures', () => {
  const dir = makeRepo();
  after(() => rmSync(dir, { recursive: true, force: true }));
  const put = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put('kernel/fork.c', 'int fork;\n');
  commitAll(dir, 'v0.1', '2023-01-01T00:00:00Z');
  put('MAINTAINERS', MAINTAINERS);
  put('scripts/min-tool-version.sh', MIN_TOOL_VERSION);
  put('arch/x86/Kconfig', 'config X86\n\tselect HAVE_RUST\n');
  put('rust/bindings/bindings_helper.h', '#include <linux/foo.h>\n#include <linux/bar.h>\n');
  put('rust/helpers/foo.c', 'int rust_helper_foo(void)\n{\n\treturn foo();\n}\n');
  // 6 code lines, two unsafe blocks, one with SAFETY.
  put(
    'rust/kernel/lib.rs',
    '//! The kernel crate.\npub fn read(p: *const u8) -> u8 {\n    // SAFETY: the caller passes a valid pointer.\n    unsafe { *p }\n}\npub fn write(p: *mut u8) {\n    unsafe { *p = 0 }\n}\n',
  );
  // One undocumented unsafe block naming bindings::bar from outside rust/.
  put('drivers/widget/widget.rs', 'fn probe() {\n    let _ = unsafe { bindings::bar() };\n}\n');
  commitAll(dir, 'v0.2', '2023-06-01T00:00:00Z');
  put('rust/syn/lib.rs', 'pub fn parse() {}\npub fn quote() {}\n');
  put(
    'drivers/widget/extra/peek.rs',
    "/// Reads.\n///\n/// # Safety\n///\n/// `p` must be valid.\npub unsafe fn peek(p: *const u8) -> u8 {\n    // SAFETY: the caller's contract.\n    unsafe { *p }\n}\n",
  );
  commitAll(dir, 'v0.3', '2024-01-01T00:00:00Z');

  const all = run('history', dir, '--revs', 'v0.*', '--measures', 'all', '--format', 'json', '--no-store');
  const h = JSON.parse(all.stdout || '{}') as HistoryResult;

  it('every measure of every revision equals what the single-tree commands print for it', () => {
    assert.equal(all.status, 0, all.stderr);
    assert.deepEqual(
      h.revisions.map((r) => r.revision),
      ['v0.1', 'v0.2', 'v0.3'],
    );
    for (const r of h.revisions) {
      const expected = singleTreeMeasures(dir, r.revision, r.revision !== 'v0.1');
      assert.deepEqual(r.measures, expected, r.revision);
    }
  });

  it('worked out by hand: no Rust is zeros; v0.2 and v0.3 as written', () => {
    const [v1, v2, v3] = h.revisions.map((r) => r.measures!);
    assert.deepEqual(
      [v1!.rust!.ownCode, v1!.unsafe!.blocks, v1!.glue!.helpers, v1!.toolchain!.rustc, v1!.maintainers],
      [0, 0, 0, null, null],
    );
    assert.deepEqual(v2!.rust, {
      ownFiles: 2,
      ownCode: 9,
      vendoredFiles: 0,
      vendoredCode: 0,
      sections: 2,
      subsystems: 2,
      drivers: ['drivers/widget'],
    });
    assert.deepEqual(
      [v2!.unsafe!.blocks, v2!.unsafe!.safetyCoverage, v2!.unsafe!.undocumented, v2!.unsafe!.blocksPerKloc],
      [3, 33.33, 2, 333.33],
    );
    assert.deepEqual(v2!.glue, { headers: 2, helperFiles: 1, helpers: 1, symbols: 1, filesOutsideRust: 1 });
    assert.deepEqual(v2!.toolchain, { rustc: '1.78.0', bindgen: '0.65.1', architectures: ['x86'] });
    assert.deepEqual(v2!.maintainers, {
      sections: 2,
      maintainers: 2,
      reviewers: 1,
      people: 3,
      singleMaintainer: 2,
      noReviewer: 1,
      noMaintainer: 0,
    });
    // v0.3: the vendored crate apart; the nested driver directory is part of drivers/widget.
    assert.deepEqual(
      [v3!.rust!.ownFiles, v3!.rust!.vendoredFiles, v3!.rust!.vendoredCode, v3!.rust!.drivers],
      [3, 1, 2, ['drivers/widget']],
    );
    assert.deepEqual([v3!.unsafe!.fns, v3!.unsafe!.safetySectionCoverage, v3!.unsafe!.blocks, v3!.unsafe!.safetyCoverage], [1, 100, 4, 50]);
    assert.deepEqual(h.drivers, [{ dir: 'drivers/widget', revision: 'v0.2', date: h.revisions[1]!.date }]);
  });

  it('a revision without MAINTAINERS: its maintainers measures are missing, said once; the others computed', () => {
    assert.equal(h.warnings.length, 1);
    assert.match(h.warnings[0]!, /^v0\.1: no MAINTAINERS file/);
    assert.equal(all.stderr.match(/no MAINTAINERS/g)?.length, 1, all.stderr);
  });

  it('each series with its change per release, in JSON and CSV; the table shows it with a sparkline', () => {
    const own = h.series.find((s) => s.key === 'rust.ownCode')!;
    assert.deepEqual(own.values, [0, 9, 12]);
    assert.deepEqual(own.changes, [null, { absolute: 9, percent: null }, { absolute: 3, percent: 33.33 }]);
    const csv = run('history', dir, '--revs', 'v0.*', '--measures', 'rust,unsafe', '--format', 'csv', '--no-store');
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.equal(lines[0], 'revision,commit,date,measure,value,change,change_percent');
    assert.equal(lines.length, 1 + 3 * h.series.filter((s) => s.key.startsWith('rust.') || s.key.startsWith('unsafe.')).length);
    assert.ok(lines.some((l) => /^v0\.3,[0-9a-f]{40},[^,]+,rust\.ownCode,12,3,33\.33$/.test(l)));
    const table = run('history', dir, '--revs', 'v0.*', '--measures', 'rust', '--no-store');
    assert.match(table.stdout, /^own Rust code lines +0 +12 +\+3 +\+33\.3 % +[▁-█]{3}$/m);
    assert.match(table.stdout, /^drivers\/widget +v0\.2 +2023-06-01$/m);
  });

  it("from the store: a second run reads each commit's measures back and gives the same answer, the warning too", () => {
    const db = join(dir, '..', `${dir.split('/').pop()}-store.db`);
    const first = run('history', dir, '--revs', 'v0.*', '--measures', 'all', '--format', 'json', '--db', db);
    const second = run('history', dir, '--revs', 'v0.*', '--measures', 'all', '--format', 'json', '--db', db);
    // A smaller size limit leaves files out: the stored measures of the default limit are not reused.
    const limited = run('history', dir, '--revs', 'v0.*', '--measures', 'all', '--format', 'json', '--db', db, '--max-file-size', '100');
    const limitedFresh = run(
      'history',
      dir,
      '--revs',
      'v0.*',
      '--measures',
      'all',
      '--format',
      'json',
      '--no-store',
      '--max-file-size',
      '100',
    );
    rmSync(db, { force: true });
    assert.equal(second.status, 0, second.stderr);
    const body = (out: string) => {
      const { provenance: _, ...rest } = JSON.parse(out) as HistoryResult & { provenance: unknown };
      return rest;
    };
    assert.deepEqual(body(second.stdout), body(first.stdout));
    assert.deepEqual(body(second.stdout), body(all.stdout));
    assert.match(second.stderr, /v0\.1: no MAINTAINERS file/);
    assert.deepEqual(body(limited.stdout), body(limitedFresh.stdout));
    assert.notDeepEqual(body(limited.stdout).series, body(first.stdout).series);
  });

  it('an unknown measure is one line naming the valid ones, exit 2; a forecast over three revisions says it needs more, exit 0', () => {
    const bad = run('history', dir, '--revs', 'v0.*', '--measures', 'rust,glu', '--no-store');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown measure: glu.*valid: lines, rust, unsafe, glue, toolchain, maintainers, all/);
    const f = run('history', dir, '--revs', 'v0.*', '--forecast', '2027-06', '--no-store');
    assert.equal(f.status, 0, f.stderr);
    assert.match(f.stdout, /own Rust code lines: a forecast needs four revisions with a value above zero; 2 of 3 have one/);
  });
});
