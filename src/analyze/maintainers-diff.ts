// Who came and who left between two MAINTAINERS files: sections added, removed and renamed,
// maintainers (M) and reviewers (R) added to and removed from each section, status changes, and
// new CREDITS entries. People are compared through the newer tree's .mailmap, by name (or
// address when there is none), so a changed address is not a departure.
import { fieldsOf, statusOf, type MaintainersFile, type Person, type Section } from '../kernel/maintainers-file.js';
import { peopleOf, type Mailmap } from '../kernel/mailmap.js';

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

const keyOf = (p: Person) => (p.name || p.address).replace(/^"|"$/g, '').toLowerCase();

function difference(a: Person[], b: Person[]): Person[] {
  const keys = new Set(b.map(keyOf));
  return a.filter((p) => !keys.has(keyOf(p)));
}

/** The people of one letter (M or R) who joined a section, and who left it. */
function turnover(old: Section, now: Section, letter: 'M' | 'R', mailmap: Mailmap): { added: Person[]; removed: Person[] } {
  const [was, is] = [peopleOf(old, letter, mailmap), peopleOf(now, letter, mailmap)];
  return { added: difference(is, was), removed: difference(was, is) };
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

function everyone(file: MaintainersFile, mailmap: Mailmap): Map<string, Person> {
  const all = new Map<string, Person>();
  for (const s of file.sections) for (const p of [...peopleOf(s, 'M', mailmap), ...peopleOf(s, 'R', mailmap)]) if (!all.has(keyOf(p))) all.set(keyOf(p), p);
  return all;
}

export function diffMaintainers(a: MaintainersSnapshot, b: MaintainersSnapshot, mailmap: Mailmap): MaintainersDiff {
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
    ...[...after.values()].filter((s) => before.has(s.name)).map((s) => [before.get(s.name)!, s, undefined] as [Section, Section, undefined]),
    ...renamed.map((r) => [r.from, r.to, r.from.name] as [Section, Section, string]),
  ];
  const changed: SectionChange[] = [];
  for (const [old, now, renamedFrom] of pairs) {
    const change: SectionChange = {
      section: now.name,
      ...(renamedFrom ? { renamedFrom } : {}),
      maintainers: turnover(old, now, 'M', mailmap),
      reviewers: turnover(old, now, 'R', mailmap),
    };
    const [from, to] = [statusOf(old), statusOf(now)];
    if (from !== to) change.status = { from, to };
    const moved = change.maintainers.added.length + change.maintainers.removed.length + change.reviewers.added.length + change.reviewers.removed.length;
    if (moved || change.status || renamedFrom) changed.push(change);
  }
  changed.sort((x, y) => x.section.localeCompare(y.section));
  const peopleBefore = everyone(a.file, mailmap);
  const peopleAfter = everyone(b.file, mailmap);
  const oldCredits = new Set(creditNames(a.credits));
  return {
    from: a.label,
    to: b.label,
    added: fresh.filter((s) => !renamed.some((r) => r.to === s)).map((s) => s.name),
    removed: gone.filter((s) => !renamed.some((r) => r.from === s)).map((s) => s.name),
    renamed: renamed.map((r) => ({ from: r.from.name, to: r.to.name })),
    changed,
    arrived: [...peopleAfter].filter(([k]) => !peopleBefore.has(k)).map(([, p]) => p),
    departed: [...peopleBefore].filter(([k]) => !peopleAfter.has(k)).map(([, p]) => p),
    credits: creditNames(b.credits).filter((n) => !oldCredits.has(n)),
  };
}
