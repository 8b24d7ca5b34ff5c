import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { loadLanguageData } from '../../src/extract/languages.js';
import { renderLanguagesDoc } from '../../src/extract/languages-doc.js';

it('docs/LANGUAGES.md is current with data/languages.json (npm run docs:languages)', () => {
  const committed = readFileSync(new URL('../../../docs/LANGUAGES.md', import.meta.url), 'utf8');
  assert.equal(committed, renderLanguagesDoc(loadLanguageData()));
});
