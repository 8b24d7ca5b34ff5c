// The inputs of `claims`: the releases (a clone's release tags, or trees on disk), the vulns
// corpus, and with a clone the Rust authors per release interval. Everything comes through the
// same readers as the single commands, and from the store when it was read before.
import { realpathSync } from 'node:fs';
import { FerrometerError } from '../../core/errors.js';
import { compareText } from '../../core/types.js';
import { compareVersions, releaseOf } from '../../core/versions.js';
import { recordDescription } from '../../extract/cve-record.js';
import { loadEmployers } from '../../kernel/employers.js';
import { repoAt, resolveRevision, tagNames, type GitRepo, type Revision } from '../../source/git.js';
import { readRecordFile } from '../../source/vulns.js';
import { selectRevisions } from '../code/history.js';
import { loadCves } from '../cves/cve-corpus.js';
import { analyzeCves } from '../cves/cves.js';
import { intervalsOf, peopleHistory, peopleScope, type PeopleResult } from '../people/people-history.js';
import { byRelease, readRevisionRelease, readTreeRelease, type ReleaseFacts, type ReleaseReadOptions } from './releases.js';
import type { ClaimInputs, RustAuthorsFlow } from './verdicts.js';

export interface ClaimSources {
  /** A kernel tree, or a git clone with release tags. */
  tree: string;
  /** More trees (older releases), for a tree on disk. */
  also: string[];
  /** With a clone: the revisions to read (default: every release tag from v6.1, the first with Rust). */
  revs?: string;
  vulns?: string;
  vulnsRev?: string;
  /** YYYY-MM-DD. */
  today: string;
  /** With a clone: read its history for the Rust authors per release (default true). */
  authors?: boolean;
}

export interface GatherOptions extends ReleaseReadOptions {
  onRelease?: (name: string, index: number, count: number) => void;
}

/** The first release with Rust support: the release tags read by default start there. */
const FIRST_RUST_RELEASE = '6.1';

/** A clone's release tags (vMAJOR.MINOR) from 6.1 on, oldest first; none when it has none. */
export function releaseTags(repo: GitRepo): Revision[] {
  return tagNames(repo)
    .filter((t) => /^v\d+\.\d+$/.test(t) && compareVersions(releaseOf(t)!, FIRST_RUST_RELEASE) >= 0)
    .map((t) => resolveRevision(repo, t))
    .sort((a, b) => a.date - b.date || compareText(a.name, b.name));
}

/** `people --rust` over the release intervals of the tags: who writes the Rust, per release. */
export function rustPeople(repo: GitRepo, tags: Revision[], store: ReleaseReadOptions['store'], top: number): Promise<PeopleResult> {
  const last = tags.at(-1)!;
  return peopleHistory(repo, intervalsOf(tags), {
    scope: peopleScope(repo, last, { rust: true, paths: [] }),
    gitdm: false,
    employers: loadEmployers(),
    top,
    quietAfter: 3,
    store,
    mailmapAt: last.commit,
    before: [tags[0]!.commit],
  });
}

/**
 * Where the releases come from: a clone's release tags (`--revs`, else every one from v6.1), or,
 * when the tree is no clone or has none, the trees on disk. Said in one line: `--revs` without a
 * clone, `--also` with one, a bare clone without release tags (it has no tree on disk to read).
 */
export function releaseSource(sources: Pick<ClaimSources, 'tree' | 'also' | 'revs'>): { repo: GitRepo; tags: Revision[] } | undefined {
  const repo = repoAt(sources.tree);
  if (sources.revs && !repo)
    throw new FerrometerError('EBAD_OPTION', `--revs needs a git clone; ${sources.tree} is not one`, 'give --also TREE… for trees on disk');
  if (!repo) return undefined;
  const tags = sources.revs ? selectRevisions(repo, sources.revs, false) : releaseTags(repo);
  if (!tags.length) {
    if (realpathSync(repo.gitDir) === realpathSync(sources.tree))
      throw new FerrometerError(
        'ENO_MATCHING_TAGS',
        `${sources.tree} has no release tags from v${FIRST_RUST_RELEASE} on`,
        'give --revs LIST',
      );
    return undefined;
  }
  if (sources.also.length)
    throw new FerrometerError('EBAD_OPTION', '--also is for trees on disk; a clone gives its releases by tag', 'use --revs to choose them');
  return { repo, tags };
}

export async function readClaimInputs(sources: ClaimSources, options: GatherOptions): Promise<ClaimInputs> {
  const clone = releaseSource(sources);
  // The vulns first: a wrong path is said before the trees are read.
  const vulns = sources.vulns === undefined ? undefined : await readVulnsInput(sources.vulns, sources.vulnsRev, options.store);
  const releases: ReleaseFacts[] = [];
  let authors: RustAuthorsFlow[] | undefined;
  if (clone) {
    const { repo, tags } = clone;
    for (const [i, rev] of tags.entries()) {
      options.onRelease?.(rev.name, i, tags.length);
      releases.push(await readRevisionRelease(repo, rev, options));
    }
    if (sources.authors !== false && tags.length >= 2)
      authors = (await rustPeople(repo, tags, options.store, 1)).intervals.map((i) => ({
        label: i.label,
        newAuthors: i.firstTime ? i.firstTime.inScope.length : null,
        wentQuiet: i.wentQuiet.length,
      }));
  } else {
    const trees = [sources.tree, ...sources.also];
    for (const [i, tree] of trees.entries()) {
      options.onRelease?.(tree, i, trees.length);
      releases.push(await readTreeRelease(tree, options));
    }
    releases.sort(byRelease);
  }
  return {
    releases,
    ...(clone ? { repository: sources.tree } : {}),
    ...(vulns ? { vulns } : {}),
    ...(authors ? { authors } : {}),
    today: sources.today,
  };
}

/** The vulns corpus as the CVE claims read it: every record, its `cves --list` row, and its description on demand. */
export async function readVulnsInput(
  path: string,
  rev: string | undefined,
  store: ReleaseReadOptions['store'],
): Promise<NonNullable<ClaimInputs['vulns']>> {
  const corpus = await loadCves(path, { rev, store });
  const rows = analyzeCves(corpus, { list: true }).cves!;
  const recordPath = new Map(corpus.cves.map((c) => [c.id, c.path]));
  return {
    path,
    corpus,
    rows,
    description: (id) => {
      const p = recordPath.get(id);
      const bytes = p ? readRecordFile(path, rev, p) : undefined;
      return bytes ? recordDescription(bytes) : undefined;
    },
  };
}
