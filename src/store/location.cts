// Where the store and the caches beside it live by default: $XDG_CACHE_HOME/ferrometer or
// ~/.cache/ferrometer. Apart from store.ts so that the options can say it without loading SQLite;
// CommonJS (a .cts), as bin/ferrometer.cjs reads it too.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** ferrometer's directory in the user's cache: the store, and small caches of their own (code, parses). */
export function cacheDirectory(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ferrometer');
}

export function defaultStorePath(): string {
  return join(cacheDirectory(), 'store.db');
}
