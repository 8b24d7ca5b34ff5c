import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { shippedCatalogue } from '../../src/analyze/claims/catalogue.js';
import { renderClaimsDoc } from '../../src/report/claims-doc.js';

it('docs/CLAIMS.md is current with data/claims.json (npm run docs:claims)', () => {
  const doc = readFileSync(new URL('../../../docs/CLAIMS.md', import.meta.url), 'utf8');
  assert.equal(doc, renderClaimsDoc(shippedCatalogue()));
  for (const c of shippedCatalogue()) assert.ok(doc.includes(`### ${c.id}\n`), c.id);
});
