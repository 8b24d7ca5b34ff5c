// `people`: who writes, reviews and signs off the code of a scope, per release interval, from the
// commits git log hands over. Commits are folded into per-identity tallies as they stream by (so
// memory grows with people, not with commits); identities are resolved to persons at the end,
// when every address and name that merges two of them has been seen.
import { compareText } from '../../core/types.js';
import type { CreditedCommit } from '../../extract/trailers.js';
import type { Employers } from '../../kernel/employers.js';
import type { Identities, PersonName } from '../../kernel/identities.js';

/** Which files count: all of them, or those a predicate accepts (a commit is in scope if it touches one). */
export interface Scope {
  label: string;
  includes?: (path: string) => boolean;
}

export interface PeopleOptions {
  /** gitdm's reading: its trailer spellings only, and lines whose text starts with '+'/'-' not counted. */
  gitdm: boolean;
  employers: Employers;
  identities: Identities;
}

const CREDIT_KINDS = ['signoff', 'reviewed', 'acked', 'tested', 'reported', 'suggested', 'codeveloped'] as const;
type CreditKind = (typeof CREDIT_KINDS)[number];

interface AuthorTally {
  changesets: number;
  added: number;
  removed: number;
  changed: number;
}

interface EmployerTally extends AuthorTally {
  signoffs: number;
  authors: Set<number>;
}

const inc = (m: Map<number, number>, id: number, by = 1) => m.set(id, (m.get(id) ?? 0) + by);

/** One interval's commits, folded as they come. */
export class IntervalTally {
  changesets = 0;
  added = 0;
  removed = 0;
  changed = 0;
  reviewed = 0;
  readonly authors = new Map<number, AuthorTally>();
  readonly credits = new Map<CreditKind, Map<number, number>>(CREDIT_KINDS.map((k) => [k, new Map()]));
  /** Credits an author's commits gave: Tested-by and Reported-by lines on their changesets. */
  readonly testsGiven = new Map<number, number>();
  readonly reportsGiven = new Map<number, number>();
  readonly employers = new Map<string, EmployerTally>();
  /** Every author of the interval, in the scope or not: first-time contributors are counted over all code. */
  readonly anyAuthors = new Set<number>();
  /** Seconds from author date to commit date, per changeset. */
  readonly latencies: number[] = [];

  constructor(
    private readonly scope: Scope,
    private readonly options: PeopleOptions,
  ) {}

  add(c: CreditedCommit): void {
    const { identities, employers, gitdm } = this.options;
    const author = identities.add(c.authorName, c.authorEmail);
    this.anyAuthors.add(author);
    const include = this.scope.includes;
    let added = 0;
    let removed = 0;
    let inScope = include === undefined;
    for (const f of c.files) {
      if (include && !include(f.path) && !(f.from !== undefined && include(f.from))) continue;
      inScope = true;
      added += gitdm ? f.added - f.addedPlus : f.added;
      removed += gitdm ? f.removed - f.removedMinus : f.removed;
    }
    if (!inScope) return;
    const changed = Math.max(added, removed);
    this.changesets++;
    this.added += added;
    this.removed += removed;
    this.changed += changed;
    this.latencies.push(c.commitDate - c.authorDate);
    const tally = this.authors.get(author) ?? { changesets: 0, added: 0, removed: 0, changed: 0 };
    this.authors.set(author, addTally(tally, added, removed, changed));
    const authorEmail = identities.mapped(c.authorName, c.authorEmail).address;
    const employer = this.employer(employers.of(authorEmail, c.authorDate));
    addTally(employer, added, removed, changed);
    employer.authors.add(author);

    let reviewedByOther = false;
    for (const t of c.trailers) {
      if (gitdm && !t.gitdm) continue;
      // gitdm reads trailers as written: git's .mailmap applies to the Author line only.
      const who = identities.add(t.name, t.address, !gitdm);
      const kinds: CreditKind[] = t.kind === 'reportedtested' ? ['reported', 'tested'] : [t.kind];
      for (const kind of kinds) {
        // A signoff counts when it is not the author's own (gitdm -s): the maintainer proxy.
        if (kind === 'signoff' && identities.find(who) === identities.find(author)) continue;
        inc(this.credits.get(kind)!, who);
        if (kind === 'signoff')
          this.employer(employers.of(gitdm ? t.address : identities.mapped(t.name, t.address).address, c.authorDate)).signoffs++;
        if (kind === 'tested') inc(this.testsGiven, author);
        if (kind === 'reported') inc(this.reportsGiven, author);
        if ((kind === 'reviewed' || kind === 'acked') && identities.find(who) !== identities.find(author)) reviewedByOther = true;
      }
    }
    if (reviewedByOther) this.reviewed++;
  }

