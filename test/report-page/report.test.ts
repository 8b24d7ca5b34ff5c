// The report page in a real browser (Debian's chromium driven by playwright-core): a fixture clone
// with two release tags, a vulns repository, and hostile strings where the inputs are anyone's to
// write (a CVE title holding <script>, a maintainer name holding </script>, a path holding an
// <img onerror>). Every panel renders its chart and its tables; the headline numbers and table
// cells equal the CLI's JSON for the same inputs; the hostile strings are text; nothing leaves the
// page. A screenshot is kept in test-artifacts/.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { PANELS } from '../../src/analyze/overview/overview.js';
import { CHROMIUM, launchChromium } from '../helpers/browser.js';
import { commitAll, makeRepo } from '../helpers/git.js';
import { minToolVersion, RUST_SECTION, THE_REST } from '../helpers/kernel-files.js';
import { VulnsRepo } from '../helpers/vulns.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const artifacts = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const json = <T>(...args: string[]): T => {
  const r = run(...args, '--format', 'json', '--no-store');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
};

const HOSTILE_TITLE = '<script>window.pwned=1</script> rust: fix a use-after-free';
const HOSTILE_NAME = 'Evil </script><script>window.pwned=2</script> Person';
const HOSTILE_DIR = '"><img src=x onerror="window.pwned=3">';

const MAINTAINERS = `${RUST_SECTION}

WIDGET DRIVER [RUST]
M:\t${HOSTILE_NAME} <evil@example.org>
S:\tMaintained
F:\tdrivers/widget/

${THE_REST}`;

