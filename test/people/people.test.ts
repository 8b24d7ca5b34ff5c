// `ferrometer people` on a history built here (test/helpers/history.ts): a .mailmap that merges two
// identities of one person, trailers in several spellings (a bot's bare address, Co-developed-by,
// lower-case keys), a merge whose trailers must not count, a commit outside each scope, a path git
// must quote, a deletion; then a bare clone, a shallow clone and hostile commits. Every expected
// figure is worked out by hand from the timeline below.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PeopleResult } from '../../src/analyze/people/people-history.js';
import type { IntervalResult } from '../../src/analyze/people/people.js';
import { HistoryRepo } from '../helpers/history.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-people-test-'));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'people', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const json = (...args: string[]): PeopleResult => {
  const r = run(...args, '--format', 'json', '--no-store');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as PeopleResult;
};

const OLD = { name: 'Old Timer', email: 'old@example.org' };
const ALICE = { name: 'Alice Example', email: 'alice@corp.example' };
const ALICE_OLD = { name: 'alice', email: 'Alice.Old@home.example' };
const CAROL = { name: 'Carol New', email: 'carol@example.com' };
const BOB = { name: 'Bob Reviewer', email: 'bob@intel.com' };
const MAX = { name: 'Max Maintainer', email: 'max@kernel.org' };
const sob = (w: { name: string; email: string }) => `Signed-off-by: ${w.name} <${w.email}>`;

const MAINTAINERS = `RUST
M:\tMax Maintainer <max@kernel.org>
R:\tBob Reviewer <bob@intel.com>
S:\tSupported
F:\trust/

FOO DRIVER
M:\tMax Maintainer <max@kernel.org>
S:\tMaintained
F:\tdrivers/foo.c
`;

