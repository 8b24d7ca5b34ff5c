// Renders a PeopleResult: one summary row per interval, then the last interval's top tables as LWN
// prints them; CSV has one row per interval and person. Pure.
import { jsonDocument, type Provenance } from './json.js';
import type { PeopleResult } from '../analyze/people/people-history.js';
import type { IntervalResult, Ranked, TopTables } from '../analyze/people/people.js';
import type { Format } from './format.js';
import { renderCsv, renderMarkdown, renderText, type Table } from './table.js';

const TOP_TITLES: [keyof TopTables, string][] = [
  ['changesets', 'Developers with the most changesets'],
  ['changedLines', 'Developers with the most changed lines'],
  ['linesRemoved', 'Developers with the most lines removed'],
  ['signoffs', 'Developers with the most signoffs'],
  ['reviews', 'Developers with the most reviews'],
  ['testCredits', 'Developers with the most test credits'],
  ['testedByGiven', 'Developers who gave the most tested-by credits'],
  ['reportCredits', 'Developers with the most report credits'],
  ['reportsGiven', 'Developers who gave the most report credits'],
  ['employersByChangesets', 'Top changeset contributors by employer'],
  ['employersByLines', 'Top lines changed by employer'],
  ['employersBySignoffs', 'Employers with the most signoffs'],
  ['employersByDevelopers', 'Employers with the most developers'],
];

const count = (xs: unknown[] | undefined | null) => (xs ? xs.length : '?');
/** An interval as both tables name it: A..B, or the --since/--until label. */
const intervalName = (i: IntervalResult) => (i.from ? `${i.from}..${i.to}` : i.label);

function summaryTable(r: PeopleResult): Table {
  return {
    headers: [
      'Interval',
      'Changesets',
      'Developers',
      'Employers',
      'Added',
      'Removed',
      'Changed',
      'First-time',
      'New in scope',
      `Went quiet (${r.quietAfter} intervals)`,
      'Reviewed %',
      'Absence factor (changesets/reviews/signoffs)',
      'Elephant factor',
      'Latency days (median/p90)',
    ],
    rows: r.intervals.map((i) => [
      intervalName(i),
      i.changesets,
      i.developers,
      i.employers,
      i.added,
      i.removed,
      i.changed,
      count(i.firstTime?.all),
      count(i.firstTime?.inScope),
      i.wentQuiet.length,
      i.reviewCoverage.share.toFixed(1),
      `${i.concentration.changesets}/${i.concentration.reviews}/${i.concentration.signoffs}`,
      i.concentration.employers,
      i.latencyDays ? `${i.latencyDays.median}/${i.latencyDays.p90}` : '-',
    ]),
  };
}

function creditsTable(r: PeopleResult): Table {
  return {
    headers: ['Interval', 'Signoffs', 'Reviewed-by', 'Acked-by', 'Tested-by', 'Reported-by', 'Suggested-by', 'Co-developed-by'],
    rows: r.intervals.map((i) => [
      intervalName(i),
      i.credits.signoff,
      i.credits.reviewed,
      i.credits.acked,
      i.credits.tested,
      i.credits.reported,
      i.credits.suggested,
      i.credits.codeveloped,
    ]),
  };
}

function rankedTable(title: string, total: number | undefined, rows: Ranked[]): Table {
  return {
    headers: [total === undefined ? title : `${title} (total ${total})`, 'Count', 'Share'],
    rows: rows.map((x) => [x.name, x.count, `${x.share.toFixed(1)}%`]),
  };
}

function totalOf(i: IntervalResult, key: keyof TopTables): number | undefined {
  const totals: Partial<Record<keyof TopTables, number>> = {
    signoffs: i.credits.signoff,
    reviews: i.credits.reviewed,
    testCredits: i.credits.tested,
    testedByGiven: i.credits.testsGiven,
    reportCredits: i.credits.reported,
    reportsGiven: i.credits.reportsGiven,
  };
  return totals[key];
}

