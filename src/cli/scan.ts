// `ferrometer scan TREE`: line counts of a tree, by language, directory or file.
import type { Command } from 'commander';
import type { Grouping } from '../analyze/rollup.js';
import { DEFAULT_MAX_FILE_SIZE, scanTree } from '../analyze/scan.js';
import { renderScan, type Format } from '../report/scan.js';
import { parseBy, parseFormat, parseJobs, parseSize } from './options.js';
import { progressBar } from './progress.js';
import { printWarnings } from './warnings.js';

interface ScanFlags {
  by: Grouping;
  format: Format;
  maxFileSize: number;
  jobs?: number;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('count code, comment and blank lines of a source tree (C, Rust, assembly… as data/languages.json defines them)')
    .argument('<tree>', 'root directory of the tree (e.g. a kernel checkout)')
    .option('--by <grouping>', 'language | dir[:DEPTH] | file', parseBy, { kind: 'language' } as Grouping)
    .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format)
    .option('--max-file-size <size>', 'skip (and count) files larger than this', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('-j, --jobs <n>', 'worker threads (default: one per core)', parseJobs)
    .action(async (tree: string, flags: ScanFlags) => {
      const progress = progressBar('scan');
      const result = await scanTree(tree, { jobs: flags.jobs, maxFileSize: flags.maxFileSize, onProgress: progress.update }).finally(() =>
        progress.stop(),
      );
      process.stdout.write(renderScan(result, flags.by, flags.format));
      printWarnings(result.warnings);
    });
}
