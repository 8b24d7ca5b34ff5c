// What the launcher (bin/ferrometer, bin/ferrometer.cjs) runs: the bundle that holds the command
// named (scripts/build-cli.js), or the one with every command for help, the version or a typo.
// CommonJS, as the bundles: an ES module entry alone costs Node its module loader
// (bench/maintainers-latency.js). Bundled by the build into dist/src/bundle/launch.cjs with the
// checked file it uses: each file a require loads took ~0.5 ms of a `maintainers` run.
//
// The `maintainers` bundle is compiled with V8's code cache from its last run, kept in ferrometer's
// cache directory (code/): it runs once per patch under `git send-email --cc-cmd`, and compiling
// its bundle (and each function the run calls) anew took ~15 ms of its ~170. V8 checks
// that a cache fits its version and flags, but not the source (only its length), and in a release
// build no checksum (it ran a flipped byte's garbage): the cache is a checked file (store/
// checked-file.cts), keyed by Node's version and flags and the bundle file's identity. Any mismatch
// and the bundle is compiled as usual, and the cache written again after the run.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { fileIdentity } from '../core/file-identity.cjs';
import { readChecked, writeChecked } from '../store/checked-file.cjs';
import { cacheDirectory } from '../store/location.cjs';

// The bundles' directory, from dist/src/bundle (this file bundled) as from dist/src/cli.
const bundleDirectory = join(__dirname, '../bundle');
const bundles = JSON.parse(readFileSync(join(bundleDirectory, 'commands.json'), 'utf8')) as Record<string, string>;
const name = process.argv[2] ?? '';
const file = join(bundleDirectory, Object.hasOwn(bundles, name) ? bundles[name]! : 'all.cjs');
const fd = openSync(file, 'r');
const stat = fstatSync(fd);
const bytes = Buffer.allocUnsafe(stat.size);
for (let at = 0; at < bytes.length; ) {
  const n = readSync(fd, bytes, at, bytes.length - at, at);
  if (n === 0) break;
  at += n;
}
closeSync(fd);
// Latin-1, which V8 takes as it is: the bundles are ASCII but for comments (scripts/build-cli.js
// checks), and decoding them as UTF-8 took ~1.5 ms.
const source = `(function (exports, require, module, __filename, __dirname) {${bytes.toString('latin1')}\n})`;

// Only for the command run once per patch: elsewhere 15 ms is nothing, and the code the cache
// brings in whole (every function the last run compiled) held ~3 MB of a kernel scan's peak.
const cached = basename(file) === 'maintainers.cjs' && process.env.FERROMETER_CODE_CACHE !== '0';
const cacheFile = cached ? join(cacheDirectory(), 'code', `${basename(file, '.cjs')}.bin`) : undefined;
// The bundle by its file's identity (every build or install writes a new file, with a new change
// time): a copy of its 0.4 MB in the key took ~1 ms more to read and compare.
const key = [process.version, process.execArgv.join(' '), fileIdentity(stat)];
const cachedData = cacheFile ? readChecked(cacheFile, key) : undefined;
const script = new Script(source, { filename: file, cachedData });
// Written after the run, so that it holds the functions the run compiled too.
if (cacheFile && (!cachedData || script.cachedDataRejected)) process.once('exit', () => writeChecked(cacheFile, key, script.createCachedData()));
const bundle = { exports: {}, filename: file };
// This file's require: the bundle needs Node's modules and the packages under the package's
// node_modules (node:module, for a require of the bundle's own, would load Node's ES module loader).
script.runInThisContext()(bundle.exports, require, bundle, file, dirname(file));
