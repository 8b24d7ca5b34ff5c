// `people` over a list of revisions (or a date range): reads each interval's commits (from the
// store, else one streamed git log), folds them per scope, then resolves identities once and
// derives what needs the whole list: first-time contributors, people who went quiet.
import { createHash } from 'node:crypto';
import { FerrometerError } from '../../core/errors.js';
import { closestNames } from '../../core/names.js';
import { fieldsOf, type MaintainersFile, type Section } from '../../kernel/maintainers-file.js';
import { coveringSections, loadMaintainers, readMaintainers, type TreeMaintainers } from '../../kernel/maintainers.js';
import { diffMaintainers } from './maintainers-diff.js';
import { LivenessTally, type Liveness } from './people-liveness.js';
import { openKernelTree } from '../../source/kernel-tree.js';
import type { Employers } from '../../kernel/employers.js';
import { Identities } from '../../kernel/identities.js';
import { GitMailmap } from '../../kernel/mailmap.js';
import { isShallow, readPathAt, shallowBoundary, type GitRepo, type Revision } from '../../source/git.js';
import { TRAILER_KINDS, withTrailers, type CreditedCommit } from '../../extract/trailers.js';
import { readAuthors, readLog } from '../../source/git-log.js';
import type { Store } from '../../store/store.js';
import { finishInterval, IntervalTally, type IntervalResult, type Scope } from './people.js';

/** Bump when what a stored interval holds changes (the log parser, the trailer reader). */
export const LOG_VERSION = 'people-log/3';
const AUTHORS_VERSION = 'people-authors/1';

export interface IntervalSpec {
  label: string;
  from?: string;
  to: string;
  /** What git log reads: `B ^A`, or a revision with --since/--until. */
  revisions: string[];
}

export interface PeopleScope extends Scope {
  /** Git pathspecs naming a superset of the scope's files (the history before the first interval is read through them). */
  pathspecs?: string[];
  /** Names the scope in the store (its options, and the MAINTAINERS blob for a section). */
  key: string;
}

/** MAINTAINERS at the last revision, the sections whose people are checked, and MAINTAINERS at the first. */
export interface LivenessInput {
  maintainers: TreeMaintainers;
  sections: Section[];
  first?: MaintainersFile;
  /** Commit dates (seconds) of the first and the last revision. */
  from: number;
  to: number;
}

export interface PeopleRunOptions {
  scope: PeopleScope;
  liveness?: LivenessInput;
  gitdm: boolean;
  employers: Employers;
  top: number;
  /** Intervals without activity after which a contributor counts as gone quiet. */
  quietAfter: number;
  store?: Store;
  /** Where the .mailmap is read from (the last revision). */
  mailmapAt: string;
  /** The history before the first interval (`A0`, or a revision with --until), for first-time contributors. */
  before: string[];
  onInterval?: (spec: IntervalSpec, index: number, count: number) => void;
}

export interface PeopleResult {
  scope: string;
  gitdm: boolean;
  mailmap: { revision: string; entries: number };
  /** Set when the clone is shallow: nobody can be known as first-time before this date. */
  shallowSince?: string;
  /** With --section or --rust: the sections' maintainers and reviewers, and when each was last active. */
  liveness?: Liveness;
  quietAfter: number;
  intervals: IntervalResult[];
}

/** Consecutive pairs of a revision list (oldest first): interval B is what B has and A has not. */
export function intervalsOf(revisions: Revision[]): IntervalSpec[] {
  if (revisions.length < 2) {
    throw new FerrometerError(
      'EBAD_OPTION',
      `people needs two revisions or more (got ${revisions.length}): the first is where counting starts`,
      'e.g. --revs v6.17,v6.18, or --since/--until',
    );
  }
  return revisions
    .slice(1)
    .map((b, i) => ({ label: b.name, from: revisions[i]!.name, to: b.name, revisions: [b.commit, `^${revisions[i]!.commit}`] }));
}

/** A commit as the store keeps it: arrays, not objects (a third of the size, parsed twice as fast). */
type PackedCommit = [string, string, string, number, string, string, number, [number, string, string, 0 | 1][], (string | number)[][]];

function pack(c: CreditedCommit): PackedCommit {
  return [
    c.commit,
    c.authorName,
    c.authorEmail,
    c.authorDate,
    c.committerName,
    c.committerEmail,
    c.commitDate,
    c.trailers.map((t) => [TRAILER_KINDS.indexOf(t.kind), t.name, t.address, t.gitdm ? 1 : 0]),
    c.files.map((f) => [f.path, f.added, f.removed, f.addedPlus, f.removedMinus, ...(f.from !== undefined ? [f.from] : [])]),
  ];
}

