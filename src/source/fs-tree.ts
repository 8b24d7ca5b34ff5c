// A tree on disk: walked once, breadth of a directory at a time, without following symbolic
// links (nothing outside the tree is counted, and a link loop cannot hang the walk).
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { FerrometerError } from '../core/errors.js';
import { byPath, type ScanWarning } from '../core/types.js';

export interface TreeFile {
  /** POSIX path relative to the root; names that are not valid UTF-8 are shown lossily. */
  path: string;
  /** What to open: a string, or the exact bytes when a name is not valid UTF-8. */
  location: string | Buffer;
}

export interface WalkResult {
  files: TreeFile[];
  symlinks: number;
  special: number;
  warnings: ScanWarning[];
}

/** Directories never scanned: version-control metadata, not source. */
const IGNORED_DIRECTORIES = new Set(['.git']);

export function assertDirectory(root: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new FerrometerError('ENOTFOUND_PATH', `path does not exist: ${root}`, 'give the root of a source tree');
  }
  if (!isDir) throw new FerrometerError('ENOTDIR_TREE', `not a directory: ${root}`, 'give the root of a source tree');
}

/**
 * Walks the tree one directory per step, so that a caller can hand out the files found so far
 * between steps. Files come in walk order; sort them if order matters.
 */
export function* walkSteps(root: string, result: WalkResult): Generator<void> {
  assertDirectory(root);
  const pending: { path: string; location: string | Buffer }[] = [{ path: '', location: root }];
  for (let dir = pending.pop(); dir; dir = pending.pop()) {
    let entries: Dirent[] | Dirent<Buffer>[];
    try {
      entries = readdirSync(dir.location, { withFileTypes: true });
      // A name that is not valid UTF-8 decodes with U+FFFD and could not be opened again: re-read as bytes.
      if (entries.some((e) => e.name.includes('\uFFFD'))) {
        entries = readdirSync(dir.location, { withFileTypes: true, encoding: 'buffer' });
      }
    } catch (e) {
      result.warnings.push({ path: dir.path || '.', message: `directory not readable: ${(e as Error).message}` });
      continue;
    }
    for (const entry of entries) {
      const name = entry.name;
      const nameText = typeof name === 'string' ? name : name.toString('utf8');
      const path = dir.path ? `${dir.path}/${nameText}` : nameText;
      const location = joinLocation(dir.location, name);
      if (entry.isDirectory()) {
        if (!IGNORED_DIRECTORIES.has(nameText)) pending.push({ path, location });
      } else if (entry.isFile()) {
        result.files.push({ path, location });
      } else if (entry.isSymbolicLink()) {
        result.symlinks++;
      } else {
        result.special++;
      }
    }
    yield;
  }
}

export function emptyWalk(): WalkResult {
  return { files: [], symlinks: 0, special: 0, warnings: [] };
}

/** The whole walk at once, files sorted by path. */
export function walkTree(root: string): WalkResult {
  const result = emptyWalk();
  for (const _ of walkSteps(root, result));
  result.files.sort(byPath);
  return result;
}

function joinLocation(dir: string | Buffer, name: string | Buffer): string | Buffer {
  if (typeof dir === 'string' && typeof name === 'string') return `${dir}/${name}`;
  return Buffer.concat([Buffer.from(dir), Buffer.from('/'), Buffer.from(name)]);
}
