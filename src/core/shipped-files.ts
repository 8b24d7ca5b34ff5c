// Files ferrometer ships beside its code: data at the package's top, the worker modules and the
// WebAssembly scanner under dist/src. Found from this module's own place: it lies one directory
// below dist/src, and so does every file of the bundled CLI (dist/src/bundle, scripts/build-cli.js),
// so one relative path serves the modules and the bundle alike.
const BUILT = new URL('../', import.meta.url);

/** A file the build put under dist/src ("extract/worker.js"). */
export function builtFile(path: string): URL {
  return new URL(path, BUILT);
}

/** A file at the top of the package ("data/languages.json", "package.json"). */
export function packageFile(path: string): URL {
  return new URL(`../../${path}`, BUILT);
}
