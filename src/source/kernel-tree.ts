// A kernel tree as the MAINTAINERS engine needs it: single files by path, whether a path is a
// directory (get_maintainer.pl asks the file system), and the list of files. On disk, or at a
// revision of a git repository, read from its objects.
import { existsSync, opendirSync, statSync, type Dir } from 'node:fs';
import { join } from 'node:path';
import { fileIdentity } from '../core/file-identity.cjs';
import { listDirectories, listTree, openRepo, readPathAt, resolveRevision, type Revision } from './git.js';
import { assertDirectory, walkTree } from './fs-tree.js';
import { readRegularFile } from './read-file.js';

export interface KernelTree {
  /** The directory, or "directory@revision". */
  label: string;
  revision?: Revision;
  /** A file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** A file's bytes, or undefined when there is no such file. */
  readBytes(path: string): Buffer | undefined;
  isDirectory(path: string): boolean;
  /**
   * On disk: a file's identity (device, inode, size, modification and change times) and whether it
   * is settled (neither time within the last SETTLED_MS, so any later change gives another
   * identity); undefined when there is no such file. Taken before the file is read.
   */
  identity?(path: string): { key: string; settled: boolean } | undefined;
  /** Every file's path (symbolic links and submodules left out), in no set order. */
  files(): string[];
  /**
   * On disk: the files named `name` under a directory in the order Perl's File::Find visits them
   * (a directory's entries in the order the file system gives them, its subdirectories after, the
   * last one first), which is the order a script that searches for files reads them in.
   */
  findOrder?(under: string, name: string): string[];
}

/**
 * How old a file's times must be for its identity to stand for its bytes: a change within the same
 * tick of a coarse clock (FAT keeps two seconds) would leave them as they were (git's "racily
 * clean" entries).
 */
export const SETTLED_MS = 3000;

export function diskTree(root: string): KernelTree {
  assertDirectory(root);
  // A missing file is undefined; a FIFO, a device or a huge file is a one-line error, never a hang.
  const readBytes = (path: string) => readRegularFile(join(root, path), path);
  return {
    label: root,
    read: (path) => readBytes(path)?.toString('utf8'),
    readBytes,
    isDirectory(path) {
      // Asked of every F pattern that could match (get_maintainer.pl's -d, which follows links),
      // most of them no path at all ("drivers/irqchip/irq-gic.*\.[ch]"). With a slash after it, a
      // path exists only as a directory (or a link to one): one access(2), no Stats object and no
      // exception, half the time of a stat.
      return existsSync(`${join(root, path)}/`);
    },
    identity(path) {
      const s = statSync(join(root, path), { throwIfNoEntry: false });
      if (!s?.isFile()) return undefined;
      const settled = Math.max(s.mtimeMs, s.ctimeMs) < Date.now() - SETTLED_MS;
      return { key: fileIdentity(s), settled };
    },
    files: () => walkTree(root).files.map((f) => f.path),
    findOrder: (under, name) => findOrder(root, under, name),
  };
}

function findOrder(root: string, under: string, name: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    let handle: Dir;
    try {
      handle = opendirSync(join(root, dir));
    } catch {
      return;
    }
    const subdirectories: string[] = [];
    try {
      for (let e = handle.readSync(); e; e = handle.readSync()) {
        const path = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (e.name !== '.git') subdirectories.push(path);
        } else if (e.name === name && e.isFile()) out.push(path);
      }
    } finally {
      handle.closeSync();
    }
    for (const d of subdirectories.reverse()) visit(d);
  };
  visit(under);
  return out;
}

export function revisionTree(path: string, rev: string): KernelTree {
  const repo = openRepo(path);
  const revision = resolveRevision(repo, rev);
  let directories: Set<string> | undefined;
  return {
    label: `${path}@${rev}`,
    revision,
    read: (p) => readPathAt(repo, revision.commit, p)?.toString('utf8'),
    readBytes: (p) => readPathAt(repo, revision.commit, p),
    isDirectory(p) {
      directories ??= listDirectories(repo, revision.commit);
      return directories.has(p.replace(/\/+$/, ''));
    },
    files: () => listTree(repo, revision.commit).files.map((f) => f.path),
  };
}

/** A directory on disk, or a revision of the repository there when rev is given. */
export function openKernelTree(path: string, rev?: string): KernelTree {
  return rev === undefined ? diskTree(path) : revisionTree(path, rev);
}
