// `ferrometer scan TREE [--rev R]`: line counts of a tree, by language, directory or file.
import { writeResult } from './output.js';
import { provenance } from './provenance.js';
import { lineExtractorVersion } from '../extract/file-facts.js';
import { Option, type Command } from 'commander';
import type { Grouping } from '../analyze/code/rollup.js';
import type { Format } from '../report/format.js';
import { renderScan } from '../report/scan.js';
import { parseBy, parseFormat } from './options.js';
import { addSourceOptions, scanSource, withStore, type SourceFlags } from './source.js';
import { printWarnings } from './warnings.js';

interface ScanFlags extends SourceFlags {
  by: Grouping;
  format: Format;
  rev?: string;
}

export function registerScan(program: Command): void {
  const cmd = program
    .command('scan')
    .description('count code, comment and blank lines of a source tree (C, Rust, assembly… as data/languages.json defines them)')
    .argument('<tree>', 'root directory of the tree, or of a git repository with --rev')
    .option('--rev <revision>', 'read this revision (tag, branch, commit) from the git repository at <tree>, without a checkout')
    .addOption(
      new Option('--by <grouping>', 'language | dir[:DEPTH] | file')
        .argParser(parseBy)
        .default({ kind: 'language' } as Grouping, 'language'),
    )
    .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format);
  addSourceOptions(cmd).action(async (tree: string, flags: ScanFlags) => {
    // A table by language needs no per-file list: the scan only sums.
    const keepFiles = flags.by.kind !== 'language';
    const result = await withStore(flags, (store) => scanSource(tree, flags.rev, flags, store, keepFiles));
    const from = result.revision ? [result.revision] : undefined;
    writeResult(renderScan(result, flags.by, flags.format, provenance({ lines: lineExtractorVersion() }, tree, from)), flags.format);
    printWarnings(result.warnings);
  });
}
