// Claims about who keeps the Rust code: a person's role in a MAINTAINERS section across the
// releases read, and whether the Rust sections' people arrive faster than they leave.
import { compareVersions, releaseOrdinal } from '../../core/versions.js';
import type { ClaimOf } from './catalogue.js';
import type { ReleaseFacts, SectionPeople } from './releases.js';
import { commandFor, releaseLabel, releaseRead, type ClaimInputs, type Finding } from './verdicts.js';

const ROLE = { M: 'maintainers', R: 'reviewers' } as const;
const ROLE_NAME = { M: 'maintainer (M:)', R: 'reviewer (R:)' } as const;
/** People are matched by name: their addresses change (boqun.feng@gmail.com became boqun@kernel.org). */
const key = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

function sectionIn(r: ReleaseFacts, name: string): SectionPeople | undefined {
  return r.rustSections.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

function holds(r: ReleaseFacts, section: string, role: 'M' | 'R', person: string): boolean | null {
  const s = sectionIn(r, section);
  return s ? s[ROLE[role]].some((p) => key(p.name) === key(person)) : null;
}

export function checkSectionPeople(claim: ClaimOf<'section-people'>, inputs: ClaimInputs): Finding {
  const releases = inputs.releases.filter((r) => r.maintainers.found);
  const last = releases.at(-1)!;
  const e = claim.expect;
  const rows = releases.map((r) => {
    const s = sectionIn(r, claim.section);
    return {
      release: releaseLabel(r),
      version: r.release,
      maintainers: s?.maintainers.map((p) => p.name) ?? null,
      reviewers: s?.reviewers.map((p) => p.name) ?? null,
    };
  });
  const lastSection = sectionIn(last, claim.section);
  const base = {
    method: releases.map((r) => commandFor('maintainers', r, '--rust')).join('; '),
    read: releases.map(releaseRead),
    data: { section: claim.section, releases: rows },
  };
  if (!lastSection)
    return {
      ...base,
      figure: `${releaseLabel(last)}: no section ${claim.section} covers Rust`,
      verdict: 'not comparable',
      explanation: `the MAINTAINERS of ${releaseLabel(last)} has no section named ${claim.section} holding Rust`,
    };
  const people = lastSection[ROLE[e.role]].map((p) => p.name);
  const figure = `${releaseLabel(last)}: ${claim.section} has ${people.length} ${people.length === 1 ? ROLE_NAME[e.role] : ROLE[e.role]}${people.length ? ` (${people.join(', ')})` : ''}`;
  if (e.state === 'atLeast') {
    return people.length >= e.count
      ? { ...base, figure, verdict: 'reproduced', explanation: `${people.length} ${ROLE[e.role]}, at least ${e.count}` }
      : { ...base, figure, verdict: 'contradicted', explanation: `${people.length} ${ROLE[e.role]}, fewer than ${e.count}` };
  }
  if (e.state === 'sole') {
    const sole = people.length === 1 && key(people[0]!) === key(e.person);
    return sole
      ? {
          ...base,
          figure,
          verdict: 'reproduced',
          explanation: `${e.person} is the only ${ROLE_NAME[e.role]} of ${claim.section} in ${releaseLabel(last)}`,
        }
      : {
          ...base,
          figure,
          verdict: 'contradicted',
          explanation: `${claim.section}'s ${ROLE[e.role]} in ${releaseLabel(last)}: ${people.join(', ') || 'none'}`,
        };
  }
  // left: held the role in a release read, no longer in the last; the first release without them.
  const held = releases.map((r) => holds(r, claim.section, e.role, e.person));
  const lastHeld = held.lastIndexOf(true);
  const personFigure = `${figure}; ${e.person} ${lastHeld >= 0 ? `was a ${ROLE_NAME[e.role]} up to ${rows[lastHeld]!.release}` : `is ${ROLE_NAME[e.role]} in no release read`}`;
  if (lastHeld < 0)
    return {
      ...base,
      figure: personFigure,
      verdict: 'not comparable',
      explanation: `${e.person} holds no ${ROLE_NAME[e.role]} role in ${claim.section} in any release read: give an older tree (--also) from when they did`,
    };
  if (lastHeld === releases.length - 1)
    return {
      ...base,
      figure: personFigure,
      verdict: 'contradicted',
      explanation: `${e.person} is still a ${ROLE_NAME[e.role]} of ${claim.section} in ${releaseLabel(last)}`,
    };
  const gone = releases[lastHeld + 1]!;
  const window = `removed between ${rows[lastHeld]!.release} and ${releaseLabel(gone)}`;
  if (!e.by) return { ...base, figure: personFigure, verdict: 'reproduced', explanation: `${e.person} ${window}` };
  const heldIn = releases[lastHeld]!.release;
  const pinned = gone.release === e.by && heldIn !== null && releaseOrdinal(e.by) - releaseOrdinal(heldIn) === 1;
  const inWindow =
    gone.release !== null && heldIn !== null && compareVersions(heldIn, e.by) < 0 && compareVersions(e.by, gone.release) <= 0;
  if (pinned)
    return {
      ...base,
      figure: personFigure,
      verdict: 'reproduced',
      explanation: `${e.person} is gone from ${claim.section} in ${e.by}, as the claim says`,
    };
  if (inWindow)
    return {
      ...base,
      figure: personFigure,
      verdict: 'reproduced with nuance',
      explanation: `${e.person} ${window}; the claim says ${e.by}: trees of ${e.by} and of the release before it would pin it`,
    };
  return { ...base, figure: personFigure, verdict: 'contradicted', explanation: `${e.person} ${window}, which does not hold ${e.by}` };
}

/** The Rust-for-Linux project's own sections: those named RUST or "… [RUST]" (the others are subsystems that took Rust in). */
const isRustSection = (s: SectionPeople) => /\bRUST\b/i.test(s.name);

function peopleOf(r: ReleaseFacts, sections: (s: SectionPeople) => boolean): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of r.rustSections.filter(sections)) for (const p of [...s.maintainers, ...s.reviewers]) names.set(key(p.name), p.name);
  return names;
}

