// A tree's MAINTAINERS, .mailmap and get_maintainer.pl dialect, loaded once and compiled into the index.
import { FerrometerError } from '../core/errors.js';
import type { KernelTree } from '../source/kernel-tree.js';
import { fieldsOf, parseMaintainers, type FileWarning, type MaintainersFile, type Section } from './maintainers-file.js';
import { dialectOf, MaintainersIndex } from './maintainers-index.js';
import { Mailmap } from './mailmap.js';

export interface TreeMaintainers {
  tree: KernelTree;
  file: MaintainersFile;
  index: MaintainersIndex;
  mailmap: Mailmap;
  /** Lines of MAINTAINERS the parser or the pattern compiler did not accept, by line. */
  warnings: FileWarning[];
}

export function readMaintainersText(tree: KernelTree): string {
  const text = tree.read('MAINTAINERS');
  if (text === undefined) {
    throw new FerrometerError('ENO_MAINTAINERS', `no MAINTAINERS file in ${tree.label}`, 'give the top of a kernel tree');
  }
  return text;
}

/** MAINTAINERS parsed, with the tree's .mailmap: all a comparison of releases needs. */
export function readMaintainers(tree: KernelTree): { file: MaintainersFile; mailmap: Mailmap } {
  return { file: parseMaintainers(readMaintainersText(tree)), mailmap: Mailmap.parse(tree.read('.mailmap')) };
}

/** MAINTAINERS parsed and compiled into the index, as the tree's own get_maintainer.pl would match it. */
export function loadMaintainers(tree: KernelTree): TreeMaintainers {
  const { file, mailmap } = readMaintainers(tree);
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
    .map((s) => m.file.sections[s.section]!)
    .filter((s) => !isCatchAll(s));
}

/** The section a path is counted under by BY_SUBSYSTEM_RULE, or undefined when only the catch-all covers it. */
export function primarySection(m: TreeMaintainers, path: string): Section | undefined {
  return coveringSections(m, path)[0];
}
