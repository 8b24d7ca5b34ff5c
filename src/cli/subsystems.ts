// Paths to subsystems by the one rule (kernel/maintainers.ts BY_SUBSYSTEM_RULE); a tree without
// MAINTAINERS falls back to two directory levels where the caller allows it.
import { directoryPrefix } from '../analyze/code/rollup.js';
import { FerrometerError } from '../core/errors.js';
import { loadMaintainers, primarySection, type TreeMaintainers } from '../kernel/maintainers.js';
import { openKernelTree } from '../source/kernel-tree.js';
import { printMaintainersWarnings } from './warnings.js';

export const NO_SECTION = '(no section)';

export interface Subsystems {
  subsystemOf: (path: string) => string;
  /** Undefined when the tree has no MAINTAINERS and directories stand in. */
  maintainers?: TreeMaintainers;
}

export function subsystems(tree: string, rev: string | undefined, fallBackToDirectories: boolean): Subsystems {
  let m: TreeMaintainers;
  try {
    m = loadMaintainers(openKernelTree(tree, rev));
  } catch (e) {
    if (fallBackToDirectories && e instanceof FerrometerError && e.code === 'ENO_MAINTAINERS')
      return { subsystemOf: (p) => directoryPrefix(p, 2) };
    throw e;
  }
  printMaintainersWarnings(m);
  return {
    maintainers: m,
    subsystemOf: (path) => primarySection(m, path)?.name ?? NO_SECTION,
  };
}
