// A tree on disk, listed as the project holds it: in a git work tree, what git tracks plus
// untracked files it does not ignore (work-tree.ts); elsewhere a walk, breadth of a directory at a
// time, that applies the .gitignore files it meets as ripgrep does. Symbolic links are never
// followed (nothing outside the tree is counted, and a link loop cannot hang the walk). `ignore:
// false` (--no-ignore) walks everything on disk.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import { FerrometerError } from '../core/errors.js';
import { byPath } from '../core/types.js';
import { readRegularFile } from './read-file.js';
import { joinLocation, type WalkResult } from './listing.js';
import { isInWorkTree, listWorkTreeSync } from './work-tree.js';

export interface WalkOptions {
  /** Leave out what git ignores (default); false: everything on disk (--no-ignore). */
  ignore?: boolean;
  /** Only files the caller wants (the Rust audit wants ~500 of ~95 K): others are not even tested against the ignore rules. */
  want?: (path: string) => boolean;
}

/** Directories never scanned: version-control metadata, not source. */
const IGNORED_DIRECTORIES = new Set(['.git']);

/** Throws a one-line error unless root is a directory; `what` names what was expected there. */
export function assertDirectory(root: string, what = 'the root of a source tree'): void {
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new FerrometerError('ENOTFOUND_PATH', `path does not exist: ${root}`, `give ${what}`);
  }
  if (!isDir) throw new FerrometerError('ENOTDIR_TREE', `not a directory: ${root}`, `give ${what}`);
}

/** The ignore package, loaded when a .gitignore is first met: answering for one file never needs it. */
let makeIgnore: ((options: { allowRelativePaths: boolean }) => Ignore) | undefined;
function ignoreRules(): Ignore {
  makeIgnore ??= createRequire(import.meta.url)('ignore') as (options: { allowRelativePaths: boolean }) => Ignore;
  return makeIgnore({ allowRelativePaths: true });
}

/** The .gitignore rules of one directory, for paths below it. */
interface IgnoreLayer {
  base: string;
  test: (relativePath: string) => { ignored: boolean; unignored: boolean };
}

/** The package's test of one path against its rules alone, where this version of it has one. */
type RuleTest = (path: string, mode: 'regex') => { ignored: boolean; unignored: boolean };

/**
 * A path against one .gitignore, without the package's walk up the path's parents. That walk (and
 * its cache of every path tested: for the top .gitignore, every path in the tree) is a third of a
 * kernel tree's walk, and is not needed here: the walk never enters an ignored directory, so each
 * parent was tested, as a directory, when it was met. The package keeps the one-path test as
 * `_rules.test`; if a version lacks it, its public test (parents and all) answers the same.
 */
function layerTest(rules: Ignore): IgnoreLayer['test'] {
  const inner = (rules as unknown as { _rules?: { test?: RuleTest } })._rules;
  if (typeof inner?.test === 'function') {
    const test = inner.test.bind(inner);
    return (path) => test(path, 'regex');
  }
  return (path) => rules.test(path);
}

function readIgnoreFile(dirPath: string, location: string | Buffer): IgnoreLayer | undefined {
  let text: string;
  try {
    const bytes = readRegularFile(
      typeof location === 'string' ? `${location}/.gitignore` : Buffer.concat([location, Buffer.from('/.gitignore')]),
      `${dirPath || '.'}/.gitignore`,
      1 << 20,
    );
    if (!bytes) return undefined;
    text = bytes.toString('utf8');
  } catch {
    // A .gitignore that is a FIFO, a device or huge is not a rule set: the directory is walked without it.
    return undefined;
  }
  return { base: dirPath, test: layerTest(ignoreRules().add(text)) };
}

/** Whether the layers (outermost first) ignore a path; a deeper layer's "!" can take a path back. */
function isIgnored(layers: IgnoreLayer[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const l of layers) {
    const rel = (l.base ? path.slice(l.base.length + 1) : path) + (isDir ? '/' : '');
    const r = l.test(rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Walks the tree one directory per step, so that a caller can hand out the files found so far
 * between steps. Files come in walk order; sort them if order matters. (A git work tree is listed
 * by git in one step instead: see listTree.)
 */
export function* walkSteps(root: string, result: WalkResult, options: WalkOptions = {}): Generator<void> {
  assertDirectory(root);
  const useIgnore = options.ignore !== false;
  const pending: { path: string; location: string | Buffer; layers: IgnoreLayer[] }[] = [{ path: '', location: root, layers: [] }];
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
    let layers = dir.layers;
    if (useIgnore && entries.some((e) => String(e.name) === '.gitignore')) {
      const layer = readIgnoreFile(dir.path, dir.location);
      const withLayer = layer && [...layers, layer];
      // A .gitignore that hides every entry of its own directory (Debian's packaged kernel adds "/*"
      // to the top one) would make a silent zero: its rules are left out, and that is said.
      const hidesAll =
        withLayer &&
        entries.every((e) => isIgnored(withLayer, dir.path ? `${dir.path}/${String(e.name)}` : String(e.name), e.isDirectory()));
      if (hidesAll) {
        result.warnings.push({
          path: dir.path ? `${dir.path}/.gitignore` : '.gitignore',
          message: 'its rules hide every entry of its directory; left out, the directory is counted (--no-ignore walks everything)',
        });
      } else if (withLayer) layers = withLayer;
    }
    for (const entry of entries) {
      const name = entry.name;
      const nameText = typeof name === 'string' ? name : name.toString('utf8');
      const path = dir.path ? `${dir.path}/${nameText}` : nameText;
      if (entry.isDirectory()) {
        if (IGNORED_DIRECTORIES.has(nameText)) continue;
        if (layers.length && isIgnored(layers, path, true)) result.ignored++;
        else pending.push({ path, location: joinLocation(dir.location, name), layers });
      } else if (options.want && !options.want(path)) {
      } else if (layers.length && isIgnored(layers, path, false)) {
        result.ignored++;
      } else if (entry.isFile()) {
        // Only a name that is not valid UTF-8 (here or above) needs its bytes kept; others open as root/path.
        result.files.push(
          typeof name === 'string' && typeof dir.location === 'string'
            ? { path }
            : { path, rawLocation: joinLocation(dir.location, name) as Buffer },
        );
      } else if (entry.isSymbolicLink()) {
        result.symlinks++;
      } else {
        result.special++;
      }
    }
    yield;
  }
  result.listedBy = 'walk';
}

export function emptyWalk(): WalkResult {
  return { files: [], symlinks: 0, special: 0, submodules: 0, ignored: 0, listedBy: 'walk', warnings: [] };
}

/** Whether a tree is listed by git: a directory inside a git work tree, unless --no-ignore. */
export function listedByGit(root: string, options: WalkOptions = {}): boolean {
  return options.ignore !== false && isInWorkTree(root);
}

/** The whole tree at once, files sorted by path: git's listing of a work tree, else a walk. */
export function walkTree(root: string, options: WalkOptions = {}): WalkResult {
  const result = emptyWalk();
  assertDirectory(root);
  if (listedByGit(root, options)) listWorkTreeSync(root, result);
  else for (const _ of walkSteps(root, result, options));
  result.files.sort(byPath);
  return result;
}
