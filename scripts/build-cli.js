#!/usr/bin/env node
// Bundles the command line (dist/src/cli/main.js and what it imports) into dist/src/bundle, once
// per build: Node then reads a few files instead of ~40 modules, each resolved, read and compiled
// on its own, which was ~20 ms of every run (`maintainers` runs once per patch under --cc-cmd).
// Each command stays its own chunk, loaded when named. The worker threads, the WebAssembly scanner
// and the data files are found through core/shipped-files.ts, which works from here as from
// dist/src/core. Packages with native code or WebAssembly of their own stay outside.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/src/bundle/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [new URL('../dist/src/cli/main.js', import.meta.url).pathname],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'web-tree-sitter', 'tree-sitter-rust'],
  // commander and cli-progress are CommonJS: their require() of Node's modules needs one in ESM.
  banner: {
    js: "import { createRequire as __ferrometerRequire } from 'node:module'; const require = __ferrometerRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
