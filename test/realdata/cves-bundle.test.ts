// The kernel CNA's vulns repository with its history (FERROMETER_VULNS_BUNDLE names the bundle),
// checked against answers found other ways: git's own per-file log for publication dates, a plain
// JSON read of the checkout for the records and which of them name Rust files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCves, type CveCorpus } from '../../src/analyze/cves/cve-corpus.js';
import { analyzeCves } from '../../src/analyze/cves/cves.js';
import { CLASS_RULES } from '../../src/extract/cve-classes.js';
import { Store } from '../../src/store/store.js';

const bundle = process.env.FERROMETER_VULNS_BUNDLE;

describe('cves on the vulns bundle', { skip: bundle ? false : 'FERROMETER_VULNS_BUNDLE is not set' }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-vulns-'));
  const clone = join(tmp, 'vulns');
  let corpus: CveCorpus;
  const git = (...args: string[]) => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  before(async () => {
    execFileSync('git', ['clone', '-q', bundle!, clone]);
    corpus = await loadCves(clone);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('takes every record git lists, and nothing else', () => {
    const files = git('ls-tree', '-r', '--name-only', 'HEAD', 'cve').split('\n');
    const json = (state: string) => files.filter((f) => new RegExp(`^cve/${state}/\\d{4}/CVE-[^/]+\\.json$`).test(f));
    assert.equal(corpus.cves.length + corpus.malformed.filter((m) => m.path.startsWith('cve/published/')).length, json('published').length);
    assert.equal(
      corpus.rejected.length + corpus.malformed.filter((m) => m.path.startsWith('cve/rejected/')).length,
      json('rejected').length,
    );
    assert.ok(corpus.cves.length > 14000, `${corpus.cves.length} records`);
  });

  it('names the same Rust CVEs as a plain read of the records', () => {
    const rustByHand = corpus.cves
      .filter((c) => {
        const record = JSON.parse(readFileSync(join(clone, c.path), 'utf8')) as {
          containers: { cna: { affected: { programFiles?: string[] }[] } };
        };
        return record.containers.cna.affected.some((a) => (a.programFiles ?? []).some((f) => f.endsWith('.rs')));
      })
      .map((c) => c.id)
      .sort();
    const r = analyzeCves(corpus);
    assert.deepEqual(r.rust.map((c) => c.id).sort(), rustByHand);
    const first = r.rust.find((c) => c.id === 'CVE-2025-68260');
    assert.deepEqual([first?.published, first?.language, first?.files], ['2025-12-16', 'rust', ['drivers/android/binder/node.rs']]);
  });

  it('dates records as git log of each file does (the oldest commit that added it)', () => {
    const sample = corpus.cves.filter((_, i) => i % 1000 === 0);
    for (const c of sample) {
      const added = git('log', '--diff-filter=A', '--format=%ct', '--', c.path).trim().split('\n');
      const oldest = Math.min(...added.map(Number));
      assert.equal(c.published, oldest, c.id);
    }
  });

  it('memory safety is what safe Rust rules out: a CVE whose only classes are leaks or races is not in it', () => {
    const rows = analyzeCves(corpus, { list: true }).cves!;
    const memoryClasses = new Set(CLASS_RULES.filter((r) => r.memory).map((r) => r.name));
    for (const c of rows) {
      const byClass = c.classes.some((k) => memoryClasses.has(k)) || c.sanitizers.includes('KASAN');
      assert.equal(c.memorySafety, byClass, c.id);
    }
    const onlyLeakOrRace = rows.filter(
      (c) => c.classes.length && c.classes.every((k) => k === 'leak' || k === 'race') && !c.sanitizers.includes('KASAN'),
    );
    assert.ok(onlyLeakOrRace.length > 1000, `${onlyLeakOrRace.length} CVEs are leaks or races only`);
    assert.ok(onlyLeakOrRace.every((c) => !c.memorySafety));
  });

  it('a second run from the store gives the same corpus', async () => {
    const store = Store.open(join(tmp, 'store.db'));
    try {
      const cold = await loadCves(clone, { store });
      const warm = await loadCves(clone, { store });
      assert.equal(warm.parsed, 0);
      assert.deepEqual(analyzeCves(warm, { list: true }), analyzeCves(corpus, { list: true }));
      assert.deepEqual(analyzeCves(cold, { list: true }), analyzeCves(corpus, { list: true }));
    } finally {
      store.close();
    }
  });
});
