#!/usr/bin/env node
// The CLI: runs the bundle that holds the command named (scripts/build-cli.js), or the one with
// every command for help, the version or a typo. CommonJS, as the bundles: an ES module entry alone
// costs Node its module loader (bench/maintainers-latency.js).
//
// The bundle is compiled with V8's code cache from its last run, kept in the user's cache
// directory: `maintainers` runs once per patch under `git send-email --cc-cmd`, and compiling its
// bundle (and each function the run calls) anew took ~15 ms of its ~170. V8 checks that a cache
// fits its version and flags, but not the source (only its length), so the file states which
// bundle and Node it was made for, and a checksum of its bytes; any mismatch and the bundle is
// compiled as usual, and the cache rewritten after the run. A cache that cannot be read or
// written is no cache.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundles = require('../dist/src/bundle/commands.json');
const name = process.argv[2];
const file = join(__dirname, '../dist/src/bundle', Object.hasOwn(bundles, name) ? bundles[name] : 'all.cjs');

/** SHA-1 of the parts, raw (crypto.hash needs Node 20.12). */
const sha1 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha1')).digest();

const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
// What a cache must have been made for: this bundle's text, this Node, these flags.
const key = sha1(process.version, '\0', process.execArgv.join(' '), '\0', source);
const cacheFile =
  process.env.FERROMETER_CODE_CACHE === '0'
    ? undefined
    : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ferrometer', 'code', `${basename(file, '.cjs')}.bin`);

/** The cache file's V8 data: its first 20 bytes are the key, the next 20 the SHA-1 of the data. */
function readCache() {
  try {
    const bytes = readFileSync(cacheFile);
    const data = bytes.subarray(40);
    if (bytes.length > 40 && key.equals(bytes.subarray(0, 20)) && sha1(data).equals(bytes.subarray(20, 40))) return data;
  } catch {}
  return undefined;
}

function writeCache(data) {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}`;
    writeFileSync(temporary, Buffer.concat([key, sha1(data), data]));
    renameSync(temporary, cacheFile);
  } catch {}
}

const cachedData = cacheFile && readCache();
const script = new Script(source, { filename: file, cachedData });
// Written after the run, so that it holds the functions the run compiled too.
if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeCache(script.createCachedData()));
const module_ = { exports: {}, filename: file };
script.runInThisContext()(module_.exports, createRequire(file), module_, file, dirname(file));
