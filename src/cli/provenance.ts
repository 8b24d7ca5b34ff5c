// The provenance a command puts first in its JSON: the package's version, the extractor versions
// it used, what it read.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Provenance } from '../report/json.js';
import { packageFile } from '../core/shipped-files.js';

let version: string | undefined;

export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** A tree on disk (`rev` undefined) or a repository read at revisions, with their commits. */
export function provenance(extractors: Record<string, string>, path: string, revisions?: { name: string; commit: string }[]): Provenance {
  const source: Provenance['source'] = revisions?.length
    ? { repository: resolve(path), revisions: revisions.map((r) => r.name), commits: revisions.map((r) => r.commit) }
    : { tree: resolve(path) };
  return { tool: 'ferrometer', version: toolVersion(), extractors, source };
}
