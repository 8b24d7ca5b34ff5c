// Maintainer liveness (gitdm's "missing maintainers" idea): for each M and R of the sections a
// people run is scoped to, the last time they authored, committed, signed off, reviewed or acked a
// commit touching that section's files, within the history read; who is idle a year or more while
// their section had commits; and, joined with `maintainers diff`, who left the section's M/R lines
// over the run and when they were last active in it.
import { compareText } from '../../core/types.js';
import type { CreditedCommit } from '../../extract/trailers.js';
import type { Identities } from '../../kernel/identities.js';
import type { Person, Section } from '../../kernel/maintainers-file.js';
import { peopleOf } from '../../kernel/mailmap.js';
import type { TreeMaintainers } from '../../kernel/maintainers.js';
import type { MaintainersDiff } from './maintainers-diff.js';

/** Idle this long (seconds) while the section had commits: flagged. */
export const IDLE_AFTER = 365 * 86400;

export interface LivePerson {
  name: string;
  email: string;
  role: 'M' | 'R';
  /** YYYY-MM-DD, or null when not active in the section in the history read. */
  lastActive: string | null;
  /** Whole days from lastActive to the end of the run; null when never active. */
  idleDays: number | null;
  /** Idle ≥ 365 days (or never active in a history read that spans that long) while the section had commits. */
  idle: boolean;
}

export interface SectionLiveness {
  section: string;
  /** Commits touching the section's files in the history read, and the last one's date. */
  commits: number;
  lastCommit: string | null;
  /** Commits in the year before the end of the run. */
  commitsLastYear: number;
  people: LivePerson[];
  /** M or R lines removed from the section between the first and the last revision. */
  left: (Omit<LivePerson, 'idle' | 'idleDays'> & { lastActive: string | null })[];
}

export interface Liveness {
  /** The end of the run (last revision's commit date) and the start of the history read. */
  asOf: string;
  historyFrom: string;
  /** Whether the history read spans the idle period: otherwise nobody is flagged for never being seen. */
  spansIdlePeriod: boolean;
  sections: SectionLiveness[];
}

const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

/** Folds every commit of the run (in the scope or not) into per-section, per-identity last dates. */
export class LivenessTally {
  private readonly chosen: Set<number>;
  private readonly memo = new Map<string, number[]>();
  /** Per section index: last date per identity; commits, the last one's date, those in the idle period. */
  private readonly last = new Map<number, Map<number, number>>();
  private readonly counts = new Map<number, { commits: number; last: number; recent: number }>();

  constructor(
    private readonly m: TreeMaintainers,
    readonly sections: Section[],
    private readonly identities: Identities,
    /** The end of the run (seconds): the last revision's commit date. */
    private readonly asOf: number,
  ) {
    this.chosen = new Set(sections.map((s) => s.index));
  }

  private sectionsOf(path: string): number[] {
    let hit = this.memo.get(path);
    if (!hit)
      this.memo.set(
        path,
        (hit = this.m.index
          .match(path)
          .map((s) => s.section)
          .filter((i) => this.chosen.has(i))),
      );
    return hit;
  }

  add(c: CreditedCommit): void {
    const touched = new Set<number>();
    for (const f of c.files) {
      for (const s of this.sectionsOf(f.path)) touched.add(s);
      if (f.from !== undefined) for (const s of this.sectionsOf(f.from)) touched.add(s);
    }
    if (!touched.size) return;
    const ids = [this.identities.add(c.authorName, c.authorEmail), this.identities.add(c.committerName, c.committerEmail)];
    for (const t of c.trailers)
      if (t.kind === 'signoff' || t.kind === 'reviewed' || t.kind === 'acked' || t.kind === 'codeveloped')
        ids.push(this.identities.add(t.name, t.address));
    for (const s of touched) {
      const n = this.counts.get(s) ?? { commits: 0, last: 0, recent: 0 };
      n.commits++;
      n.last = Math.max(n.last, c.commitDate);
      if (this.asOf - c.commitDate < IDLE_AFTER) n.recent++;
      this.counts.set(s, n);
      const last = this.last.get(s) ?? new Map<number, number>();
      for (const id of ids) if ((last.get(id) ?? 0) < c.commitDate) last.set(id, c.commitDate);
      this.last.set(s, last);
    }
  }

  finish(historyFrom: number, diff: MaintainersDiff | undefined): Liveness {
    const asOf = this.asOf;
    const spans = asOf - historyFrom >= IDLE_AFTER;
    const lastOf = (section: number, p: Person): number | undefined => {
      const root = this.identities.find(this.identities.add(p.name.replace(/^"|"$/g, ''), p.address));
      let best: number | undefined;
      for (const [id, date] of this.last.get(section) ?? [])
        if (this.identities.find(id) === root && (best === undefined || date > best)) best = date;
      return best;
    };
    const sections = this.sections.map((s): SectionLiveness => {
      const { commits, last: lastCommit, recent } = this.counts.get(s.index) ?? { commits: 0, last: 0, recent: 0 };
      const people = (['M', 'R'] as const).flatMap((role) =>
        peopleOf(s, role, this.m.mailmap).map((p): LivePerson => {
          const last = lastOf(s.index, p);
          const idleDays = last === undefined ? null : Math.floor((asOf - last) / 86400);
          const idle = recent > 0 && (last === undefined ? spans : asOf - last >= IDLE_AFTER);
          return { name: p.name, email: p.address, role, lastActive: last === undefined ? null : day(last), idleDays, idle };
        }),
      );
      const change = diff?.changed.find((c) => c.section === s.name);
      const left = change
        ? [
            ...change.maintainers.removed.map((p) => ({ p, role: 'M' as const })),
            ...change.reviewers.removed.map((p) => ({ p, role: 'R' as const })),
          ].map(({ p, role }) => {
            const last = lastOf(s.index, p);
            return { name: p.name, email: p.address, role, lastActive: last === undefined ? null : day(last) };
          })
        : [];
      return { section: s.name, commits, lastCommit: commits ? day(lastCommit) : null, commitsLastYear: recent, people, left };
    });
    return {
      asOf: day(asOf),
      historyFrom: day(historyFrom),
      spansIdlePeriod: spans,
      sections: sections.sort((a, b) => b.commits - a.commits || compareText(a.section, b.section)),
    };
  }
}
