#!/usr/bin/env node
// Rewrites docs/LANGUAGES.md from data/languages.json (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { loadLanguageData } from '../dist/src/extract/languages.js';
import { renderLanguagesDoc } from '../dist/src/extract/languages-doc.js';

writeFileSync(new URL('../docs/LANGUAGES.md', import.meta.url), renderLanguagesDoc(loadLanguageData()));
