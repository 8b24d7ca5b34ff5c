// What a listing of a tree on disk gives: the files to count and what was left out, and why.
import type { ScanWarning } from '../core/types.js';

export interface TreeFile {
  /** POSIX path relative to the root; names that are not valid UTF-8 are shown lossily. */
  path: string;
  /** What to open: a string, or the exact bytes when a name is not valid UTF-8. */
  location: string | Buffer;
  /** In a git work tree: the blob id the index holds, when git finds the file unchanged. */
  blob?: string;
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
}
