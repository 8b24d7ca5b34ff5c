// Each fixture under test/fixtures/rust/unsafe states what it holds: a site's line ends with
// `expect: KIND documented|undocumented [allowed] [DETAIL]`, and an `expect-totals:` line gives the
// comment counts and flags. The audit must find exactly those sites and totals.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { UNSAFE_KINDS, type UnsafeSite } from '../../src/extract/rust/audit.js';
import { extractRustFacts } from '../../src/extract/rust/facts.js';
import { fixtureDir } from '../helpers/fixtures.js';

const root = fixtureDir('rust', 'unsafe');
const SITE = new RegExp(`expect: (${UNSAFE_KINDS.join('|')}) (documented|undocumented)( allowed)?(?: (\\w+))?`);

function rsFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? rsFiles(p) : name.endsWith('.rs') ? [p] : [];
    });
}

function statedSites(text: string): UnsafeSite[] {
  return text.split('\n').flatMap((line, i) => {
    const m = SITE.exec(line);
    if (!m) return [];
    return [
      {
        line: i + 1,
        kind: m[1] as UnsafeSite['kind'],
        documented: m[2] === 'documented',
        ...(m[4] ? { detail: m[4] } : {}),
        ...(m[3] ? { allowed: true } : {}),
      },
    ];
  });
}

function statedTotals(text: string): Record<string, string> {
  const m = /expect-totals: (.*)/.exec(text);
  assert.ok(m, 'the fixture states its totals');
  return Object.fromEntries(
    m[1]!
      .trim()
      .split(/\s+/)
      .map((kv) => kv.split('=') as [string, string]),
  );
}

describe('unsafe audit on fixtures that state their sites', () => {
  for (const path of rsFiles(root)) {
    it(relative(root, path), async () => {
      const text = readFileSync(path, 'utf8');
      const facts = await extractRustFacts(readFileSync(path));
      const bySite = (a: UnsafeSite, b: UnsafeSite) => a.line - b.line || a.kind.localeCompare(b.kind);
      assert.deepEqual([...facts.sites].sort(bySite), statedSites(text).sort(bySite));
      const totals = statedTotals(text);
      assert.equal(facts.safetyComments, Number(totals.safetyComments), 'SAFETY comments');
      assert.equal(facts.invariantComments, Number(totals.invariantComments), 'INVARIANT comments');
      assert.equal(facts.safetySections, Number(totals.safetySections), '# Safety sections');
      assert.equal(facts.invariantSections, Number(totals.invariantSections), '# Invariants sections');
      assert.equal(facts.generated, totals.generated === 'true', 'generated');
      assert.equal(facts.optOut, totals.optOut === 'true', 'opt-out');
      assert.equal(facts.parseErrors, 0, 'the fixture parses');
    });
  }
});
