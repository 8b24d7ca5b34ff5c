// Small repositories in the layout of the kernel CNA's vulns repository, built in a temp dir: CVE
// JSON 5 records shaped like the real ones (a git range and a release range per branch).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git, makeRepo } from './git.js';

export interface FixtureCve {
  id: string;
  title: string;
  description: string;
  files: string[];
  fix?: string;
  cvss?: number;
}

const OPENING = 'In the Linux kernel, the following vulnerability has been resolved:\n\n';

/** A record as the CNA writes it (fields ferrometer does not use are kept, to be ignored). */
export function cveJson(c: FixtureCve): string {
  const fix = c.fix ?? 'f'.repeat(40);
  return JSON.stringify(
    {
      containers: {
        cna: {
          providerMetadata: { orgId: 'f4215fc3-5b6b-47ff-a258-f7189bd81038' },
          descriptions: [{ lang: 'en', value: `${OPENING}${c.title}\n\n${c.description}` }],
          ...(c.cvss
            ? {
                metrics: [
                  {
                    cvssV3_1: {
                      version: '3.1',
                      vectorString: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
                      baseScore: c.cvss,
                      baseSeverity: 'HIGH',
                    },
                  },
                ],
              }
            : {}),
          affected: [
            {
              product: 'Linux',
              vendor: 'Linux',
              defaultStatus: 'unaffected',
              programFiles: c.files,
              versions: [{ version: 'a'.repeat(40), lessThan: fix, status: 'affected', versionType: 'git' }],
            },
            {
              product: 'Linux',
              vendor: 'Linux',
              defaultStatus: 'affected',
              programFiles: c.files,
              versions: [
                { version: '6.12', status: 'affected' },
                { version: '0', lessThan: '6.12', status: 'unaffected', versionType: 'semver' },
                { version: '6.12.9', lessThanOrEqual: '6.12.*', status: 'unaffected', versionType: 'semver' },
                { version: '6.13', lessThanOrEqual: '*', status: 'unaffected', versionType: 'original_commit_for_fix' },
              ],
            },
          ],
          references: [{ url: `https://example.org/c/${fix}` }],
          title: c.title,
          x_generator: { engine: 'fixture' },
        },
      },
      cveMetadata: { assignerOrgId: 'f4215fc3-5b6b-47ff-a258-f7189bd81038', cveId: c.id, state: 'PUBLISHED' },
      dataType: 'CVE_RECORD',
      dataVersion: '5.1.1',
    },
    null,
    3,
  );
}

export function recordPath(id: string, state: 'published' | 'rejected' = 'published'): string {
  return `cve/${state}/${id.split('-')[1]}/${id}.json`;
}

export class VulnsRepo {
  readonly dir = makeRepo();

  write(path: string, text: string): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), text);
    return this;
  }

  /** A record with its `.sha1` file and the mbox text beside it, as the CNA publishes one. */
  publish(c: FixtureCve, state: 'published' | 'rejected' = 'published'): this {
    const path = recordPath(c.id, state);
    this.write(path, cveJson(c));
    this.write(path.replace(/\.json$/, '.sha1'), `${c.fix ?? 'f'.repeat(40)}\n`);
    return this.write(path.replace(/\.json$/, '.mbox'), `From: fixture\nSubject: ${c.id}: ${c.title}\n`);
  }

  remove(id: string, state: 'published' | 'rejected' = 'published'): this {
    const path = recordPath(id, state).replace(/\.json$/, '');
    for (const ext of ['.json', '.sha1', '.mbox']) rmSync(join(this.dir, path + ext), { force: true });
    return this;
  }

  commit(date: string, message = 'records'): string {
    git(this.dir, ['add', '-A'], date);
    git(this.dir, ['commit', '-q', '--allow-empty', '-m', message], date);
    return git(this.dir, ['rev-parse', 'HEAD']).trim();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
