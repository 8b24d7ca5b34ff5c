// Who came and who left between two MAINTAINERS files: sections added, removed and renamed,
// maintainers (M) and reviewers (R) added to and removed from each section, status changes, and
// new CREDITS entries. People are compared through the newer tree's .mailmap and then as
// history compares them (kernel/identities.ts): one person is every address and exact name that
// occur together, so a changed address or a changed spelling of a name is not a departure. An
// entry without a name, or with a mailing list's address, is a role, not a person.
import { Identities, isListAddress } from '../../kernel/identities.js';
import { fieldsOf, parseEmail, statusOf, type MaintainersFile, type Person, type Section } from '../../kernel/maintainers-file.js';
import { peopleOf, type Mailmap } from '../../kernel/mailmap.js';

export interface SectionChange {
  section: string;
  /** The older name, when the section was renamed. */
  renamedFrom?: string;
  maintainers: { added: Person[]; removed: Person[] };
  reviewers: { added: Person[]; removed: Person[] };
  status?: { from: string; to: string };
}

export interface MaintainersDiff {
  from: string;
  to: string;
  added: string[];
  removed: string[];
  renamed: { from: string; to: string }[];
  changed: SectionChange[];
  /** People who are M or R somewhere in one file and nowhere in the other. */
  arrived: Person[];
  departed: Person[];
  /** Role addresses (no name, or a mailing list's) that are M or R in one file only: not people. */
  roles: { arrived: string[]; departed: string[] };
  /** Names newly in CREDITS. */
  credits: string[];
}

export interface MaintainersSnapshot {
  label: string;
  file: MaintainersFile;
  credits?: string;
}

/** A section counts as renamed when at least half of its F patterns carry over. */
const RENAME_OVERLAP = 0.5;

/** Who is who across both files: every M and R of either, registered before any is compared. */
class PeopleKeys {
  private readonly identities = new Identities();
  private readonly lists: Set<string>;

  constructor(files: MaintainersFile[], mailmap: Mailmap) {
    this.lists = new Set(
      files.flatMap((f) => f.sections.flatMap((s) => fieldsOf(s, 'L').map((l) => parseEmail(l.value).address.toLowerCase()))),
    );
    for (const f of files)
      for (const s of f.sections) for (const p of [...peopleOf(s, 'M', mailmap), ...peopleOf(s, 'R', mailmap)]) this.key(p);
  }

  isRole(p: Person): boolean {
    const name = p.name.replace(/^"|"$/g, '');
    return name === '' || this.lists.has(p.address.toLowerCase()) || isListAddress(p.address);
  }

  key(p: Person): string {
    return this.isRole(p) ? `role:${p.address.toLowerCase()}` : `person:${this.identities.add(p.name.replace(/^"|"$/g, ''), p.address)}`;
  }
}

function difference(a: Person[], b: Person[], keys: PeopleKeys): Person[] {
  const present = new Set(b.map((p) => keys.key(p)));
  return a.filter((p) => !present.has(keys.key(p)));
}

/** The people of one letter (M or R) who joined a section, and who left it. */
function turnover(
  old: Section,
  now: Section,
  letter: 'M' | 'R',
  mailmap: Mailmap,
  keys: PeopleKeys,
): { added: Person[]; removed: Person[] } {
  const [was, is] = [peopleOf(old, letter, mailmap), peopleOf(now, letter, mailmap)];
  return { added: difference(is, was, keys), removed: difference(was, is, keys) };
}

function byName(file: MaintainersFile): Map<string, Section> {
  const map = new Map<string, Section>();
  for (const s of file.sections) if (!map.has(s.name)) map.set(s.name, s);
  return map;
}

function patternOverlap(a: Section, b: Section): number {
  const fa = new Set(fieldsOf(a, 'F').map((f) => f.value.trim()));
  const fb = new Set(fieldsOf(b, 'F').map((f) => f.value.trim()));
  if (!fa.size || !fb.size) return 0;
  let shared = 0;
  for (const f of fa) if (fb.has(f)) shared++;
  return shared / Math.max(fa.size, fb.size);
}

