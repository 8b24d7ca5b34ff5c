// A tree's MAINTAINERS, .mailmap and get_maintainer.pl dialect, loaded once and compiled into the index.
import { FerrometerError } from '../core/errors.js';
import type { KernelTree } from '../source/kernel-tree.js';
import { parseMaintainers, type FileWarning, type MaintainersFile } from './maintainers-file.js';
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
