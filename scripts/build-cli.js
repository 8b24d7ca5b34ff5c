#!/usr/bin/env node
// Bundles the command line into dist/src/bundle, once per build: one CommonJS file per command
// (its own code, the CLI's and commander's), one with every command (help, the version, a typo),
// and commands.json, which tells the launcher (cli/launch.cts) which file runs which command name.
//
// Why CommonJS and one file per command: `maintainers` runs once per patch under --cc-cmd. Loaded
// as ES modules (14 files, and an ES facade for each of Node's modules they name), the same code
// took ~30 ms more of each run than one CommonJS file (bench/maintainers-latency.js); a bare ESM
// program that only imports commander and reads MAINTAINERS already costs half the time of the
// kernel's script. Each process loads one bundle, so code shared between commands is copied into
// each, never loaded twice.
//
// The worker threads, the WebAssembly scanner and the data files are found through
// core/shipped-files.ts, which works from here as from dist/src/core. Packages with native code or
// WebAssembly of their own stay outside.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = new URL('../dist/src/bundle/', import.meta.url).pathname;
const cli = new URL('../dist/src/cli/', import.meta.url).pathname;
const { COMMANDS } = await import(new URL('commands.js', `file://${cli}`).href);

/** A command's module is named after its first name (commands.ts): "./maintainers.js" for maintainers. */
const moduleOf = (names) => `./${names[0]}.js`;

/**
 * Keeps one command's module in the bundle; the others' imports point at their own bundles. They
 * are never reached: the launcher runs this bundle only for this command's names.
 */
const onlyCommand = (names) => ({
  name: 'only-command',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, (args) => {
      if (args.importer !== `${cli}commands.js` || args.path === moduleOf(names)) return undefined;
      return { path: args.path.replace(/\.js$/, '.cjs'), external: true };
    });
  },
});

/**
 * Node's child_process and crypto, loaded when first used rather than when the bundle starts:
 * commander and the git readers name child_process, the store and the blob ids crypto, and loading
 * both took ~8 ms of each `maintainers` run, which needs neither (bench/maintainers-latency.js). Each
 * import gets an object with a getter per export, filled in on first use.
 */
const LAZY = /^(node:)?(child_process|crypto)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: LAZY }, (args) =>
      args.namespace === 'lazy-builtin' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      const names = Object.keys(await import(`node:${args.path}`)).filter((n) => n !== 'default');
      const getters = names.map((n) => `get ${n}() { return load().${n}; }`).join(',\n  ');
      return {
        contents: `let loaded;\nconst load = () => (loaded ??= require('node:${args.path}'));\nmodule.exports = {\n  ${getters}\n};\n`,
        loader: 'js',
      };
    });
  },
};

/** What every file built here shares: one CommonJS file for Node 20, its imports inside it. */
const ONE_CJS_FILE = {
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
};

async function bundle(name, plugins) {
  await build({
    ...ONE_CJS_FILE,
    entryPoints: [{ in: `${cli}run.js`, out: name }],
    external: ['better-sqlite3', 'web-tree-sitter', 'tree-sitter-rust'],
    // The modules find their shipped files from their own URL: here, the bundle's. Strict, as ES
    // modules are: the directive must come first, before the banner's line.
    define: { 'import.meta.url': '__ferrometerUrl' },
    banner: { js: "'use strict';\nconst __ferrometerUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyBuiltins, ...plugins],
  });
}

/**
 * The launcher (cli/launch.cts) reads a bundle as Latin-1 (V8 takes such a string as it is; UTF-8 took ~1.5 ms
 * of a `maintainers` run). esbuild escapes every non-ASCII character in code, but keeps comments as
 * written: a byte above 127 anywhere else would be read wrong, and fails the build.
 */
function assertAsciiCode(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (!/[^\x00-\x7f]/.test(line) || /^\s*(\*|\/\/|\/\*)/.test(line)) continue;
    throw new Error(`${file}:${i + 1}: a character outside ASCII in code (cli/launch.cts reads bundles as Latin-1)`);
  }
}

rmSync(outdir, { recursive: true, force: true });
const files = {};
for (const [names] of COMMANDS) {
  await bundle(names[0], [onlyCommand(names)]);
  for (const n of names) files[n] = `${names[0]}.cjs`;
}
await bundle('all', []);
for (const file of new Set(Object.values(files))) assertAsciiCode(`${outdir}${file}`);
assertAsciiCode(`${outdir}all.cjs`);
writeFileSync(`${outdir}commands.json`, `${JSON.stringify(files, null, 2)}\n`);

// What the launcher runs (cli/launch.cts), with the checked file it reads the code cache with.
await build({ ...ONE_CJS_FILE, entryPoints: [{ in: `${cli}launch.cjs`, out: 'launch' }] });
