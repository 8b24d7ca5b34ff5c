// Paths to subsystems: the deepest MAINTAINERS section that covers a file, other than the catch-all.
import { isCatchAll } from '../analyze/maintainers-rust.js';
import { loadMaintainers } from '../kernel/maintainers.js';
import { openKernelTree } from '../source/kernel-tree.js';

export const NO_SECTION = '(no section)';

export function subsystemsOf(tree: string, rev: string | undefined): (path: string) => string {
  const m = loadMaintainers(openKernelTree(tree, rev));
  return (path) => {
    const section = m.index
      .match(path)
      .map((s) => m.file.sections[s.section]!)
      .find((s) => !isCatchAll(s));
    return section?.name ?? NO_SECTION;
  };
}