function livenessTable(r: PeopleResult): Table | undefined {
  const l = r.liveness;
  if (!l) return undefined;
  return {
    headers: ['Section', 'Commits', 'Last year', 'Role', 'Name', 'Last active', 'Idle days', 'Flag'],
    rows: l.sections.flatMap((s) => [
      ...s.people.map((p) => [
        s.section,
        s.commits,
        s.commitsLastYear,
        p.role,
        p.name,
        p.lastActive ?? '-',
        p.idleDays ?? '-',
        p.idle ? 'IDLE' : '',
      ]),
      ...s.left.map((p) => [s.section, s.commits, s.commitsLastYear, `${p.role} (left)`, p.name, p.lastActive ?? '-', '', '']),
    ]),
    align: ['left', 'right', 'right', 'left', 'left', 'left', 'right', 'left'],
  };
}

function names(list: { name: string }[] | undefined | null): string {
  return list === null || list === undefined ? 'unknown (shallow clone)' : list.length ? list.map((p) => p.name).join(', ') : '(none)';
}

function csvTable(r: PeopleResult): Table {
  return {
    headers: [
      'Interval',
      'From',
      'To',
      'Name',
      'Email',
      'Changesets',
      'Added',
      'Removed',
      'Changed',
      'Signoffs',
      'Reviews',
      'Acks',
      'Tests',
      'Reports',
      'Suggestions',
      'Co-developed',
      'Tests given',
      'Reports given',
    ],
    rows: r.intervals.flatMap((i) =>
      i.people.map((p) => [
        i.label,
        i.from ?? '',
        i.to,
        p.name,
        p.email,
        p.changesets,
        p.added,
        p.removed,
        p.changed,
        p.signoffs,
        p.reviews,
        p.acks,
        p.tests,
        p.reports,
        p.suggestions,
        p.codeveloped,
        p.testsGiven,
        p.reportsGiven,
      ]),
    ),
  };
}

export function renderPeople(r: PeopleResult, format: Format, provenance?: Provenance): string {
  if (format === 'json') return jsonDocument(r, provenance);
  if (format === 'csv') return renderCsv(csvTable(r));
  const render = format === 'md' ? renderMarkdown : renderText;
  const last = r.intervals.at(-1)!;
  const head = [
    `scope: ${r.scope}${r.gitdm ? ' (gitdm reading)' : ''}; .mailmap of ${r.mailmap.revision}: ${r.mailmap.entries} addresses`,
    ...(r.shallowSince ? [`shallow clone: history before ${r.shallowSince} is missing, first-time contributors cannot be known`] : []),
  ];
  const parts = [head.join('\n') + '\n', render(summaryTable(r)), render(creditsTable(r))];
  parts.push(`${last.label}: first-time contributors: ${names(last.firstTime?.all)}\n`);
  parts.push(`${last.label}: new in scope: ${names(last.firstTime?.inScope)}\n`);
  parts.push(`${last.label}: went quiet (active ${r.quietAfter} intervals before, not since): ${names(last.wentQuiet)}\n`);
  const live = livenessTable(r);
  if (live && r.liveness) {
    const idle = r.liveness.sections.reduce((n, s) => n + s.people.filter((p) => p.idle).length, 0);
    parts.push(
      `maintainers and reviewers of the scope's sections, active (authored, committed, signed off, reviewed, acked) in the history read (${r.liveness.historyFrom} … ${r.liveness.asOf}); ${idle} idle ≥ 365 days while their section had commits${r.liveness.spansIdlePeriod ? '' : ' (the history read is shorter than a year: never-seen people are not flagged)'}\n` +
        render(live),
    );
  }
  for (const [key, title] of TOP_TITLES) {
    if (!last.top[key].length) continue;
    parts.push(`${last.label}\n` + render(rankedTable(title, totalOf(last, key), last.top[key])));
  }
  return parts.join('\n');
}
