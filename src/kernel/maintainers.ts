// A tree's MAINTAINERS, .mailmap and get_maintainer.pl dialect, loaded once and compiled into the index.
import { FerrometerError } from '../core/errors.js';
import { compareText } from '../core/types.js';
import type { KernelTree } from '../source/kernel-tree.js';
import {
  decodeParse,
  encodeParse,
  fieldsOf,
  PARSE_FORMAT,
  parseMaintainers,
  type FileWarning,
  type MaintainersFile,
  type ParseSource,
  type Section,
} from './maintainers-file.js';
import { dialectOf, MaintainersIndex, searchAids } from './maintainers-index.js';
import { Mailmap } from './mailmap.js';

export interface TreeMaintainers {
  tree: KernelTree;
  file: MaintainersFile;
  index: MaintainersIndex;
  mailmap: Mailmap;
  /** Lines of MAINTAINERS the parser or the pattern compiler did not accept, by line. */
  warnings: FileWarning[];
}

/**
 * The options a tree's .get_maintainer.conf gives its script that change which MAINTAINERS files it
 * reads: u-boot's asks for every file named MAINTAINERS under the tree (--find-maintainer-files
 * --maintainer-path=.). Other options there concern git and output, which the command line sets.
 */
export function maintainerFilesConf(text: string | undefined): { findFiles: boolean; path: string } {
  const words = (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => {
      const ws = l.split(/\s+/);
      const comment = ws.findIndex((w) => w.startsWith('#'));
      return comment === -1 ? ws : ws.slice(0, comment);
    });
  let findFiles = false;
  let path = 'MAINTAINERS';
  for (const [i, w] of words.entries()) {
    if (w === '--find-maintainer-files') findFiles = true;
    else if (w === '--no-find-maintainer-files' || w === '--nofind-maintainer-files') findFiles = false;
    const m = /^--(?:maintainer-path|mpath)(?:=(.*))?$/.exec(w);
    if (m) path = m[1] ?? words[i + 1] ?? path;
  }
  return { findFiles, path: path.replace(/^\.\/?/, '').replace(/\/$/, '') };
}

/**
 * MAINTAINERS as the tree's script reads it: the file, or with the tree's .get_maintainer.conf
 * asking for it, every MAINTAINERS file under the maintainer path, one after the other (the script
 * appends them to one list of lines), in the order its file search finds them.
 */
export function readMaintainersText(tree: KernelTree): string {
  return textOf(readMaintainersFiles(tree));
}

const textOf = (source: ParseSource) => source.text ?? source.bytes!.toString('utf8');

/**
 * The text of several files, or one file's bytes (a kept parse then decodes only the values it
 * reads), and where each file's lines begin (for warnings that name the file).
 */
function readMaintainersFiles(tree: KernelTree): ParseSource & {
  parts: { path: string; firstLine: number }[];
  identity?: { key: string; settled: boolean };
} {
  const conf = maintainerFilesConf(tree.read('.get_maintainer.conf'));
  if (conf.findFiles && (conf.path === '' || tree.isDirectory(conf.path))) {
    const under = conf.path ? `${conf.path}/` : '';
    // On disk in the script's own order (ties between sections of equal depth follow it); else the top file first, then by path.
    const paths =
      tree.findOrder?.(conf.path, 'MAINTAINERS') ??
      tree
        .files()
        .filter((p) => p.startsWith(under) && (p === 'MAINTAINERS' || p.endsWith('/MAINTAINERS')))
        .sort((a, b) => Number(b === `${under}MAINTAINERS`) - Number(a === `${under}MAINTAINERS`) || compareText(a, b));
    const texts = paths.map((p) => tree.read(p) ?? '');
    const parts: { path: string; firstLine: number }[] = [];
    let line = 1;
    for (const [i, t] of texts.entries()) {
      parts.push({ path: paths[i]!, firstLine: line });
      line += t.split('\n').length + 1;
    }
    // A blank line between files: the script ignores blank lines, and a file's first section
    // should not read as a name line in the middle of the previous file's last section.
    if (texts.length) return { text: texts.join('\n\n'), parts };
  }
  const path = conf.path || 'MAINTAINERS';
  // Before the bytes: a change between the two then gives the next run another identity.
  const identity = tree.identity?.(path);
  const bytes = tree.readBytes(path);
  if (bytes === undefined) {
    throw new FerrometerError('ENO_MAINTAINERS', `no MAINTAINERS file in ${tree.label}`, 'give the top of a kernel tree');
  }
  return { parts: [{ path, firstLine: 1 }], bytes, identity };
}

