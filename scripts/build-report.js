#!/usr/bin/env node
// Bundles the report page's script (web/page.ts) with the parts of ECharts it uses into one
// minified file, once per build: every report inlines it (dist/web/page.js).
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../web/page.ts', import.meta.url).pathname],
  outfile: new URL('../dist/web/page.js', import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
});
