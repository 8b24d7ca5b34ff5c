// A few files of a tree, picked by path, with their git blob ids and bytes: the Rust audit reads
// ~500 of a kernel's ~95 K files. From a directory (hashed here, as git would) or from a revision
// (one `git cat-file --batch` for all of them).
import { readFileSync, statSync } from 'node:fs';
import { byPath } from '../core/types.js';
import { blobId } from './git-object.js';
import { walkTree } from './fs-tree.js';
import { fileLocation } from './listing.js';
import { CatFile, listTree, openRepo, resolveRevision, type Revision } from './git.js';

export interface SelectedFile {
  path: string;
  blob: string;
  bytes: Buffer;
}

export interface Selection {
  /** The directory, or "directory@revision". */
  label: string;
  revision?: Revision;
  files: SelectedFile[];
  /** Selected files larger than maxFileSize, left out. */
  tooLarge: string[];
  /** Selected files that could not be read (permissions, vanished while walking). */
  unreadable: string[];
  /** Directories that could not be read: what they hold is unknown, so they are named, as scan names them. */
  unreadableDirectories: string[];
}

export async function selectFiles(
  path: string,
  rev: string | undefined,
  keep: (path: string) => boolean,
  maxFileSize = Infinity,
  noIgnore = false,
): Promise<Selection> {
  const out: Selection = {
    label: rev === undefined ? path : `${path}@${rev}`,
    files: [],
    tooLarge: [],
    unreadable: [],
    unreadableDirectories: [],
  };
  if (rev === undefined) {
    // The same files a scan counts: git's view of a work tree, or a walk that applies .gitignore.
    const walk = walkTree(path, { ignore: !noIgnore, want: keep });
    out.unreadableDirectories = walk.warnings.filter((w) => w.message.startsWith('directory not readable')).map((w) => w.path);
    for (const f of walk.files) {
      if (!keep(f.path)) continue;
      let bytes: Buffer;
      try {
        // An oversized file is only stat'ed, never read.
        if (statSync(fileLocation(path, f)).size > maxFileSize) {
          out.tooLarge.push(f.path);
          continue;
        }
        bytes = readFileSync(fileLocation(path, f));
      } catch {
        out.unreadable.push(f.path);
        continue;
      }
      out.files.push({ path: f.path, blob: blobId(bytes).toString('hex'), bytes });
    }
  } else {
    const repo = openRepo(path);
    out.revision = resolveRevision(repo, rev);
    const wanted = listTree(repo, out.revision.commit).files.filter((f) => keep(f.path));
    const cat = new CatFile(repo.gitDir);
    try {
      await cat.read(
        wanted.map((f) => f.blob),
        (n) => Buffer.allocUnsafe(n),
        (i, bytes) => {
          const f = wanted[i]!;
          if (bytes.length > maxFileSize) out.tooLarge.push(f.path);
          else out.files.push({ path: f.path, blob: f.blob, bytes });
        },
      );
    } finally {
      cat.close();
    }
  }
  out.files.sort(byPath);
  return out;
}