function unpack(p: PackedCommit): CreditedCommit {
  return {
    commit: p[0],
    authorName: p[1],
    authorEmail: p[2],
    authorDate: p[3],
    committerName: p[4],
    committerEmail: p[5],
    commitDate: p[6],
    trailers: p[7].map(([k, name, address, gitdm]) => ({ kind: TRAILER_KINDS[k]!, name, address, gitdm: gitdm === 1 })),
    files: p[8].map((f) => ({
      path: f[0] as string,
      added: f[1] as number,
      removed: f[2] as number,
      addedPlus: f[3] as number,
      removedMinus: f[4] as number,
      ...(f.length > 5 ? { from: f[5] as string } : {}),
    })),
  };
}

async function intervalCommits(
  repo: GitRepo,
  spec: IntervalSpec,
  store: Store | undefined,
  each: (c: CreditedCommit) => void,
): Promise<void> {
  const key = spec.revisions.join(' ');
  const stored = store?.commitDocument<PackedCommit[]>(LOG_VERSION, key);
  if (stored) {
    for (const p of stored) each(unpack(p));
    return;
  }
  const read: PackedCommit[] = [];
  await readLog(repo, { diffs: true, revisions: spec.revisions }, (logged) => {
    const c = withTrailers(logged);
    each(c);
    if (store) read.push(pack(c));
  });
  store?.saveCommitDocument(LOG_VERSION, key, read);
}

async function authorsBefore(
  repo: GitRepo,
  revisions: string[],
  scope: PeopleScope | undefined,
  store: Store | undefined,
): Promise<[string, string][]> {
  const key = createHash('sha1')
    .update(JSON.stringify([revisions, scope?.key ?? null]))
    .digest('hex');
  const stored = store?.commitDocument<[string, string][]>(AUTHORS_VERSION, key);
  if (stored) return stored;
  const authors = await readAuthors(repo, revisions, scope?.pathspecs, scope?.includes);
  store?.saveCommitDocument(AUTHORS_VERSION, key, authors);
  return authors;
}

export async function peopleHistory(repo: GitRepo, specs: IntervalSpec[], options: PeopleRunOptions): Promise<PeopleResult> {
  const mailmapText = readPathAt(repo, options.mailmapAt, '.mailmap')?.toString('utf8');
  const mailmap = GitMailmap.parse(mailmapText);
  const identities = new Identities(mailmap, options.gitdm);
  const tallies: IntervalTally[] = [];
  const live = options.liveness;
  const liveness = live && new LivenessTally(live.maintainers, live.sections, identities, live.to);
  for (const [i, spec] of specs.entries()) {
    options.onInterval?.(spec, i, specs.length);
    const tally = new IntervalTally(options.scope, { gitdm: options.gitdm, employers: options.employers, identities });
    await intervalCommits(repo, spec, options.store, (c) => {
      tally.add(c);
      liveness?.add(c);
    });
    tallies.push(tally);
  }

  // First-time contributors: nobody authored before, neither in the history before the first
  // interval nor in an earlier interval. A shallow clone hides that history: say so, count nobody.
  const shallow = isShallow(repo);
  let before: Set<number> | undefined;
  let beforeInScope: Set<number> | undefined;
  if (!shallow) {
    const all = await authorsBefore(repo, options.before, undefined, options.store);
    const inScope = options.scope.includes === undefined ? all : await authorsBefore(repo, options.before, options.scope, options.store);
    const ids = (pairs: [string, string][]) => pairs.map(([n, e]) => identities.add(n, e));
    const [allIds, scopeIds] = [ids(all), ids(inScope)];
    before = new Set(allIds.map((id) => identities.find(id)));
    beforeInScope = new Set(scopeIds.map((id) => identities.find(id)));
  }

  const find = (ids: Iterable<number>) => new Set([...ids].map((id) => identities.find(id)));
  const active = tallies.map((t) => find(t.authors.keys()));
  const intervals = tallies.map((t, i) => {
    const quietFrom = i - options.quietAfter;
    const wentQuiet = quietFrom < 0 ? [] : [...active[quietFrom]!].filter((p) => !active.slice(quietFrom + 1, i + 1).some((s) => s.has(p)));
    const result = finishInterval(t, specs[i]!, {
      identities,
      top: options.top,
      authoredBefore: before,
      authoredInScopeBefore: beforeInScope,
      wentQuiet,
    });
    for (const id of t.anyAuthors) before?.add(identities.find(id));
    for (const id of active[i]!) beforeInScope?.add(id);
    return result;
  });
  return {
    scope: options.scope.label,
    gitdm: options.gitdm,
    mailmap: { revision: options.mailmapAt, entries: mailmap.size },
    ...(shallow ? { shallowSince: shallowBoundary(repo) ?? 'unknown' } : {}),
    ...(liveness && live
      ? {
          liveness: liveness.finish(
            live.from,
            live.first
              ? diffMaintainers(
                  { label: 'first', file: live.first },
                  { label: 'last', file: live.maintainers.file },
                  live.maintainers.mailmap,
                )
              : undefined,
          ),
        }
      : {}),
    quietAfter: options.quietAfter,
    intervals,
  };
}