/**
 * Where a parse of MAINTAINERS may be kept between runs: bytes by a key, tried in turn. `maintainers
 * FILE…` runs once per patch under --cc-cmd, and reading the 30 K lines again was the largest part
 * of what it did (~15 ms, the loop running before V8 compiles it).
 */
export interface ParseCache {
  /** The bytes kept for one of the keys, and which key it was. */
  read(keys: (string | Uint8Array)[][]): { value: Uint8Array; key: number } | undefined;
  write(key: (string | Uint8Array)[], bytes: Uint8Array): void;
}

/**
 * A parse kept for a settled file is keyed by the file's identity on disk (tree.identity): a copy
 * of its 0.9 MB in the key took ~2 ms more of each run to read. One of a file changed in the last
 * seconds (or of several files' text) is keyed by the bytes (or the text) whole, compared byte for
 * byte.
 */
function parseWith(source: ParseSource & { identity?: { key: string; settled: boolean } }, cache: ParseCache | undefined): MaintainersFile {
  if (!cache) return parseMaintainers(textOf(source));
  const format = `parse ${PARSE_FORMAT}`;
  const whole = [format, source.bytes ? 'bytes' : 'text', source.bytes ?? source.text!];
  const byIdentity = source.identity && source.bytes ? [format, 'file', source.identity.key] : undefined;
  const saved = cache.read(byIdentity ? [byIdentity, whole] : [whole]);
  const kept = saved && decodeParse(source, saved.value);
  const settled = byIdentity && source.identity!.settled;
  // Kept whole for a file that has settled since: kept again by its identity, for the next run.
  if (kept && settled && saved.key === 1) cache.write(byIdentity, saved.value);
  if (kept) return kept;
  const file = parseMaintainers(textOf(source));
  file.table.aids = searchAids(file.table);
  cache.write(settled ? byIdentity : whole, encodeParse(file, source.bytes));
  return file;
}

/** MAINTAINERS parsed, with the tree's .mailmap: all a comparison of releases needs. */
export function readMaintainers(tree: KernelTree, cache?: ParseCache): { file: MaintainersFile; mailmap: Mailmap } {
  const source = readMaintainersFiles(tree);
  const { parts } = source;
  const file = parseWith(source, cache);
  // A warning names the file and line it is about, when several files were read as one.
  const located = (w: FileWarning): FileWarning => {
    const part = [...parts].reverse().find((p) => p.firstLine <= w.line) ?? parts[0]!;
    return { ...w, line: w.line - part.firstLine + 1, ...(part.path !== 'MAINTAINERS' ? { file: part.path } : {}) };
  };
  file.warnings = file.warnings.map(located);
  return { file, mailmap: Mailmap.parse(tree.read('.mailmap')) };
}

/** MAINTAINERS parsed and compiled into the index, as the tree's own get_maintainer.pl would match it. */
export function loadMaintainers(tree: KernelTree, cache?: ParseCache): TreeMaintainers {
  const { file, mailmap } = readMaintainers(tree, cache);
  const index = new MaintainersIndex(file, dialectOf(tree.read('scripts/get_maintainer.pl')), (p) => tree.isDirectory(p));
  const warnings = [...file.warnings, ...index.warnings].sort((a, b) => a.line - b.line);
  return { tree, file, index, mailmap, warnings };
}

/** The catch-all section (THE REST): an F pattern of "*" or "*" plus a slash covers every path. */
export function isCatchAll(section: Section): boolean {
  return fieldsOf(section, 'F').some((f) => f.value.trim() === '*' || f.value.trim() === '*/');
}

/**
 * How every "by subsystem" view counts a file (unsafe, cves, maintainers --rust): once, under its
 * primary section. Said in words here so that each table can state it.
 */
export const BY_SUBSYSTEM_RULE =
  'each file counted once, under the most specific MAINTAINERS section that covers it (deepest F: pattern, as get_maintainer.pl orders them); THE REST does not count';

/** The sections that cover a path, most specific first, the catch-all left out. */
export function coveringSections(m: TreeMaintainers, path: string): Section[] {
  return m.index
    .match(path)
    .map((s) => m.file.section(s.section))
    .filter((s) => !isCatchAll(s));
}

/** The section a path is counted under by BY_SUBSYSTEM_RULE, or undefined when only the catch-all covers it. */
export function primarySection(m: TreeMaintainers, path: string): Section | undefined {
  return coveringSections(m, path)[0];
}
