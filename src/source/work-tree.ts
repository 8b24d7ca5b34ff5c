// The files of a git work tree as git sees them: tracked files (with the blob id the index holds
// for each, when git finds the file unchanged since the index was written) and untracked files
// that are not ignored (`--exclude-standard`), so that build outputs never count. Ignored files
// are counted, not listed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileLocation, joinLocation, type TreeFile, type WalkResult } from './listing.js';
import { readFailure } from './git.js';

/** Whether a directory is inside a git work tree (and not inside a .git directory). */
export function isInWorkTree(root: string): boolean {
  // git finds a repository by a .git entry in the directory or one above it, or by GIT_DIR. With
  // neither, it is not asked: starting it took ~15 ms of each scan of a directory outside git.
  if (process.env.GIT_DIR === undefined && !hasGitEntryAbove(root)) return false;
  const r = spawnSync('git', ['-C', root, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'true';
}

function hasGitEntryAbove(root: string): boolean {
  let dir: string;
  try {
    dir = realpathSync(root);
  } catch {
    return true; // git will say what is wrong
  }
  for (;;) {
    if (existsSync(join(dir, '.git'))) return true;
    const up = dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
}

/** One entry of a NUL-separated git listing: bytes [from, to) of a buffer, valid during the call. */
type EntrySink = (bytes: Buffer, from: number, to: number) => void;

const gitArgs = (root: string, args: string[]) => ['-C', root, '-c', 'core.quotePath=false', ...args];
const failure = (args: string[], stderr: string) =>
  readFailure(`git ${args[0]} failed`, stderr, 'the work tree or its index may be damaged; or give --no-ignore to walk the directory');

/**
 * Runs a git listing and hands each entry to `entry` as the output arrives. The output is never
 * held whole: a kernel's index listing is ~9 MB, and held until its listing was read it outlived
 * the young generation, so it stayed in memory through the whole scan that followed (~10 MB of a
 * work tree scan's peak). An entry cut by the end of a chunk is copied out and completed.
 */
function gitEntries(root: string, args: string[], entry: EntrySink): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('git', gitArgs(root, args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let cut: Buffer | undefined;
    let err = '';
    p.stdout.on('data', (chunk: Buffer) => {
      let at = 0;
      if (cut) {
        const nul = chunk.indexOf(0);
        if (nul === -1) {
          cut = Buffer.concat([cut, chunk]);
          return;
        }
        const whole = Buffer.concat([cut, chunk.subarray(0, nul)]);
        cut = undefined;
        if (whole.length) entry(whole, 0, whole.length);
        at = nul + 1;
      }
      at = entriesOf(chunk, at, entry);
      if (at < chunk.length) cut = Buffer.from(chunk.subarray(at));
    });
    p.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(failure(args, err));
      if (cut?.length) entry(cut, 0, cut.length);
      resolve();
    });
  });
}

/** The entries of bytes from `at` on that end in a NUL, each handed to `entry`; where the rest begins. */
function entriesOf(bytes: Buffer, at: number, entry: EntrySink): number {
  for (let nul = bytes.indexOf(0, at); nul !== -1; nul = bytes.indexOf(0, at)) {
    if (nul > at) entry(bytes, at, nul);
    at = nul + 1;
  }
  return at;
}

function gitEntriesSync(root: string, args: string[], entry: EntrySink): void {
  const r = spawnSync('git', gitArgs(root, args), { maxBuffer: 1 << 30 });
  if (r.status !== 0) throw failure(args, r.stderr?.toString('utf8') ?? '');
  const at = entriesOf(r.stdout, 0, entry);
  if (at < r.stdout.length) entry(r.stdout, at, r.stdout.length);
}

