// `ferrometer cves VULNS`: the kernel's CVEs per year, language, subsystem and memory-safety class,
// from a clone of the kernel CNA's vulns repository; with --kernel, MAINTAINERS sections and the
// unsafe sites of the Rust files a CVE names.
import { writeResult } from './output.js';
import { provenance } from './provenance.js';
import { CVE_RECORD_VERSION } from '../extract/cve-record.js';
import type { Command } from 'commander';
import { loadCves } from '../analyze/cves/cve-corpus.js';
import { analyzeCves, LANGUAGE_FILTERS, PERIODS, type CveViewOptions, type LanguageFilter, type Period } from '../analyze/cves/cves.js';
import { renderCves } from '../report/cves.js';
import type { Format } from '../report/format.js';
import { parseChoice, parseDay, parseFormat, parseJobs } from './options.js';
import { progressBar } from './progress.js';
import { addSourceOptions, readRustSource, withStore, type SourceFlags } from './source.js';
import { subsystems } from './subsystems.js';

interface CveFlags extends SourceFlags {
  rev?: string;
  lang?: LanguageFilter;
  on?: string;
  per?: Period;
  kernel?: string;
  kernelRev?: string;
  list: boolean;
  top: number;
  format: Format;
}

/** YYYY, YYYY-MM or YYYY-MM-DD, a real date. */
export function registerCves(program: Command): void {
  const cmd = program
    .command('cves')
    .description("the kernel's CVEs by year, language (C, Rust, mixed, asm), subsystem and memory-safety class")
    .argument('<vulns>', "a clone of the kernel CNA's vulns repository (or a plain copy: no dates)")
    .option('--rev <revision>', 'read the records at this revision of the vulns clone (default HEAD)')
    .option('--lang <lang>', `only CVEs touching files of this language (${LANGUAGE_FILTERS.join(', ')}), listed`, (v: string) =>
      parseChoice(LANGUAGE_FILTERS)(v.toLowerCase()),
    )
    .option('--on <date>', 'only CVEs published that day (or month, or year): YYYY[-MM[-DD]]', parseDay)
    .option('--per <period>', 'rows of the count table: year | month | day (default: year; a day with --on)', parseChoice(PERIODS))
    .option('--kernel <tree>', 'a kernel tree: MAINTAINERS sections as subsystems, and the unsafe sites of Rust CVE files')
    .option('--kernel-rev <revision>', 'read the kernel tree at this revision of the git repository --kernel names')
    .option('--list', 'list every selected CVE (implied by --lang); with --format csv, one row per CVE instead of one per period', false)
    .option('--top <n>', 'subsystems shown', parseJobs, 15)
    .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format);
  addSourceOptions(cmd).action(async (vulns: string, flags: CveFlags) => {
    const progress = progressBar('cves');
    const corpus = await withStore(flags, (store) => loadCves(vulns, { rev: flags.rev, store, onProgress: progress.update })).finally(
      progress.stop,
    );
    let kernel: Pick<CveViewOptions, 'subsystemOf' | 'unsafeSitesOf'> = {};
    if (flags.kernel !== undefined) {
      const subsystemOf = subsystems(flags.kernel, flags.kernelRev, false).subsystemOf;
      const rust = await readRustSource(flags.kernel, flags.kernelRev, flags);
      const sites = new Map(rust.files.map((f) => [f.path, f.facts.sites]));
      kernel = { subsystemOf, unsafeSitesOf: (path) => sites.get(path) };
    }
    const result = analyzeCves(corpus, {
      lang: flags.lang,
      on: flags.on,
      list: flags.list || flags.lang !== undefined,
      ...kernel,
    });
    const source = corpus.source.commit ? [{ name: flags.rev ?? 'HEAD', commit: corpus.source.commit }] : undefined;
    const prov = provenance({ cves: `cve-record:${CVE_RECORD_VERSION}` }, vulns, source);
    writeResult(renderCves(result, flags.format, { per: flags.per ?? (flags.on ? 'day' : 'year'), top: flags.top }, prov), flags.format);
  });
}