let repo: HistoryRepo;
before(() => {
  repo = new HistoryRepo();
  // v1: the history before the first interval.
  repo.commit({
    author: OLD,
    date: '2024-01-01T00:00:00Z',
    message: `init\n\n${sob(OLD)}\n`,
    files: {
      README: 'hello\n',
      'drivers/foo.c': 'int a;\nint b;\n',
      MAINTAINERS,
      '.mailmap': 'Alice Example <alice@corp.example> <Alice.Old@home.example>\n',
    },
  });
  repo.tag('v1');
  // v1..v2: c1 (3 lines added, one of them "++x"), side (a path git quotes), c2 (Alice under her old address).
  repo.commit({
    author: ALICE,
    committer: MAX,
    date: '2024-02-01T00:00:00Z',
    message: `rust: add a\n\n${sob(ALICE)}\nReviewed-by: Bob Reviewer <bob@intel.com>\n${sob(MAX)}\n`,
    files: { 'rust/kernel/a.rs': 'fn a() {}\n++x\n--y\n' },
  });
  repo.git(['checkout', '-q', '-b', 'side']);
  repo.commit({
    author: CAROL,
    committer: MAX,
    date: '2024-02-05T00:00:00Z',
    message: `rust: add b\n\nCo-developed-by: Dave Dev <dave@example.com>\nSigned-off-by: Dave Dev <dave@example.com>\n${sob(CAROL)}\nTested-by: Tess Tester <tess@example.com>\nAcked-by: Bob Reviewer <bob@intel.com>\n${sob(MAX)}\n`,
    files: { 'rust/ü b.rs': 'fn b() {}\nfn c() {}\n' },
  });
  repo.git(['checkout', '-q', 'main']);
  repo.commit({
    author: ALICE_OLD,
    committer: MAX,
    date: '2024-02-10T00:00:00Z',
    message: `foo: use c\n\nreviewed-by: Bob Reviewer <bob@intel.com>\nReported-by: syzbot+123@syzkaller.appspotmail.com\n${sob(MAX)}\n`,
    files: { 'drivers/foo.c': 'int a;\nint c;\n' },
  });
  repo.merge('side', {
    author: MAX,
    date: '2024-02-15T00:00:00Z',
    message: "Merge branch 'side'\n\nSigned-off-by: Merge Only <merge@example.com>\n",
  });
  repo.tag('v2');
  // v2..v3: c4 committed ten days after it was written; c5 removes a line "--y".
  repo.commit({
    author: BOB,
    committer: MAX,
    date: '2024-03-01T00:00:00Z',
    commitDate: '2024-03-11T00:00:00Z',
    message: `foo: remove the driver\n\n${sob(BOB)}\n${sob(MAX)}\n`,
    files: { 'drivers/foo.c': null },
  });
  // c5 also takes Bob off the RUST section's R: lines.
  repo.commit({
    author: MAX,
    date: '2024-03-05T00:00:00Z',
    message: `rust: a: replace y\n\n${sob(MAX)}\n`,
    files: {
      'rust/kernel/a.rs': 'fn a() {}\n++x\nfn b() {}\n',
      MAINTAINERS: MAINTAINERS.replace('R:\tBob Reviewer <bob@intel.com>\n', ''),
    },
  });
  repo.tag('v3');
});
after(() => {
  repo.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const names = (xs: { name: string }[] | undefined) => (xs ?? []).map((x) => x.name);
const person = (i: IntervalResult, name: string) => i.people.find((p) => p.name === name);

describe('people over v1..v2..v3, every file', () => {
  let r: PeopleResult;
  before(() => (r = json(repo.dir, '--revs', 'v1,v2,v3')));

  it('counts non-merge commits per interval, lines in every file, changed as the sum of max(added, removed)', () => {
    const [v2, v3] = r.intervals;
    assert.deepEqual([v2!.label, v2!.from, v3!.label, v3!.from], ['v2', 'v1', 'v3', 'v2']);
    assert.deepEqual([v2!.changesets, v2!.added, v2!.removed, v2!.changed], [3, 6, 1, 6]);
    assert.deepEqual([v3!.changesets, v3!.added, v3!.removed, v3!.changed], [2, 1, 4, 4]);
  });

  it('merges identities through the .mailmap: Alice under two addresses is one developer', () => {
    const v2 = r.intervals[0]!;
    assert.equal(v2.developers, 2);
    assert.deepEqual(person(v2, 'Alice Example'), {
      name: 'Alice Example',
      email: 'alice@corp.example',
      changesets: 2,
      added: 4,
      removed: 1,
      changed: 4,
      signoffs: 0,
      reviews: 0,
      acks: 0,
      tests: 0,
      reports: 0,
      suggestions: 0,
      codeveloped: 0,
      testsGiven: 0,
      reportsGiven: 1,
    });
    assert.equal(r.mailmap.entries, 1);
  });

  it("credits trailers in every spelling; the author's own signoff and the merge's do not count", () => {
    const v2 = r.intervals[0]!;
    assert.deepEqual(v2.credits, {
      signoff: 4,
      reviewed: 2,
      acked: 1,
      tested: 1,
      reported: 1,
      suggested: 0,
      codeveloped: 1,
      testsGiven: 1,
      reportsGiven: 1,
    });
    assert.equal(person(v2, 'Max Maintainer')!.signoffs, 3);
    assert.equal(person(v2, 'Dave Dev')!.codeveloped, 1);
    assert.equal(person(v2, 'syzbot+123@syzkaller.appspotmail.com')!.reports, 1);
    assert.equal(person(v2, 'Merge Only'), undefined);
    assert.deepEqual(v2.reviewCoverage, { reviewed: 3, share: 100 });
    assert.equal(r.intervals[1]!.credits.signoff, 1);
  });

  it('first-time contributors, concentration, employers and latency', () => {
    const [v2, v3] = r.intervals;
    assert.deepEqual(names(v2!.firstTime?.all), ['Alice Example', 'Carol New']);
    assert.deepEqual(names(v3!.firstTime?.all), ['Bob Reviewer', 'Max Maintainer']);
    assert.deepEqual(v2!.concentration, { changesets: 1, reviews: 1, signoffs: 1, employers: 1 });
    assert.deepEqual(
      v3!.employerRows.map((e) => [e.employer, e.changesets, e.developers]),
      [
        ['(Unknown)', 1, 1],
        ['Intel', 1, 1],
      ],
    );
    assert.deepEqual(v3!.latencyDays, { median: 0, p90: 10 });
    assert.deepEqual(v3!.top.linesRemoved, [
      { name: 'Bob Reviewer', count: 2, share: 50 },
      { name: 'Max Maintainer', count: 1, share: 25 },
    ]);
  });

  it('people who went quiet: active in v2, not in the one interval after', () => {
    assert.deepEqual(names(json(repo.dir, '--revs', 'v1,v2,v3', '--quiet-after', '1').intervals[1]!.wentQuiet), [
      'Alice Example',
      'Carol New',
    ]);
    assert.deepEqual(r.intervals[1]!.wentQuiet, []);
  });
});

describe("people --gitdm: gitdm's reading", () => {
  it('skips lines that begin with + or -, bare addresses and the trailers gitdm does not read', () => {
    const [v2, v3] = json(repo.dir, '--revs', 'v1,v2,v3', '--gitdm').intervals;
    assert.deepEqual([v2!.added, v2!.removed, v2!.changed], [5, 1, 5]);
    assert.deepEqual([v3!.added, v3!.removed, v3!.changed], [1, 3, 3]);
    assert.deepEqual(v2!.credits, {
      signoff: 4,
      reviewed: 2,
      acked: 0,
      tested: 1,
      reported: 0,
      suggested: 0,
      codeveloped: 0,
      testsGiven: 1,
      reportsGiven: 0,
    });
  });
});

describe('people scopes', () => {
  it('--rust: commits touching .rs files or rust/, lines in those files; first-time in scope', () => {
    const [v2, v3] = json(repo.dir, '--revs', 'v1,v2,v3', '--rust').intervals;
    assert.deepEqual([v2!.changesets, v2!.added, v2!.removed, v2!.developers], [2, 5, 0, 2]);
    assert.equal(v2!.credits.signoff, 3);
    assert.deepEqual([v3!.changesets, v3!.added, v3!.removed], [1, 1, 1]);
    assert.deepEqual(names(v3!.firstTime?.all), ['Bob Reviewer', 'Max Maintainer']);
    assert.deepEqual(names(v3!.firstTime?.inScope), ['Max Maintainer']);
  });

  it('--paths with a name git quotes', () => {
    const [v2, v3] = json(repo.dir, '--revs', 'v1,v2,v3', '--paths', 'rust/ü b.rs').intervals;
    assert.deepEqual([v2!.changesets, v2!.added, v3!.changesets], [1, 2, 0]);
    assert.deepEqual(names(v2!.people.filter((p) => p.changesets)), ['Carol New']);
  });

  it('--section by name (any case), matched by the MAINTAINERS engine; an unknown one names the closest', () => {
    const [v2, v3] = json(repo.dir, '--revs', 'v1,v2,v3', '--section', 'foo driver').intervals;
    assert.deepEqual([v2!.changesets, v3!.changesets], [1, 1]);
    const bad = run(repo.dir, '--revs', 'v1,v2,v3', '--section', 'RUTS');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no MAINTAINERS section named "RUTS".*RUST/);
  });
});

describe('people: maintainer liveness', () => {
  it('--section: the M and R at the last revision, when each was last active in the section; who left its lines', () => {
    const r = json(repo.dir, '--revs', 'v1,v2,v3', '--section', 'RUST');
    assert.deepEqual(r.liveness, {
      asOf: '2024-03-05',
      historyFrom: '2024-01-01',
      spansIdlePeriod: false,
      sections: [
        {
          section: 'RUST',
          commits: 3,
          lastCommit: '2024-03-05',
          commitsLastYear: 3,
          people: [{ name: 'Max Maintainer', email: 'max@kernel.org', role: 'M', lastActive: '2024-03-05', idleDays: 0, idle: false }],
          left: [{ name: 'Bob Reviewer', email: 'bob@intel.com', role: 'R', lastActive: '2024-02-05' }],
        },
      ],
    });
  });

  it('--rust: the sections that cover .rs files; none without --section or --rust', () => {
    assert.deepEqual(
      json(repo.dir, '--revs', 'v1,v2,v3', '--rust').liveness?.sections.map((s) => s.section),
      ['RUST'],
    );
    assert.equal(json(repo.dir, '--revs', 'v1,v2,v3').liveness, undefined);
  });
});

describe('people on other clones and bad input', () => {
  it('a bare clone gives the same answer (its .mailmap read from the revision)', () => {
    const bare = join(tmp, 'bare.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare]);
    assert.deepEqual(json(bare, '--revs', 'v1,v2,v3').intervals, json(repo.dir, '--revs', 'v1,v2,v3').intervals);
  });

  it('a shallow clone says where its history stops and counts nobody as first-time', () => {
    const shallow = join(tmp, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '3', `file://${repo.dir}`, shallow]);
    const v2 = repo.git(['rev-parse', 'v2']).trim();
    const r = json(shallow, '--revs', `${v2},HEAD`);
    assert.equal(r.shallowSince, '2024-02-15');
    assert.equal(r.intervals[0]!.changesets, 2);
    assert.equal(r.intervals[0]!.firstTime, null);
    const text = run(shallow, '--revs', `${v2},HEAD`, '--no-store');
    assert.match(text.stdout, /shallow clone: history before 2024-02-15 is missing/);
  });

  it('one line and exit 2 for a directory that is no repository, an unknown revision, a glob that matches nothing, one revision', () => {
    for (const [args, message] of [
      [[tmp, '--revs', 'v1,v2'], /not a git repository/],
      [[repo.dir, '--revs', 'v1,v9'], /unknown revision: v9/],
      [[repo.dir, '--revs', 'x*'], /no tag matches x\*/],
      [[repo.dir, '--revs', 'v2'], /two revisions or more/],
      [[repo.dir], /give --revs/],
    ] as const) {
      const r = run(...args, '--no-store');
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('a name that is not UTF-8, a 1 MB message, trailers without an address, no .mailmap: counted, no crash', () => {
    const odd = new HistoryRepo();
    try {
      odd.commit({ author: OLD, date: '2024-01-01T00:00:00Z', message: 'base\n', files: { 'a.c': 'x\n' } });
      odd.tag('r1');
      const who = Buffer.concat([Buffer.from('B'), Buffer.from([0xff]), Buffer.from('d Name <bad@example.org> 1704153600 +0000\n')]);
      const message = `odd\n\n${'line of a very long message\n'.repeat(40_000)}Reviewed-by: Somebody\nTested-by: <tess@example.com>\n`;
      odd.rawCommit(Buffer.concat([Buffer.from('author '), who, Buffer.from('committer '), who, Buffer.from('\n'), Buffer.from(message)]));
      odd.tag('r2');
      const r = json(odd.dir, '--revs', 'r1,r2');
      const i = r.intervals[0]!;
      assert.equal(r.mailmap.entries, 0);
      assert.equal(i.changesets, 1);
      assert.deepEqual(names(i.people.filter((p) => p.changesets)), ['B\uFFFDd Name']);
      assert.deepEqual([i.credits.reviewed, i.credits.tested], [1, 1]);
      assert.deepEqual(names(i.people.filter((p) => p.tests)), ['tess@example.com']);
      assert.deepEqual(json(odd.dir, '--revs', 'r1,r2', '--gitdm').intervals[0]!.credits.reviewed, 0);
    } finally {
      odd.dispose();
    }
  });
});

describe('people and the store', () => {
  it('a rerun reads the intervals from the store and gives the same answer', () => {
    const db = join(tmp, 'store.db');
    const once = run(repo.dir, '--revs', 'v1,v2,v3', '--format', 'json', '--db', db);
    const twice = run(repo.dir, '--revs', 'v1,v2,v3', '--format', 'json', '--db', db);
    assert.equal(once.status, 0, once.stderr);
    assert.equal(twice.stdout, once.stdout);
    assert.equal(once.stdout, run(repo.dir, '--revs', 'v1,v2,v3', '--format', 'json', '--no-store').stdout);
  });

  it('CSV has one row per interval and person; text and Markdown print the summary and the top tables', () => {
    const csv = run(repo.dir, '--revs', 'v1,v2,v3', '--format', 'csv', '--no-store').stdout.trim().split('\n');
    assert.equal(
      csv[0],
      'Interval,From,To,Name,Email,Changesets,Added,Removed,Changed,Signoffs,Reviews,Acks,Tests,Reports,Suggestions,Co-developed,Tests given,Reports given',
    );
    assert.ok(csv.includes('v2,v1,v2,Alice Example,alice@corp.example,2,4,1,4,0,0,0,0,0,0,0,0,1'), csv.join('\n'));
    const md = run(repo.dir, '--revs', 'v1,v2,v3', '--format', 'md', '--no-store').stdout;
    assert.match(md, /\| v1\.\.v2 \| 3 \| 2 \|/);
    assert.match(md, /\| Developers with the most changesets \| Count \| Share \|/);
  });
});