/**
 * The four listings: the index (`-t` tags each entry: "S" for one outside a sparse checkout), the
 * tracked files that differ from it (deleted, or changed by git's stat rule), untracked files,
 * ignored ones. The index and the untracked files in one listing (`-t -s --others`) cost less CPU
 * but no less time: git writes the untracked files first, after its walk, and the index entries
 * that this thread reads as they come were then read only after it (6.12 rescan: 1.02 s either
 * way, 11 interleaved). One `git status --porcelain=v2 --ignored` would give the last three in one
 * walk of the tree (0.55 s of CPU against 0.8), but it hashes again every file whose stat changed:
 * a copied or touched tree took it 5.6 s on one core, where diff-files names such files in 0.6 s
 * and the scan hashes them on every thread as it counts.
 */
const LISTINGS = [
  ['ls-files', '-z', '-t', '-s'],
  ['diff-files', '-z', '--name-status', '--relative'],
  ['ls-files', '-z', '--others', '--exclude-standard'],
  ['ls-files', '-z', '--others', '--ignored', '--exclude-standard'],
];

/** The listings' git arguments for a work tree whose top is `top`, as they are run here (bench/rescan-floor.js runs the same). */
export function workTreeListings(top: string): string[][] {
  return LISTINGS.map((args) => gitArgs(top, args));
}

/** The value of each hex digit, by its byte (git writes ids in lower case). */
const HEX = new Uint8Array(256);
for (let d = 0; d < 16; d++) HEX['0123456789abcdef'.charCodeAt(d)] = d;

/**
 * The file named by bytes [from, to) of a listing, with where its blob id lies, if known. The
 * object is made with every property it will have: one added later goes to a property array of its
 * own, ~40 bytes a file (~3.5 MB of a kernel work tree's listing, held through the whole scan).
 */
function fileAt(root: string, listing: Buffer, from: number, to: number, indexBlob?: number): TreeFile {
  const path = listing.toString('utf8', from, to);
  // A name that is not valid UTF-8 is opened by its bytes.
  if (path.includes('\uFFFD')) return { path, rawLocation: joinLocation(root, listing.subarray(from, to)) as Buffer, indexBlob };
  return indexBlob === undefined ? { path } : { path, indexBlob };
}

/**
 * The four listings read entry by entry, in any order, and put together when all are in: a
 * tracked file git reports deleted is left out, one it reports changed has no blob id.
 */
class WorkTreeListing {
  private readonly tracked: TreeFile[] = [];
  /** Tracked symbolic links and submodules: counted, not listed. */
  private readonly trackedLinks: { path: string; submodule: boolean }[] = [];
  private readonly untracked: TreeFile[] = [];
  private readonly gone = new Set<string>();
  private readonly changed = new Set<string>();
  private conflicted: Set<string> | undefined;
  private status: number | undefined;
  private ignored = 0;
  /** The index's blob ids, 20 bytes each, in a buffer that doubles as they come. */
  private blobs = Buffer.allocUnsafe(0);
  private blobCount = 0;
  private submodules = 0;
  private symlinks = 0;
  private special = 0;
  /** One sink per listing, in LISTINGS order. */
  readonly sinks: EntrySink[] = [
    (b, from, to) => this.taggedEntry(b, from, to),
    (b, from, to) => this.differingEntry(b, from, to),
    (b, from, to) => this.untrackedEntry(b, from, to),
    () => this.ignored++,
  ];

  constructor(
    private readonly top: string,
    private readonly withBlobs: boolean,
  ) {}

  /** "H <entry>" (or "M" when conflicted); "S <entry>" for one outside a sparse checkout, which is not in the work tree. */
  private taggedEntry(listing: Buffer, from: number, to: number): void {
    if (listing[from] !== 83 /* S */) this.indexEntry(listing, from + 2, to);
  }