/** The names of the CREDITS file's entries ("N:" lines). */
export function creditNames(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(/^N:\s*(.+?)\s*$/gm)].map((m) => m[1]!);
}

function everyone(file: MaintainersFile, mailmap: Mailmap, keys: PeopleKeys): Map<string, Person> {
  const all = new Map<string, Person>();
  for (const s of file.sections)
    for (const p of [...peopleOf(s, 'M', mailmap), ...peopleOf(s, 'R', mailmap)]) if (!all.has(keys.key(p))) all.set(keys.key(p), p);
  return all;
}

export function diffMaintainers(a: MaintainersSnapshot, b: MaintainersSnapshot, mailmap: Mailmap): MaintainersDiff {
  const keys = new PeopleKeys([a.file, b.file], mailmap);
  const before = byName(a.file);
  const after = byName(b.file);
  const gone = [...before.values()].filter((s) => !after.has(s.name));
  const fresh = [...after.values()].filter((s) => !before.has(s.name));
  const renamed: { from: Section; to: Section }[] = [];
  for (const s of fresh) {
    const best = gone
      .filter((g) => !renamed.some((r) => r.from === g))
      .map((g) => ({ g, overlap: patternOverlap(g, s) }))
      .sort((x, y) => y.overlap - x.overlap)[0];
    if (best && best.overlap >= RENAME_OVERLAP) renamed.push({ from: best.g, to: s });
  }
  const pairs: [Section, Section, string | undefined][] = [
    ...[...after.values()]
      .filter((s) => before.has(s.name))
      .map((s) => [before.get(s.name)!, s, undefined] as [Section, Section, undefined]),
    ...renamed.map((r) => [r.from, r.to, r.from.name] as [Section, Section, string]),
  ];
  const changed: SectionChange[] = [];
  for (const [old, now, renamedFrom] of pairs) {
    const change: SectionChange = {
      section: now.name,
      ...(renamedFrom ? { renamedFrom } : {}),
      maintainers: turnover(old, now, 'M', mailmap, keys),
      reviewers: turnover(old, now, 'R', mailmap, keys),
    };
    const [from, to] = [statusOf(old), statusOf(now)];
    if (from !== to) change.status = { from, to };
    const moved =
      change.maintainers.added.length + change.maintainers.removed.length + change.reviewers.added.length + change.reviewers.removed.length;
    if (moved || change.status || renamedFrom) changed.push(change);
  }
  changed.sort((x, y) => x.section.localeCompare(y.section));
  const peopleBefore = everyone(a.file, mailmap, keys);
  const peopleAfter = everyone(b.file, mailmap, keys);
  const only = (x: Map<string, Person>, y: Map<string, Person>) => [...x].filter(([k]) => !y.has(k));
  const oldCredits = new Set(creditNames(a.credits));
  return {
    from: a.label,
    to: b.label,
    added: fresh.filter((s) => !renamed.some((r) => r.to === s)).map((s) => s.name),
    removed: gone.filter((s) => !renamed.some((r) => r.from === s)).map((s) => s.name),
    renamed: renamed.map((r) => ({ from: r.from.name, to: r.to.name })),
    changed,
    arrived: only(peopleAfter, peopleBefore)
      .filter(([k]) => k.startsWith('person:'))
      .map(([, p]) => p),
    departed: only(peopleBefore, peopleAfter)
      .filter(([k]) => k.startsWith('person:'))
      .map(([, p]) => p),
    roles: {
      arrived: only(peopleAfter, peopleBefore)
        .filter(([k]) => k.startsWith('role:'))
        .map(([, p]) => p.address),
      departed: only(peopleBefore, peopleAfter)
        .filter(([k]) => k.startsWith('role:'))
        .map(([, p]) => p.address),
    },
    credits: creditNames(b.credits).filter((n) => !oldCredits.has(n)),
  };
}
