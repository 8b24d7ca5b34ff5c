// `ferrometer report TREE -o FILE`: one self-contained HTML page of every analysis; `ferrometer
// serve TREE`: the same page on 127.0.0.1, behind a random token, rebuilt when the inputs change.
import { timingSafeEqual, createHash, randomBytes } from 'node:crypto';
import { readFileSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { createServer } from 'node:http';
import type { Command } from 'commander';
import { shippedCatalogue } from '../analyze/claims/catalogue.js';
import { readOverview, type OverviewSources } from '../analyze/overview/overview.js';
import { FerrometerError } from '../core/errors.js';
import { CVE_RECORD_VERSION } from '../extract/cve-record.js';
import { lineExtractorVersion } from '../extract/file-facts.js';
import { rustExtractorVersion } from '../extract/rust/facts.js';
import { renderHtml } from '../report/html.js';
import { addReleaseInputs } from './claims.js';
import { parsePositive } from './options.js';
import { writeStdout } from './output.js';
import { progressBar } from './progress.js';
import { provenance } from './provenance.js';
import { addSourceOptions, withStore, type SourceFlags } from './source.js';
import { packageFile } from '../core/shipped-files.js';

interface ReportFlags extends SourceFlags {
  also: string[];
  revs?: string;
  vulns?: string;
  vulnsRev?: string;
  today?: string;
  output?: string;
  port?: number;
}

/** The page script bundled at build time (scripts/build-report.js). */
function pageScript(): string {
  try {
    return readFileSync(packageFile('dist/web/page.js'), 'utf8');
  } catch {
    throw new FerrometerError('ENOTFOUND_PATH', 'the report page script is not built', 'run `npm run build`');
  }
}

async function buildPage(tree: string, flags: ReportFlags): Promise<string> {
  const script = pageScript();
  const sources: OverviewSources = {
    tree,
    also: flags.also,
    revs: flags.revs,
    vulns: flags.vulns,
    vulnsRev: flags.vulnsRev,
    today: flags.today ?? new Date().toISOString().slice(0, 10),
    catalogue: shippedCatalogue(),
  };
  const progress = progressBar('report');
  const overview = await withStore(flags, (store) =>
    readOverview(sources, {
      store,
      jobs: flags.jobs,
      maxFileSize: flags.maxFileSize,
      noIgnore: flags.ignore === false,
      onProgress: progress.update,
    }),
  ).finally(progress.stop);
  const prov = provenance(
    { lines: lineExtractorVersion(), rust: rustExtractorVersion(), ...(flags.vulns ? { cves: `cve-record:${CVE_RECORD_VERSION}` } : {}) },
    tree,
    overview.inputs.revision ? [overview.inputs.revision] : undefined,
  );
  return renderHtml(overview, script, prov);
}

function inputOptions(cmd: Command): Command {
  return addSourceOptions(addReleaseInputs(cmd, 'the CVE panel and claims'));
}

/** Equal-length digests, so that comparing them takes the same time whatever the guess. */
const digest = (s: string) => createHash('sha256').update(s).digest();

export function registerReport(program: Command): void {
  inputOptions(
    program
      .command('report')
      .description(
        'one self-contained HTML page of every analysis: claims, languages, the tree, unsafe, bindings, MAINTAINERS, people, CVEs',
      )
      .option('-o, --output <file>', 'write the page here (default: stdout)'),
  ).action(async (tree: string, flags: ReportFlags) => {
    const html = await buildPage(tree, flags);
    if (flags.output) {
      try {
        writeFileSync(flags.output, html);
      } catch (e) {
        throw new FerrometerError(
          'EBAD_OPTION',
          `cannot write ${flags.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
      process.stderr.write(`wrote ${flags.output} (${Math.round(html.length / 1024)} KB)\n`);
    } else writeStdout(html);
  });

  inputOptions(
    program
      .command('serve')
      .description('the report page on 127.0.0.1 behind a random token, rebuilt when the inputs change')
      .option('--port <n>', 'the port (default: any free one)', parsePositive),
  ).action(async (tree: string, flags: ReportFlags) => {
    const token = randomBytes(24).toString('base64url');
    let page = await buildPage(tree, flags);
    let stale = false;
    // Without a working watch (too many directories for inotify, a watched directory gone), every request rebuilds.
    let unwatched = false;
    const server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const given = url.searchParams.get('token') ?? '';
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (!timingSafeEqual(digest(given), digest(token))) {
        res.writeHead(403, { 'Content-Type': 'text/plain' }).end('forbidden: the URL needs the token ferrometer printed\n');
        return;
      }
      if (url.pathname !== '/') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
        return;
      }
      try {
        if (stale || unwatched) {
          stale = false;
          page = await buildPage(tree, flags);
        }
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
      } catch (e) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`ferrometer: ${(e as Error).message}\n`);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new FerrometerError(
            'EBAD_OPTION',
            `cannot listen on 127.0.0.1:${flags.port ?? 0}: ${e.code ?? e.message}`,
            'choose another --port',
          ),
        ),
      );
      server.listen(flags.port ?? 0, '127.0.0.1', resolve);
    });
    // Watched once the server is up: a failed listen leaves nothing running.
    const watchers: FSWatcher[] = [];
    for (const path of [tree, ...flags.also, ...(flags.vulns ? [flags.vulns] : [])]) {
      try {
        const w = watch(path, { recursive: true }, () => (stale = true));
        w.on('error', () => (unwatched = true));
        watchers.push(w);
      } catch {
        unwatched = true;
      }
    }
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : flags.port;
    writeStdout(`http://127.0.0.1:${port}/?token=${token}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        for (const w of watchers) w.close();
        server.close(() => resolve());
      };
      process.once('SIGTERM', stop);
    });
  });
}
