// `ferrometer people REPO --revs LIST`: who writes, reviews and signs off the code of a scope, per
// release interval, from git history.
import { writeResult } from './output.js';
import { provenance } from './provenance.js';
import type { Command } from 'commander';
import { selectRevisions } from '../analyze/code/history.js';
import {
  intervalsOf,
  LOG_VERSION,
  maintainersFileAt,
  peopleHistory,
  peopleScope,
  type IntervalSpec,
} from '../analyze/people/people-history.js';
import { FerrometerError } from '../core/errors.js';
import { loadEmployers } from '../kernel/employers.js';
import { renderPeople } from '../report/people.js';
import type { Format } from '../report/format.js';
import { openRepo, resolveRevision, type Revision } from '../source/git.js';
import { parseFormat, parsePositive } from './options.js';
import { addStoreOptions, withStore, type StoreFlags } from './source.js';

interface PeopleFlags extends StoreFlags {
  revs?: string;
  includeRc: boolean;
  since?: string;
  until?: string;
  rev?: string;
  rust: boolean;
  paths: string[];
  section?: string;
  top: number;
  quietAfter: number;
  gitdm: boolean;
  employers: string[];
  format: Format;
}

const collect = (v: string, all: string[]) => [...all, v];

export function registerPeople(program: Command): void {
  const cmd = program
    .command('people')
    .description('who writes, reviews and signs off the code, per release interval, from git history (gitdm-style)')
    .argument('<repo>', 'a git repository (bare or not)')
    .option(
      '--revs <list>',
      "revisions, comma-separated, oldest first after sorting; globs match tags ('v6.*'); each interval is B minus A",
    )
    .option('--include-rc', 'let globs match release candidates (-rcN) too', false)
    .option('--since <date>', 'one interval: commits of --rev (default HEAD) committed since this date')
    .option('--until <date>', 'with --since: and before this date')
    .option('--rev <revision>', 'with --since/--until: the revision whose history is read (default HEAD)')
    .option('--rust', 'only commits touching Rust (.rs files, anything under rust/); lines counted in those files', false)
    .option('--paths <path...>', 'only commits touching these paths; lines counted in them', [])
    .option('--section <name>', 'only commits touching files of this MAINTAINERS section (as of the last revision)')
    .option('--top <n>', 'rows of each top table', parsePositive, 20)
    .option('--quiet-after <n>', 'intervals without activity after which a contributor has gone quiet', parsePositive, 3)
    .option('--gitdm', "gitdm's reading: its trailer spellings only, lines starting with '+'/'-' not counted", false)
    .option(
      '--employers <file>',
      'an employer map (JSON, as data/employers.json) that takes precedence; repeatable',
      collect,
      [] as string[],
    )
    .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format);
  addStoreOptions(cmd).action(async (repoPath: string, flags: PeopleFlags) => {
    // The user's employer files are read first: a bad one is said before any history is read.
    const employers = loadEmployers(flags.employers);
    const repo = openRepo(repoPath);
    let specs: IntervalSpec[];
    let before: string[];
    let last: Revision;
    let first: Revision | undefined;
    let from: number;
    let read: Revision[];
    if (flags.revs !== undefined) {
      if (flags.since || flags.until || flags.rev)
        throw new FerrometerError('EBAD_OPTION', '--revs and --since/--until/--rev exclude each other');
      const revisions = selectRevisions(repo, flags.revs, flags.includeRc);
      specs = intervalsOf(revisions);
      before = [revisions[0]!.commit];
      last = revisions.at(-1)!;
      first = revisions[0]!;
      from = first.date;
      read = revisions;
    } else if (flags.since !== undefined) {
      last = resolveRevision(repo, flags.rev ?? 'HEAD');
      read = [last];
      const bounds = [`--since=${flags.since}`, ...(flags.until ? [`--until=${flags.until}`] : [])];
      specs = [{ label: `${flags.since}..${flags.until ?? last.name}`, to: last.name, revisions: [last.commit, ...bounds] }];
      before = [last.commit, `--until=${flags.since}`];
      const since = Date.parse(flags.since);
      from = Number.isNaN(since) ? last.date : Math.floor(since / 1000);
    } else {
      throw new FerrometerError(
        'EBAD_OPTION',
        'give --revs LIST (two revisions or more) or --since DATE',
        "e.g. --revs 'v6.*' or --since 2025-01-01",
      );
    }
    const scope = peopleScope(repo, last, { rust: flags.rust, paths: flags.paths, section: flags.section });
    const result = await withStore(flags, (store) =>
      peopleHistory(repo, specs, {
        scope,
        ...(scope.liveness ? { liveness: { ...scope.liveness, first: first && maintainersFileAt(repo, first), from, to: last.date } } : {}),
        gitdm: flags.gitdm,
        employers,
        top: flags.top,
        quietAfter: flags.quietAfter,
        store,
        mailmapAt: last.commit,
        before,
        onInterval: (spec, i, n) => {
          if (process.stderr.isTTY) process.stderr.write(`\r${spec.label} (${i + 1}/${n})\x1b[K`);
        },
      }),
    );
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const prov = provenance({ log: LOG_VERSION }, repoPath, read);
    writeResult(renderPeople(result, flags.format, prov), flags.format);
  });
}
