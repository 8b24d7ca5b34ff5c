#!/usr/bin/env node
// Rewrites docs/CLAIMS.md from data/claims.json (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { shippedCatalogue } from '../dist/src/analyze/claims/catalogue.js';
import { renderClaimsDoc } from '../dist/src/report/claims-doc.js';

writeFileSync(new URL('../docs/CLAIMS.md', import.meta.url), renderClaimsDoc(shippedCatalogue()));
