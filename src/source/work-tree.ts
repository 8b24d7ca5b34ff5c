// The files of a git work tree as git sees them: tracked files (with the blob id the index holds
// for each, when git finds the file unchanged since the index was written) and untracked files
// that are not ignored (`--exclude-standard`), so that build outputs never count. Ignored files
// are counted, not listed.
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, realpathSync } from 'node:fs';
import { fileLocation, joinLocation, type TreeFile, type WalkResult } from './listing.js';
import { readFailure } from './git.js';

/** Whether a directory is inside a git work tree (and not inside a .git directory). */
export function isInWorkTree(root: string): boolean {
  const r = spawnSync('git', ['-C', root, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'true';
}

/**
 * The NUL-separated entries of a git listing, kept as offsets into its bytes: a kernel's index
 * lists ~90 K files, and a Buffer object per entry raised a scan's peak by several MB.
 */
class Entries {
  private readonly bounds: number[] = [];

  constructor(readonly bytes: Buffer) {
    for (let at = 0; at < bytes.length; ) {
      const end = bytes.indexOf(0, at);
      const stop = end === -1 ? bytes.length : end;
      if (stop > at) this.bounds.push(at, stop);
      at = stop + 1;
    }
  }

  get length(): number {
    return this.bounds.length / 2;
  }

  start(i: number): number {
    return this.bounds[2 * i]!;
  }

  end(i: number): number {
    return this.bounds[2 * i + 1]!;
  }
}

const gitArgs = (root: string, args: string[]) => ['-C', root, '-c', 'core.quotePath=false', ...args];
const failure = (args: string[], stderr: string) =>
  readFailure(`git ${args[0]} failed`, stderr, 'the work tree or its index may be damaged; or give --no-ignore to walk the directory');

function gitZ(root: string, args: string[]): Promise<Entries> {
  return new Promise((resolve, reject) => {
    const p = spawn('git', gitArgs(root, args), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    p.stdout.on('data', (c: Buffer) => out.push(c));
    p.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(new Entries(Buffer.concat(out))) : reject(failure(args, err))));
  });
}

function gitZSync(root: string, args: string[]): Entries {
  const r = spawnSync('git', gitArgs(root, args), { maxBuffer: 1 << 30 });
  if (r.status !== 0) throw failure(args, r.stderr?.toString('utf8') ?? '');
  return new Entries(r.stdout);
}

/**
 * The four listings, in the order collect() takes them: the index, the tracked files that differ
 * from it (deleted, or changed by git's stat rule), untracked files, ignored ones.
 */
const LISTINGS = [
  ['ls-files', '-z', '-s'],
  ['diff-files', '-z', '--name-status', '--relative'],
  ['ls-files', '-z', '--others', '--exclude-standard'],
  ['ls-files', '-z', '--others', '--ignored', '--exclude-standard'],
];

/** The file named by bytes [from, to) of a listing. */
function fileAt(root: string, listing: Buffer, from: number, to: number): TreeFile {
  const path = listing.toString('utf8', from, to);
  // A name that is not valid UTF-8 is opened by its bytes.
  return path.includes('\uFFFD') ? { path, rawLocation: joinLocation(root, listing.subarray(from, to)) as Buffer } : { path };
}

/**
 * Lists a work tree with git, the listings run side by side. `withBlobs`: ask git which tracked
 * files changed since the index was written (`git diff-files`, git's own stat rule, racy entries
 * included) and hand out the index's blob id for the others.
 */
export async function listWorkTree(root: string, result: WalkResult, withBlobs: boolean): Promise<void> {
  const top = realpathSync(root);
  collect(top, await Promise.all(LISTINGS.map((a) => gitZ(top, a))), result, withBlobs);
}

/** The same, one listing after the other (for callers that cannot wait). */
export function listWorkTreeSync(root: string, result: WalkResult, withBlobs = false): void {
  const top = realpathSync(root);
  collect(
    top,
    LISTINGS.map((a) => gitZSync(top, a)),
    result,
    withBlobs,
  );
}

function collect(top: string, [staged, differing, others, ignored]: Entries[], result: WalkResult, withBlobs: boolean): void {
  // diff-files --name-status -z: a status letter, then the path.
  const gone = new Set<string>();
  const changed = new Set<string>();
  const diff = differing!.bytes;
  for (let i = 0; i + 1 < differing!.length; i += 2) {
    const path = diff.toString('utf8', differing!.start(i + 1), differing!.end(i + 1));
    (diff[differing!.start(i)] === 68 /* D */ ? gone : changed).add(path);
  }
  let conflicted: Set<string> | undefined;
  const index = staged!.bytes;
  for (let i = 0; i < staged!.length; i++) {
    // "<mode> <blob> <stage>\t<path>" (a SHA-1 id: 40 hex digits); a conflicted path appears once per stage.
    const at = staged!.start(i);
    const tab = index.indexOf(9, at);
    const f = fileAt(top, index, tab + 1, staged!.end(i));
    if (index[tab - 1] !== 48 /* stage 0 */) {
      conflicted ??= new Set();
      if (conflicted.has(f.path)) continue;
      conflicted.add(f.path);
    }
    if (gone.size && gone.has(f.path)) continue;
    const mode = index.toString('latin1', at, at + 6);
    if (mode === '160000') result.submodules++;
    else if (mode === '120000') result.symlinks++;
    else {
      if (withBlobs && !changed.has(f.path)) f.blob = index.toString('latin1', at + 7, tab - 2);
      result.files.push(f);
    }
  }
  for (let i = 0; i < others!.length; i++) {
    const f = fileAt(top, others!.bytes, others!.start(i), others!.end(i));
    // Untracked entries are what is on disk: a link is never followed, a FIFO never opened.
    try {
      const s = lstatSync(fileLocation(top, f));
      if (s.isSymbolicLink()) result.symlinks++;
      else if (s.isFile()) result.files.push(f);
      else result.special++;
    } catch {
      // vanished since git listed it
    }
  }
  result.ignored += ignored!.length;
  result.listedBy = 'git';
}
