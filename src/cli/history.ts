// `ferrometer history REPO --revs LIST`: one row per revision, oldest first, and where Rust appeared.
import { writeResult } from './output.js';
import { provenance } from './provenance.js';
import { lineExtractorVersion } from '../extract/file-facts.js';
import type { Command } from 'commander';
import { history, selectRevisions } from '../analyze/history.js';
import type { Grouping } from '../analyze/rollup.js';
import { FerrometerError } from '../core/errors.js';
import { renderHistory } from '../report/history.js';
import type { Format } from '../report/format.js';
import { openRepo } from '../source/git.js';
import { parseBy, parseFormat } from './options.js';
import { addSourceOptions, scanOptions, withStore, type SourceFlags } from './source.js';

interface HistoryFlags extends SourceFlags {
  revs: string;
  includeRc: boolean;
  by?: Grouping;
  format: Format;
}

export function registerHistory(program: Command): void {
  const cmd = program
    .command('history')
    .description('line counts per revision, oldest first, with the Rust share and where Rust first appeared')
    .argument('<repo>', 'a git repository (bare or not)')
    .requiredOption('--revs <list>', "revisions, comma-separated; globs match tags ('v6.*')")
    .option('--include-rc', 'let globs match release candidates (-rcN) too', false)
    .option('--by <grouping>', 'dir[:DEPTH]: add per-directory rows (the adoption map uses the same depth, else 2)', parseBy)
    .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format);
  addSourceOptions(cmd).action(async (repoPath: string, flags: HistoryFlags) => {
    if (flags.by && flags.by.kind !== 'dir')
      throw new FerrometerError('EBAD_OPTION', `history --by takes dir[:DEPTH], not ${flags.by.kind}`);
    const repo = openRepo(repoPath);
    const revisions = selectRevisions(repo, flags.revs, flags.includeRc);
    const byDir = flags.by?.kind === 'dir';
    const result = await withStore(flags, async (store) => {
      const options = scanOptions(flags, store, 'history');
      try {
        return await history(repo, revisions, {
          ...options,
          dirDepth: flags.by?.kind === 'dir' ? flags.by.depth : undefined,
          onRevision: (rev, i, n) => {
            if (process.stderr.isTTY) process.stderr.write(`\r${rev.name} (${i + 1}/${n})\x1b[K\n`);
          },
        });
      } finally {
        options.done();
      }
    });
    writeResult(
      renderHistory(
        result,
        flags.format,
        byDir,
        provenance(
          { lines: lineExtractorVersion() },
          repoPath,
          revisions.map((r) => ({ name: r.name, commit: r.commit })),
        ),
      ),
      flags.format,
    );
  });
}
