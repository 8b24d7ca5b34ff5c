// Options every tree-reading command shares: --db / --no-store (where facts are cached), -j,
// --max-file-size and --no-ignore. Light on purpose: declaring them loads neither SQLite nor a scanner.
import { Option, type Command } from 'commander';
import { DEFAULT_MAX_FILE_SIZE } from '../core/sizes.js';
import { defaultStorePath } from '../store/location.cjs';
import { parseJobs, parseSize } from './options.js';

export interface StoreFlags {
  db: string;
  store: boolean;
}

export interface SourceFlags extends StoreFlags {
  maxFileSize: number;
  /** commander's --no-ignore: false means count ignored files too. */
  ignore: boolean;
  jobs?: number;
}

/** --db and --no-store: where facts are cached, or not at all. */
export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option(
      '--db <path>',
      'the fact store (SQLite); default $FERROMETER_DB or ~/.cache/ferrometer/store.db',
      process.env.FERROMETER_DB || defaultStorePath(),
    )
    .option('--no-store', 'neither read nor write the fact store');
}

export function addSourceOptions(cmd: Command): Command {
  return addStoreOptions(cmd)
    .addOption(
      new Option('--max-file-size <size>', 'skip (and count) files larger than this')
        .argParser(parseSize)
        .default(DEFAULT_MAX_FILE_SIZE, '64M'),
    )
    .option('-j, --jobs <n>', 'counting threads, the main one included (default: one per core)', parseJobs)
    .option('--no-ignore', 'a directory: count what git (or .gitignore files) ignores too: build outputs, generated files');
}