/** Arrivals and departures between consecutive releases among the M:/R: people of the sections chosen. */
function flow(releases: ReleaseFacts[], sections: (s: SectionPeople) => boolean) {
  const steps = releases.slice(1).map((r, i) => {
    const a = peopleOf(releases[i]!, sections);
    const b = peopleOf(r, sections);
    return {
      from: releaseLabel(releases[i]!),
      to: releaseLabel(r),
      arrived: [...b].filter(([k]) => !a.has(k)).map(([, n]) => n),
      departed: [...a].filter(([k]) => !b.has(k)).map(([, n]) => n),
      people: b.size,
    };
  });
  return {
    steps,
    arrived: steps.reduce((n, s) => n + s.arrived.length, 0),
    departed: steps.reduce((n, s) => n + s.departed.length, 0),
    first: peopleOf(releases[0]!, sections).size,
    last: peopleOf(releases.at(-1)!, sections).size,
  };
}

export function checkMaintainerFlow(claim: ClaimOf<'maintainer-flow'>, inputs: ClaimInputs): Finding {
  const releases = inputs.releases.filter((r) => r.maintainers.found);
  const project = flow(releases, isRustSection);
  const all = flow(releases, () => true);
  const authors = inputs.authors;
  const authorText = authors
    ? `; Rust authors per interval (new/went quiet): ${authors.map((a) => `${a.label} ${a.newAuthors ?? '?'}/${a.wentQuiet}`).join(', ')}`
    : '';
  const span = `${releaseLabel(releases[0]!)} → ${releaseLabel(releases.at(-1)!)}`;
  const base = {
    figure: `M:/R: people of the Rust sections (named RUST): ${project.first} → ${project.last}, ${project.arrived} arrivals, ${project.departed} departures; of every section holding Rust: ${all.first} → ${all.last} (${span})${authorText}`,
    method: `${releases.map((r) => commandFor('maintainers', r, '--rust')).join('; ')}${inputs.repository ? `; ferrometer people ${inputs.repository} --revs … --rust` : ''}`,
    read: releases.map(releaseRead),
    data: { rustSections: project, sectionsHoldingRust: all, ...(authors ? { authors } : {}) },
  };
  const shrinking = project.departed > project.arrived;
  const authorsNote = authors ? '' : ' New and departed Rust authors need the git history: give a git clone with release tags.';
  const departed = project.steps.flatMap((s) => s.departed);
  if ((claim.expect.trend === 'shrinking') === shrinking)
    return {
      ...base,
      verdict: 'reproduced',
      explanation: `the Rust sections lost ${project.departed} people (${departed.join(', ')}) and gained ${project.arrived}.${authorsNote}`,
    };
  return {
    ...base,
    verdict: 'contradicted',
    explanation: `the Rust sections gained ${project.arrived} people and lost ${project.departed}${departed.length ? ` (${departed.join(', ')})` : ''} (${project.first} → ${project.last}); every section holding Rust went from ${all.first} to ${all.last} people.${authorsNote}`,
  };
}
