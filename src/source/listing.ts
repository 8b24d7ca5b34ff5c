// What a listing of a tree on disk gives: the files to count and what was left out, and why.
import type { ScanWarning } from '../core/types.js';

export interface TreeFile {
  /** POSIX path relative to the root; names that are not valid UTF-8 are shown lossily. */
  path: string;
  /**
   * What to open when the name is not valid UTF-8 (its exact bytes, root included); any other file
   * is opened as `${root}/${path}` (fileLocation): one string per file, kept for a whole scan,
   * would be ~10 MB of the main thread's heap for a kernel tree.
   */
  rawLocation?: Buffer;
  /**
   * In a git work tree, when git finds the file unchanged since the index was written: where the
   * blob id the index holds for it lies in WalkResult.indexBlobs (entry n: bytes 20n to 20n + 20).
   */
  indexBlob?: number;
}

/** dir/name, as bytes when either is (a name that is not valid UTF-8 is opened by its bytes). */
export function joinLocation(dir: string | Buffer, name: string | Buffer): string | Buffer {
  if (typeof dir === 'string' && typeof name === 'string') return `${dir}/${name}`;
  return Buffer.concat([Buffer.from(dir), Buffer.from('/'), Buffer.from(name)]);
}

/** Where to open a file listed under root. */
export function fileLocation(root: string, file: { path: string; rawLocation?: Buffer }): string | Buffer {
  return file.rawLocation ?? `${root}/${file.path}`;
}

export interface WalkResult {
  files: TreeFile[];
  symlinks: number;
  special: number;
  submodules: number;
  /** Files left out because git (or a .gitignore) ignores them. */
  ignored: number;
  /** How the files were found: git's listing of a work tree, or a walk of the directory. */
  listedBy: 'git' | 'walk';
  warnings: ScanWarning[];
  /**
   * The index's blob ids, 20 bytes each, packed in one buffer (TreeFile.indexBlob): as a string
   * per file they were ~5 MB of a kernel work tree scan's heap, against 1.7 MB here.
   */
  indexBlobs?: Buffer;
}