  private employer(name: string): EmployerTally {
    let e = this.employers.get(name);
    if (!e) this.employers.set(name, (e = { changesets: 0, added: 0, removed: 0, changed: 0, signoffs: 0, authors: new Set() }));
    return e;
  }
}

function addTally<T extends AuthorTally>(t: T, added: number, removed: number, changed: number): T {
  t.changesets++;
  t.added += added;
  t.removed += removed;
  t.changed += changed;
  return t;
}

export interface PersonRow extends PersonName {
  changesets: number;
  added: number;
  removed: number;
  /** Sum over the person's changesets of max(added, removed), as gitdm counts changed lines. */
  changed: number;
  signoffs: number;
  reviews: number;
  acks: number;
  /** Tested-by / Reported-by lines naming this person. */
  tests: number;
  reports: number;
  suggestions: number;
  codeveloped: number;
  /** Tested-by / Reported-by lines on this person's own changesets (gitdm: "gave … credits"). */
  testsGiven: number;
  reportsGiven: number;
}

export interface EmployerRow {
  employer: string;
  changesets: number;
  changed: number;
  signoffs: number;
  developers: number;
}

export interface Ranked {
  name: string;
  count: number;
  /** Percent of the table's total, one decimal as gitdm prints it. */
  share: number;
}

export interface TopTables {
  changesets: Ranked[];
  changedLines: Ranked[];
  linesRemoved: Ranked[];
  signoffs: Ranked[];
  reviews: Ranked[];
  testCredits: Ranked[];
  testedByGiven: Ranked[];
  reportCredits: Ranked[];
  reportsGiven: Ranked[];
  employersByChangesets: Ranked[];
  employersByLines: Ranked[];
  employersBySignoffs: Ranked[];
  employersByDevelopers: Ranked[];
}

export interface Concentration {
  /** CHAOSS contributor absence factor: the fewest people who make ≥ 50 % of the changesets. */
  changesets: number;
  reviews: number;
  signoffs: number;
  /** Elephant factor: the fewest employers (unknown ones as one) who make ≥ 50 % of the changesets. */
  employers: number;
}

export interface IntervalResult {
  /** The revision that ends the interval (B), and the one it starts after (A). */
  label: string;
  from?: string;
  to: string;
  changesets: number;
  developers: number;
  employers: number;
  added: number;
  removed: number;
  changed: number;
  /** null when the history before the interval cannot be known (shallow clone). */
  firstTime: { all: PersonName[]; inScope: PersonName[] } | null;
  /** People active in the scope before, whose last active interval was `quietAfter` intervals ago. */
  wentQuiet: PersonName[];
  credits: Record<CreditKind, number> & { testsGiven: number; reportsGiven: number };
  /** Changesets with a Reviewed-by or Acked-by from someone other than the author. */
  reviewCoverage: { reviewed: number; share: number };
  concentration: Concentration;
  /** Author date → commit date, in days. */
  latencyDays: { median: number; p90: number } | null;
  people: PersonRow[];
  top: TopTables;
  employerRows: EmployerRow[];
}

/** The fewest entries (largest first) whose counts reach half of the total; 0 for an empty list. */
export function absenceFactor(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const sorted = [...counts].sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) {
    sum += sorted[i]!;
    if (2 * sum >= total) return i + 1;
  }
  return sorted.length;
}

/** The value below which a share q of the sorted values lies (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A gitdm-style ranking: count > 0, largest first (ties by name), share of the given total. */
export function rank(rows: { name: string; count: number }[], total: number, top: number): Ranked[] {
  return rows
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || compareText(a.name, b.name))
    .slice(0, top)
    .map((r) => ({ ...r, share: total ? round1((100 * r.count) / total) : 0 }));
}

export interface FinishContext {
  identities: Identities;
  top: number;
  /** Persons (representatives) who authored anything before the interval; undefined when unknown. */
  authoredBefore?: Set<number>;
  authoredInScopeBefore?: Set<number>;
  /** Persons last active in the scope `quietAfter` intervals ago and not since. */
  wentQuiet: number[];
}

