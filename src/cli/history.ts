// `ferrometer history REPO --revs LIST`: one row per revision, oldest first, and where Rust appeared.
import { writeResult } from './output.js';
import { provenance } from './provenance.js';
import { lineExtractorVersion } from '../extract/file-facts.js';
import { Option, type Command } from 'commander';
import { rustExtractorVersion } from '../extract/rust/facts.js';
import { history, selectRevisions } from '../analyze/code/history.js';
import type { Grouping } from '../analyze/code/rollup.js';
import { FerrometerError } from '../core/errors.js';
import { renderHistory } from '../report/history.js';
import type { Format } from '../report/format.js';
import { openRepo } from '../source/git.js';
import { parseBy, parseFormat, parseTargetDate } from './options.js';
import { MEASURES, parseMeasures, type Measure } from '../analyze/code/measures.js';
import { printWarnings } from './warnings.js';
import { addSourceOptions, scanOptions, withStore, type SourceFlags } from './source.js';

interface HistoryFlags extends SourceFlags {
  revs: string;
  measures: Measure[];
  forecast?: string;
  includeRc: boolean;
  by?: Grouping;
  format: Format;
}

export function registerHistory(program: Command): void {
  const cmd = program
    .command('history')
    .description(
      'line counts (and with --measures every measure) per revision, oldest first: the Rust share, where Rust first appeared, where it is heading',
    )
    .argument('<repo>', 'a git repository (bare or not)')
    .requiredOption('--revs <list>', "revisions, comma-separated; globs match tags ('v6.*')")
    .option('--include-rc', 'let globs match release candidates (-rcN) too', false)
    .option('--by <grouping>', 'dir[:DEPTH]: add per-directory rows (the adoption map uses the same depth, else 2)', parseBy)
    .addOption(
      new Option('--measures <list>', `what to measure per revision: ${MEASURES.join(', ')} or all, comma-separated`)
        .argParser(parseMeasures)
        .default(['lines'], 'lines'),
    )
    .option(
      '--forecast <date>',
      'project own Rust code, its share and the sections with Rust to YYYY[-MM[-DD]], with a backtest',
      parseTargetDate,
    )
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
          // The forecast projects the sections holding Rust: the rust measure gives them.
          measures: flags.forecast && !flags.measures.includes('rust') ? [...flags.measures, 'rust'] : flags.measures,
          forecastAt: flags.forecast,
          dirDepth: flags.by?.kind === 'dir' ? flags.by.depth : undefined,
          onRevision: (rev, i, n) => {
            if (process.stderr.isTTY) process.stderr.write(`\r${rev.name} (${i + 1}/${n})\x1b[K\n`);
          },
        });
      } finally {
        options.done();
      }
    });
    printWarnings(result.warnings.map((message) => ({ path: repoPath, message })));
    writeResult(
      renderHistory(
        result,
        flags.format,
        byDir,
        provenance(
          { lines: lineExtractorVersion(), ...(result.measures.some((m) => m !== 'lines') ? { rust: rustExtractorVersion() } : {}) },
          repoPath,
          revisions.map((r) => ({ name: r.name, commit: r.commit })),
        ),
      ),
      flags.format,
    );
  });
}