export interface ScopeRequest {
  rust: boolean;
  paths: string[];
  section?: string;
}

const isRustPath = (p: string) => p.endsWith('.rs') || p.startsWith('rust/');

/**
 * The files a people run counts, from --rust, --paths and --section (all of them must accept a file);
 * the section is read from MAINTAINERS at `at`, matched by the MAINTAINERS engine. With --section
 * or --rust, also the sections whose people liveness checks (that section; those covering Rust).
 */
export function peopleScope(
  repo: GitRepo,
  at: Revision,
  request: ScopeRequest,
): PeopleScope & { liveness?: { maintainers: TreeMaintainers; sections: Section[] } } {
  const tests: ((p: string) => boolean)[] = [];
  const labels: string[] = [];
  // The pathspecs of the narrowest part: git cannot intersect pathspecs, the predicate does that.
  let pathspecs: string[] | undefined;
  let maintainers: TreeMaintainers | undefined;
  const atLast = () => (maintainers ??= readMaintainersAt(repo, at));
  let liveSections: Section[] | undefined;
  if (request.rust) {
    tests.push(isRustPath);
    labels.push('rust');
    pathspecs = [':(glob)**/*.rs', ':(literal)rust/'];
  }
  if (request.paths.length) {
    const prefixes = request.paths.map((p) => p.replace(/^\.\//, ''));
    tests.push((p) => prefixes.some((x) => p === x || p.startsWith(x.endsWith('/') ? x : `${x}/`)));
    labels.push(`paths ${prefixes.join(' ')}`);
    pathspecs = prefixes.map((x) => `:(literal)${x}`);
  }
  if (request.section !== undefined) {
    const m = atLast();
    const names = m.file.sections.map((s) => s.name);
    const wanted = request.section;
    const section =
      m.file.sections.find((s) => s.name === wanted) ?? m.file.sections.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!section) {
      throw new FerrometerError(
        'EBAD_OPTION',
        `no MAINTAINERS section named "${wanted}" at ${at.name}`,
        `closest: ${closestNames(wanted.toUpperCase(), names, 5).join('; ')}`,
      );
    }
    const memo = new Map<string, boolean>();
    tests.push((p) => {
      let hit = memo.get(p);
      if (hit === undefined) memo.set(p, (hit = m.index.match(p).some((s) => s.section === section.index)));
      return hit;
    });
    labels.push(`section ${section.name}`);
    liveSections = [section];
    // F and X patterns as pathspecs; N (regexes over paths) has none, so then the whole history is listed.
    pathspecs = fieldsOf(section, 'N').length
      ? undefined
      : fieldsOf(section, 'F').map((f) => (/[*?]/.test(f.value) ? `:(glob)${f.value}` : `:(literal)${f.value}`));
  } else if (request.rust) {
    try {
      liveSections = rustSections(atLast());
    } catch (e) {
      // A Rust repository without MAINTAINERS (a crate) has no sections to check.
      if (!(e instanceof FerrometerError && e.code === 'ENO_MAINTAINERS')) throw e;
    }
  }
  if (!tests.length) return { label: 'all', key: 'all' };
  return {
    label: labels.join(', '),
    key: `${labels.join(', ')}@${request.section !== undefined ? at.commit : ''}`,
    includes: (p) => tests.every((t) => t(p)),
    pathspecs,
    ...(liveSections && maintainers ? { liveness: { maintainers, sections: liveSections } } : {}),
  };
}

function readMaintainersAt(repo: GitRepo, at: Revision): TreeMaintainers {
  return loadMaintainers(openKernelTree(repo.path, at.commit));
}

/** The sections (the catch-all aside) that cover a .rs file of the tree. */
function rustSections(m: TreeMaintainers): Section[] {
  const found = new Set<number>();
  for (const path of m.tree.files()) {
    if (!path.endsWith('.rs')) continue;
    for (const s of coveringSections(m, path)) found.add(s.index);
  }
  return [...found].sort((a, b) => a - b).map((i) => m.file.section(i));
}

/** MAINTAINERS as it was at a revision, or undefined when it had none. */
export function maintainersFileAt(repo: GitRepo, at: Revision): MaintainersFile | undefined {
  try {
    return readMaintainers(openKernelTree(repo.path, at.commit)).file;
  } catch (e) {
    if (e instanceof FerrometerError && e.code === 'ENO_MAINTAINERS') return undefined;
    throw e;
  }
}
