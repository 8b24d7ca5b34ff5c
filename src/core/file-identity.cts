// What identifies a file on disk from one run to the next, as git's index does: its device, inode,
// size, and modification and change times (a change time cannot be set back). A cache keyed by it
// is read again only for the file it was made from. CommonJS (a .cts), as the launcher
// (cli/launch.cts) needs it before any bundle.
import type { Stats } from 'node:fs';

export function fileIdentity(s: Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>): string {
  return `${s.dev} ${s.ino} ${s.size} ${s.mtimeMs} ${s.ctimeMs}`;
}
