// Where the store and the caches beside it live by default: $XDG_CACHE_HOME/ferrometer or
// ~/.cache/ferrometer, and how their directories are made. Apart from store.ts so that the options
// can say it without loading SQLite; CommonJS (a .cts), as the launcher (cli/launch.cts) reads it
// too.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** ferrometer's directory in the user's cache: the store, and small caches of their own (code, parses). */
export function cacheDirectory(): string {
  // $HOME is what os.homedir() reads first: node:os is loaded only without it (it cost ~0.5 ms of each run).
  const home = process.env.HOME || (require('node:os') as typeof import('node:os')).homedir();
  return join(process.env.XDG_CACHE_HOME || join(home, '.cache'), 'ferrometer');
}

export function defaultStorePath(): string {
  return join(cacheDirectory(), 'store.db');
}

/** Creates a directory and its missing parents one level at a time (Node's recursive mkdir can loop forever under /proc). */
export function makeDirectory(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
  } catch {
    // missing: made below
  }
  const parent = dirname(dir);
  if (parent !== dir) makeDirectory(parent);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
