// `ferrometer unsafe TREE [--rev R]`: every unsafe site of the tree's Rust, and whether it is documented.
import { writeResult } from './output.js';
import { visible } from '../report/visible.js';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseGrouping } from '../analyze/code/rollup.js';
import { auditUnsafe, isFailing, type UnsafeGrouping } from '../analyze/rust/unsafe.js';
import { FerrometerError } from '../core/errors.js';
import { renderUnsafe, siteLine } from '../report/unsafe.js';
import type { Format } from '../report/format.js';
import { parseFormat } from './options.js';
import { addSourceOptions, readRustSource, type SourceFlags, rustProvenance } from './source.js';
import { subsystems } from './subsystems.js';

interface UnsafeFlags extends SourceFlags {
  rev?: string;
  by: UnsafeGrouping;
  list: boolean;
  failUndocumented: boolean;
  format: Format;
}

function parseUnsafeBy(v: string): UnsafeGrouping {
  if (v === 'subsystem') return { kind: v };
  const g = parseGrouping(v);
  if (g && g.kind !== 'language') return g;
  throw new InvalidArgumentError('expected file, dir[:DEPTH] or subsystem (MAINTAINERS sections)');
}

export function registerUnsafe(program: Command): void {
  const cmd = program
    .command('unsafe')
    .description('every unsafe block, fn, impl, trait, extern block and macro use in the Rust code; which carry their SAFETY comment')
    .argument('<tree>', 'root directory of a kernel tree, or of a git repository with --rev')
    .option('--rev <revision>', 'read this revision from the git repository at <tree>, without a checkout')
    .addOption(
      new Option('--by <grouping>', 'file | dir[:DEPTH] | subsystem')
        .argParser(parseUnsafeBy)
        .default({ kind: 'dir', depth: 2 } as UnsafeGrouping, 'dir:2'),
    )
    .option('--list', 'print every site: path:line kind documented?', false)
    .option('--fail-undocumented', 'exit 1 if an own, non-generated unsafe block lacks a SAFETY comment', false)
    .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format);
  addSourceOptions(cmd).action(async (tree: string, flags: UnsafeFlags) => {
    const rust = await readRustSource(tree, flags.rev, flags);
    const result = auditUnsafe(rust, flags.by, flags.by.kind === 'subsystem' ? subsystems(tree, flags.rev, false).subsystemOf : undefined);
    writeResult(renderUnsafe(result, flags.format, flags.list, rustProvenance(tree, rust)), flags.format);
    if (flags.failUndocumented && result.undocumentedUnsafeBlocks > 0) {
      for (const s of result.sites.filter(isFailing)) process.stderr.write(`${visible(siteLine(s))}\n`);
      throw new FerrometerError('EFINDINGS', `${result.undocumentedUnsafeBlocks} unsafe blocks lack a SAFETY comment`, undefined, 1);
    }
  });
}