function put(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('report: the page in a browser', {
  skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`,
}, () => {
  const repo = makeRepo();
  const vulns = new VulnsRepo();
  const out = mkdtempSync(join(tmpdir(), 'ferrometer-report-'));
  const file = join(out, 'report.html');
  let browser: Browser;
  let page: Page;
  let html: string;
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    put(repo, 'Makefile', 'VERSION = 6\nPATCHLEVEL = 1\n');
    put(repo, 'MAINTAINERS', MAINTAINERS);
    put(repo, 'scripts/min-tool-version.sh', minToolVersion('1.78.0', '0.65.1'));
    put(repo, 'kernel/fork.c', 'int fork;\nint clone;\n');
    put(repo, `drivers/${HOSTILE_DIR}/evil.c`, 'int evil;\n');
    put(
      repo,
      'rust/kernel/lib.rs',
      'pub fn read(p: *const u8) -> u8 {\n    // SAFETY: the caller passes a valid pointer.\n    unsafe { *p }\n}\n',
    );
    commitAll(repo, 'v6.1', '2022-12-11T12:00:00Z');
    put(repo, 'Makefile', 'VERSION = 6\nPATCHLEVEL = 2\n');
    put(repo, 'drivers/widget/widget.rs', 'fn probe() {\n    let _ = unsafe { bindings::widget_probe() };\n}\n');
    commitAll(repo, 'v6.2', '2023-02-19T12:00:00Z');
    vulns
      .publish({ id: 'CVE-2025-0001', title: 'mm: fix a use-after-free', description: 'A use-after-free.', files: ['kernel/fork.c'] })
      .publish({ id: 'CVE-2025-0002', title: HOSTILE_TITLE, description: 'A use-after-free.', files: ['drivers/widget/widget.rs'] })
      .commit('2025-12-16T10:00:00Z');
    const r = run('report', repo, '--vulns', vulns.dir, '--no-store', '--today', '2026-12-01', '-o', file);
    assert.equal(r.status, 0, r.stderr);
    html = readFileSync(file, 'utf8');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (q) => requests.push(q.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const t0 = Date.now();
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-ready=true]', { timeout: 15000 });
    // Printed, not asserted: the machine is shared and noisy.
    process.stderr.write(`report page interactive ${Date.now() - t0} ms after navigation\n`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
  });
  after(async () => {
    await browser?.close();
    rmSync(repo, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    vulns.dispose();
  });

  it('every panel renders its chart (an ECharts instance with data) and its tables', async () => {
    const charts = await page.evaluate(() =>
      Object.entries(
        (window as unknown as { ferrometerCharts: Record<string, { getOption(): { series: { data?: unknown[] }[] } }> }).ferrometerCharts,
      ).map(([id, c]) => [id, c.getOption().series.reduce((n, s) => n + (s.data?.length ?? 0), 0)] as const),
    );
    assert.deepEqual(
      charts.map(([id]) => id),
      [...PANELS],
    );
    for (const [id, points] of charts) assert.ok(points > 0, `${id} has data`);
    for (const id of PANELS) {
      assert.equal(await page.locator(`[data-chart=${id}] canvas`).count(), 1, `${id} canvas`);
      assert.ok((await page.locator(`table[data-panel=${id}] tbody tr`).count()) > 0, `${id} table rows`);
    }
  });

  it('the headline numbers and the tables equal what the commands print', async () => {
    const headline = async (label: string) => (await page.locator(`[data-headline="${label}"] b`).textContent())!.replace(/,/g, '');
    const scan = json<{ languages: { language: string; code: number }[] }>('scan', repo, '--rev', 'v6.2');
    assert.equal(Number(await headline('own Rust code lines')), scan.languages.find((l) => l.language === 'Rust')!.code);
    const unsafe = json<{ summary: { unsafeBlocks: number } }>('unsafe', repo, '--rev', 'v6.2');
    assert.equal(Number(await headline('unsafe blocks')), unsafe.summary.unsafeBlocks);
    const cves = json<{ published: number; rust: { id: string; title: string }[] }>('cves', vulns.dir);
    assert.equal(Number(await headline('kernel CVEs published')), cves.published);
    assert.equal(Number(await headline('CVEs in Rust code')), cves.rust.length);
    const m = json<{ sections: { name: string; files: number; code: number }[] }>('maintainers', repo, '--rev', 'v6.2', '--rust');
    assert.equal(Number(await headline('MAINTAINERS sections covering Rust')), m.sections.length);
    const rows = await page
      .locator('table[data-panel=maintainers] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    assert.deepEqual(
      rows.map((r) => [r[0], r[4], r[5]]),
      m.sections.map((s) => [s.name, String(s.files), String(s.code)]),
    );
    const rustCves = await page.locator('table[data-panel=cves][data-table="2"] tbody tr td:first-child').allTextContents();
    assert.deepEqual(
      rustCves,
      cves.rust.map((c) => c.id),
    );
  });

  it('hostile strings are shown as text and run nothing', async () => {
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(text.includes(HOSTILE_TITLE), 'the CVE title');
    // MAINTAINERS' own reading splits "Name <address>" at the first "<": the name is "Evil", the rest
    // (</script><script>…) is the address, carried in the page's data, inert.
    assert.ok(text.includes('Evil'), 'the maintainer');
    assert.ok(html.includes('/script>\\u003cscript>window.pwned=2\\u003c/script> Person'), 'the address, escaped in the data');
    assert.ok(text.includes(HOSTILE_DIR), 'the directory');
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    // The data block cannot end early: "<" is escaped in it.
    const data = html.slice(html.indexOf('id="ferrometer-data"'), html.indexOf('</script>', html.indexOf('id="ferrometer-data"')));
    assert.ok(!data.includes('<script') && data.includes('\\u003cscript'));
  });

  it('nothing leaves the page, nothing fails, and the policy allows its own script alone', async () => {
    assert.deepEqual(requests, [`file://${file}`]);
    assert.deepEqual(errors, []);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    assert.match(csp, /default-src 'none'/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((s) => s[1]!);
    assert.equal(scripts.length, 1);
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`));
  });

  it('sorts a table by a column, releases by version', async () => {
    await page.locator('table[data-panel=history][data-table="0"] th', { hasText: 'Measure' }).click();
    const first = await page.locator('table[data-panel=history][data-table="0"] tbody tr td:first-child').allTextContents();
    assert.deepEqual(
      first,
      [...first].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });

  it('switches to the dark theme and draws every chart again', async () => {
    const before = await page.evaluate(() => document.documentElement.dataset.theme ?? '');
    await page.locator('#theme').click();
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    assert.notEqual(theme, before);
    assert.equal(await page.locator('[data-chart] canvas').count(), PANELS.length);
    assert.deepEqual(errors, []);
  });

  it('serve: the page behind a random token on 127.0.0.1, rebuilt when the tree changes', async () => {
    const tree = mkdtempSync(join(tmpdir(), 'ferrometer-serve-'));
    put(tree, 'rust/kernel/lib.rs', 'pub fn a() {}\n');
    const server = spawn(process.execPath, [bin, 'serve', tree, '--no-store'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(text);
          if (m) resolve(m[1]!);
        });
        server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const base = url.slice(0, url.indexOf('?'));
      assert.equal((await fetch(base)).status, 403);
      assert.equal((await fetch(`${base}?token=wrong`)).status, 403);
      const ok = await fetch(url);
      assert.equal(ok.status, 200);
      const ownRust = async () => {
        const p = await browser.newPage();
        await p.goto(url);
        await p.waitForSelector('html[data-ready=true]');
        const v = await p.locator('[data-headline="own Rust code lines"] b').textContent();
        await p.close();
        return v;
      };
      assert.equal(await ownRust(), '1');
      put(tree, 'rust/kernel/more.rs', 'pub fn b() {}\npub fn c() {}\n');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await ownRust(), '3');
    } finally {
      server.kill('SIGTERM');
      rmSync(tree, { recursive: true, force: true });
    }
  });
});