/** Resolves an interval's tallies to persons, once every identity is known. */
export function finishInterval(t: IntervalTally, label: { label: string; from?: string; to: string }, ctx: FinishContext): IntervalResult {
  const { identities } = ctx;
  const rows = new Map<number, PersonRow>();
  const row = (id: number): PersonRow => {
    const root = identities.find(id);
    let r = rows.get(root);
    if (!r) {
      rows.set(
        root,
        (r = {
          ...identities.person(root),
          changesets: 0,
          added: 0,
          removed: 0,
          changed: 0,
          signoffs: 0,
          reviews: 0,
          acks: 0,
          tests: 0,
          reports: 0,
          suggestions: 0,
          codeveloped: 0,
          testsGiven: 0,
          reportsGiven: 0,
        }),
      );
    }
    return r;
  };
  for (const [id, a] of t.authors) {
    const r = row(id);
    r.changesets += a.changesets;
    r.added += a.added;
    r.removed += a.removed;
    r.changed += a.changed;
  }
  const creditField: Record<CreditKind, keyof PersonRow> = {
    signoff: 'signoffs',
    reviewed: 'reviews',
    acked: 'acks',
    tested: 'tests',
    reported: 'reports',
    suggested: 'suggestions',
    codeveloped: 'codeveloped',
  };
  const credits = {} as IntervalResult['credits'];
  for (const kind of CREDIT_KINDS) {
    let total = 0;
    for (const [id, n] of t.credits.get(kind)!) {
      (row(id)[creditField[kind]] as number) += n;
      total += n;
    }
    credits[kind] = total;
  }
  credits.testsGiven = 0;
  credits.reportsGiven = 0;
  for (const [id, n] of t.testsGiven) {
    row(id).testsGiven += n;
    credits.testsGiven += n;
  }
  for (const [id, n] of t.reportsGiven) {
    row(id).reportsGiven += n;
    credits.reportsGiven += n;
  }

  const people = [...rows.values()].sort((a, b) => b.changesets - a.changesets || compareText(a.name, b.name));
  const authors = people.filter((p) => p.changesets > 0);
  const employerRows: EmployerRow[] = [...t.employers]
    .map(([employer, e]) => ({
      employer,
      changesets: e.changesets,
      changed: e.changed,
      signoffs: e.signoffs,
      developers: new Set([...e.authors].map((id) => identities.find(id))).size,
    }))
    .sort((a, b) => b.changesets - a.changesets || compareText(a.employer, b.employer));
  const named = (pick: (p: PersonRow) => number) => people.map((p) => ({ name: p.name, count: pick(p) }));
  const byEmployer = (pick: (e: EmployerRow) => number) => employerRows.map((e) => ({ name: e.employer, count: pick(e) }));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const byPerson = (total: number, pick: (p: PersonRow) => number) => rank(named(pick), total, ctx.top);
  const byFirm = (total: number, pick: (e: EmployerRow) => number) => rank(byEmployer(pick), total, ctx.top);
  const top: TopTables = {
    changesets: byPerson(t.changesets, (p) => p.changesets),
    changedLines: byPerson(t.changed, (p) => p.changed),
    linesRemoved: byPerson(t.removed, (p) => p.removed - p.added),
    signoffs: byPerson(credits.signoff, (p) => p.signoffs),
    reviews: byPerson(credits.reviewed, (p) => p.reviews),
    testCredits: byPerson(credits.tested, (p) => p.tests),
    testedByGiven: byPerson(credits.testsGiven, (p) => p.testsGiven),
    reportCredits: byPerson(credits.reported, (p) => p.reports),
    reportsGiven: byPerson(credits.reportsGiven, (p) => p.reportsGiven),
    employersByChangesets: byFirm(t.changesets, (e) => e.changesets),
    employersByLines: byFirm(t.changed, (e) => e.changed),
    employersBySignoffs: byFirm(sum(employerRows.map((e) => e.signoffs)), (e) => e.signoffs),
    employersByDevelopers: byFirm(sum(employerRows.map((e) => e.developers)), (e) => e.developers),
  };
  const latencies = [...t.latencies].sort((a, b) => a - b);
  const days = (s: number) => Math.round((s / 86400) * 10) / 10;
  const persons = (ids: Iterable<number>) =>
    [...new Set([...ids].map((id) => identities.find(id)))].map((id) => identities.person(id)).sort((a, b) => compareText(a.name, b.name));
  const firstTime =
    ctx.authoredBefore && ctx.authoredInScopeBefore
      ? {
          all: persons([...t.anyAuthors].filter((id) => !ctx.authoredBefore!.has(identities.find(id)))),
          inScope: persons([...t.authors.keys()].filter((id) => !ctx.authoredInScopeBefore!.has(identities.find(id)))),
        }
      : null;
  return {
    ...label,
    changesets: t.changesets,
    developers: authors.length,
    employers: employerRows.filter((e) => e.changesets > 0).length,
    added: t.added,
    removed: t.removed,
    changed: t.changed,
    firstTime,
    wentQuiet: persons(ctx.wentQuiet),
    credits,
    reviewCoverage: { reviewed: t.reviewed, share: t.changesets ? round1((100 * t.reviewed) / t.changesets) : 0 },
    concentration: {
      changesets: absenceFactor(authors.map((p) => p.changesets)),
      reviews: absenceFactor(people.map((p) => p.reviews)),
      signoffs: absenceFactor(people.map((p) => p.signoffs)),
      employers: absenceFactor(employerRows.map((e) => e.changesets)),
    },
    latencyDays: latencies.length ? { median: days(quantile(latencies, 0.5)), p90: days(quantile(latencies, 0.9)) } : null,
    people,
    top,
    employerRows,
  };
}