  /** "<mode> <blob> <stage>\t<path>" (a SHA-1 id: 40 hex digits); a conflicted path appears once per stage. */
  private indexEntry(index: Buffer, at: number, end: number): void {
    const tab = index.indexOf(9, at);
    // Read as bytes, not strings (two per entry, ~170 K for a kernel): the mode is 100644 or 100755
    // for a file, 120000 for a symbolic link, 160000 for a submodule.
    const submodule = index[at + 1] === 54; /* 6 */
    const link = submodule || index[at + 1] === 50; /* 2 */
    const f = fileAt(this.top, index, tab + 1, end, this.withBlobs && !link ? this.addBlob(index, at + 7) : undefined);
    if (index[tab - 1] !== 48 /* stage 0 */) {
      this.conflicted ??= new Set();
      if (this.conflicted.has(f.path)) return;
      this.conflicted.add(f.path);
    }
    if (link) this.trackedLinks.push({ path: f.path, submodule });
    else this.tracked.push(f);
  }

  /** Packs the blob id written in hex at bytes[at] (its first 20 bytes, as the store keeps ids); its number. */
  private addBlob(bytes: Buffer, at: number): number {
    if ((this.blobCount + 1) * 20 > this.blobs.length) {
      const grown = Buffer.alloc(Math.max(20 * 1024, this.blobs.length * 2));
      this.blobs.copy(grown);
      this.blobs = grown;
    }
    const to = this.blobCount * 20;
    for (let i = 0; i < 20; i++) this.blobs[to + i] = (HEX[bytes[at + 2 * i]!]! << 4) | HEX[bytes[at + 2 * i + 1]!]!;
    return this.blobCount++;
  }

  /** diff-files --name-status -z: a status letter, then the path. */
  private differingEntry(diff: Buffer, from: number, to: number): void {
    if (this.status === undefined) {
      this.status = diff[from];
      return;
    }
    (this.status === 68 /* D */ ? this.gone : this.changed).add(diff.toString('utf8', from, to));
    this.status = undefined;
  }

  private untrackedEntry(listing: Buffer, from: number, to: number): void {
    const f = fileAt(this.top, listing, from, to);
    // Untracked entries are what is on disk: a link is never followed, a FIFO never opened.
    try {
      const s = lstatSync(fileLocation(this.top, f));
      if (s.isSymbolicLink()) this.symlinks++;
      else if (s.isFile()) this.untracked.push(f);
      else this.special++;
    } catch {
      // vanished since git listed it
    }
  }

  /** Everything listed, into result: tracked files first, in the index's order, then untracked ones. */
  finish(result: WalkResult): void {
    for (const f of this.tracked) {
      if (this.gone.size && this.gone.has(f.path)) continue;
      if (f.indexBlob !== undefined && this.changed.has(f.path)) f.indexBlob = undefined;
      result.files.push(f);
    }
    for (const link of this.trackedLinks) {
      if (this.gone.size && this.gone.has(link.path)) continue;
      if (link.submodule) this.submodules++;
      else this.symlinks++;
    }
    // One at a time: spread into push, a few hundred thousand untracked files overflow the stack.
    for (const f of this.untracked) result.files.push(f);
    result.submodules += this.submodules;
    result.symlinks += this.symlinks;
    result.special += this.special;
    result.ignored += this.ignored;
    result.listedBy = 'git';
    if (this.blobCount > 0) result.indexBlobs = this.blobs.subarray(0, this.blobCount * 20);
  }
}

/**
 * Lists a work tree with git, the listings run side by side. `withBlobs`: ask git which tracked
 * files changed since the index was written (`git diff-files`, git's own stat rule, racy entries
 * included) and hand out the index's blob id for the others.
 */
export async function listWorkTree(root: string, result: WalkResult, withBlobs: boolean): Promise<void> {
  const top = realpathSync(root);
  const listing = new WorkTreeListing(top, withBlobs);
  await Promise.all(LISTINGS.map((args, i) => gitEntries(top, args, listing.sinks[i]!)));
  listing.finish(result);
}

/** The same, one listing after the other (for callers that cannot wait). */
export function listWorkTreeSync(root: string, result: WalkResult, withBlobs = false): void {
  const top = realpathSync(root);
  const listing = new WorkTreeListing(top, withBlobs);
  for (const [i, args] of LISTINGS.entries()) gitEntriesSync(top, args, listing.sinks[i]!);
  listing.finish(result);
}
