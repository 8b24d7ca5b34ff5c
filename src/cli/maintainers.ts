// `ferrometer maintainers TREE -f FILE…` (get_maintainer.pl's answer), `--rust` (who keeps the Rust
// code) and `maintainers diff A B` (who came, who left).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { FerrometerError } from '../core/errors.js';
import { getMaintainer } from '../kernel/get-maintainer.js';
import { loadMaintainers } from '../kernel/maintainers.js';
import { renderGetMaintainer } from '../report/maintainers.js';
import { openKernelTree } from '../source/kernel-tree.js';

interface MaintainersFlags {
  file?: string[];
  rev?: string;
  keywordsInFile?: boolean;
  format: 'text' | 'json';
}

function parseTextFormat(v: string): 'text' | 'json' {
  if (v === 'text' || v === 'json') return v;
  throw new InvalidArgumentError('expected text or json');
}

/** A path as get_maintainer.pl takes it: relative to the tree, "./" and doubled slashes dropped. */
export function treePath(path: string, isDirectory: (p: string) => boolean): string {
  let p = path.replace(/\/{2,}/g, '/').replace(/^(\.\/)+/, '').replace(/\/\.(?=\/|$)/g, '');
  if (p.startsWith('/')) throw new FerrometerError('EBAD_OPTION', `give -f paths relative to the tree: ${path}`);
  if (isDirectory(p) && !p.endsWith('/')) p += '/';
  return p;
}

export function registerMaintainers(program: Command): void {
  program
    .command('maintainers')
    .description('who maintains what, from MAINTAINERS: get_maintainer.pl answers (-f), the Rust code (--rust), changes between releases (diff)')
    .argument('<tree>', 'a kernel tree, or a git repository with --rev')
    .option('-f, --file <paths...>', 'files or directories (relative to the tree) to answer for, as get_maintainer.pl --no-git -f does')
    .option('--rev <revision>', 'read MAINTAINERS and the tree at this revision of the git repository at <tree>')
    .option('--keywords-in-file', "also match K: patterns against the files' contents (default: as the tree's own get_maintainer.pl)")
    .option('--no-keywords-in-file', 'never match K: patterns against contents')
    .option('--format <format>', 'text | json', parseTextFormat, 'text' as const)
    .action((treeArg: string, flags: MaintainersFlags) => {
      const tree = openKernelTree(treeArg, flags.rev);
      const m = loadMaintainers(tree);
      for (const w of m.warnings.slice(0, 20)) process.stderr.write(`warning: MAINTAINERS:${w.line}: ${w.message}\n`);
      if (!flags.file?.length) throw new FerrometerError('EBAD_OPTION', 'say what to answer for: -f FILE…');
      const paths = flags.file.map((f) => {
        const p = treePath(f, tree.isDirectory);
        if (!p.endsWith('/') && tree.read(p) === undefined) throw new FerrometerError('ENOTFOUND_PATH', `file '${f}' not found in ${tree.label}`);
        return p;
      });
      const answer = getMaintainer(m.index, m.mailmap, paths, { keywordsInFile: flags.keywordsInFile, readFile: (p) => tree.read(p) });
      process.stdout.write(renderGetMaintainer(answer, m.file, flags.format));
    });
}
