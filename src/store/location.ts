// Where the store lives by default: a cache, so $XDG_CACHE_HOME or ~/.cache. Apart from store.ts so
// that the options can say it without loading SQLite.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultStorePath(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'ferrometer', 'store.db');
}
