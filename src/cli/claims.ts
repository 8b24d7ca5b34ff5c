// `ferrometer claims TREE [--also TREE…] [--vulns DIR]`: every claim of the catalogue recomputed
// from the trees (or a clone's release tags) and the kernel CNA's records, with a verdict.
import type { Command } from 'commander';
import { shippedCatalogue, parseCatalogue } from '../analyze/claims/catalogue.js';
import { checkClaims } from '../analyze/claims/claims.js';
import { readClaimInputs } from '../analyze/claims/gather.js';
import { VERDICTS, type Verdict } from '../analyze/claims/verdicts.js';
import { FerrometerError } from '../core/errors.js';
import { CVE_RECORD_VERSION } from '../extract/cve-record.js';
import { lineExtractorVersion } from '../extract/file-facts.js';
import { rustExtractorVersion } from '../extract/rust/facts.js';
import { renderClaims } from '../report/claims.js';
import type { Format } from '../report/format.js';
import { readRegularFile } from '../source/read-file.js';
import { parseChoice, parseFormat, parseTargetDate } from './options.js';
import { writeResult } from './output.js';
import { progressBar } from './progress.js';
import { provenance } from './provenance.js';
import { addSourceOptions, withStore, type SourceFlags } from './source.js';

interface ClaimsFlags extends SourceFlags {
  also: string[];
  revs?: string;
  vulns?: string;
  vulnsRev?: string;
  catalogue?: string;
  today?: string;
  authors: boolean;
  failOn?: Verdict;
  format: Format;
}

function readCatalogue(path: string) {
  const bytes = readRegularFile(path, path);
  if (!bytes) throw new FerrometerError('ENOTFOUND_PATH', `no such catalogue: ${path}`);
  return parseCatalogue(bytes.toString('utf8'), path);
}

/** The inputs claims and report share: the tree (or clone), older trees, the vulns clone, the date. `vulnsUse`: what the vulns give. */
export function addReleaseInputs(cmd: Command, vulnsUse: string): Command {
  return cmd
    .argument('<tree>', 'a kernel tree, or a git clone whose release tags (v6.1 on) are read')
    .option('--also <trees...>', 'more kernel trees on disk (older releases): MAINTAINERS across releases, growth, first releases', [])
    .option('--revs <list>', "with a clone: the revisions to read (default: every release tag from v6.1); globs match tags ('v6.*')")
    .option('--vulns <dir>', `a clone of the kernel CNA's vulns repository: ${vulnsUse}`)
    .option('--vulns-rev <revision>', 'read the vulns clone at this revision (default HEAD)')
    .option('--today <date>', 'the date claims about the future are judged on (default: today), YYYY[-MM[-DD]]', parseTargetDate);
}

export function registerClaims(program: Command): void {
  const cmd = addReleaseInputs(
    program
      .command('claims')
      .description('the numbers the articles state about Rust in Linux, recomputed from primary sources, each with a verdict'),
    'the CVE claims',
  )
    .option('--catalogue <file>', 'check the claims of this catalogue (JSON, as data/claims.json) instead of the shipped one')
    .option('--no-authors', 'with a clone: skip reading its history for the Rust authors per release')
    .option('--fail-on <verdict>', `exit 1 when any claim gets this verdict (${VERDICTS.join(', ')})`, parseChoice(VERDICTS))
    .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format);
  addSourceOptions(cmd).action(async (tree: string, flags: ClaimsFlags) => {
    const catalogue = flags.catalogue ? readCatalogue(flags.catalogue) : shippedCatalogue();
    const today = flags.today ?? new Date().toISOString().slice(0, 10);
    const progress = progressBar('claims');
    const inputs = await withStore(flags, (store) =>
      readClaimInputs(
        { tree, also: flags.also, revs: flags.revs, vulns: flags.vulns, vulnsRev: flags.vulnsRev, today, authors: flags.authors },
        {
          store,
          jobs: flags.jobs,
          maxFileSize: flags.maxFileSize,
          noIgnore: flags.ignore === false,
          onProgress: progress.update,
          onRelease: (name, i, n) => {
            if (process.stderr.isTTY) process.stderr.write(`\r${name} (${i + 1}/${n})\x1b[K\n`);
          },
        },
      ),
    ).finally(progress.stop);
    const result = checkClaims(catalogue, inputs);
    const read = result.releases.filter((r) => r.commit).map((r) => ({ name: r.name, commit: r.commit! }));
    const prov = provenance(
      {
        lines: lineExtractorVersion(),
        rust: rustExtractorVersion(),
        ...(result.vulns ? { cves: `cve-record:${CVE_RECORD_VERSION}` } : {}),
      },
      tree,
      read.length ? read : undefined,
    );
    writeResult(renderClaims(result, flags.format, prov), flags.format);
    if (flags.failOn && result.counts[flags.failOn] > 0)
      throw new FerrometerError('EFINDINGS', `${result.counts[flags.failOn]} claims are ${flags.failOn}`, undefined, 1);
  });
}
