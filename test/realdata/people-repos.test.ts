// `people` on real repositories with kernel-style trailers, checked against git's own answers:
// `git shortlog -sn` (with the revision's .mailmap) for changesets per person, `git log --numstat`
// for lines, `git rev-list` for changesets. FERROMETER_PIN_INIT_BUNDLE and FERROMETER_LIBBPF_BUNDLE
// name the bundles (.ci/run sets them). FERROMETER_UBOOT names a u-boot clone: there, the
// gitdm-compatible tables must equal the statistics u-boot publishes (bench/people-gitdm-lib.js).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PeopleResult } from '../../src/analyze/people/people-history.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-people-real-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function people(repo: string, ...args: string[]): PeopleResult {
  const r = spawnSync(process.execPath, [bin, 'people', repo, '--format', 'json', '--no-store', '--top', '1000', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as PeopleResult;
}

/**
 * git's count of non-merge commits per author in A..B (`shortlog -sne` through the .mailmap of the
 * last revision), its rows joined where they share an address or a name (the rule that makes a
 * person): "email:ADDRESS" and "name:NAME" → that person's count. (A person's address in ferrometer
 * may come from a trailer, which shortlog does not read: then the name finds it.)
 */
function shortlog(repo: string, from: string, to: string, mailmapAt: string): { byKey: Map<string, number>; persons: number } {
  const out = execFileSync(
    'git',
    ['--git-dir', repo, '-c', `mailmap.blob=${mailmapAt}:.mailmap`, 'shortlog', '-sne', '--no-merges', `${from}..${to}`],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const rows = out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^\s*(\d+)\t(.*) <(.*)>$/.exec(l)!;
      return { count: Number(m[1]), keys: [`name:${m[2]}`, `email:${m[3]!.toLowerCase()}`] };
    });
  const group = new Map<string, number>();
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  rows.forEach((r, i) => {
    for (const k of r.keys) {
      if (group.has(k)) parent[find(i)] = find(group.get(k)!);
      else group.set(k, i);
    }
  });
  const total = new Map<number, number>();
  rows.forEach((r, i) => {
    total.set(find(i), (total.get(find(i)) ?? 0) + r.count);
  });
  return { byKey: new Map([...group].map(([k, i]) => [k, total.get(find(i))!])), persons: total.size };
}

function numstat(repo: string, from: string, to: string): [number, number] {
  const out = execFileSync('git', ['--git-dir', repo, 'log', '--no-merges', '-M', '--numstat', '--format=', `${from}..${to}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  let [a, r] = [0, 0];
  for (const l of out.split('\n')) {
    const m = /^(\d+)\t(\d+)\t/.exec(l);
    if (m) {
      a += Number(m[1]);
      r += Number(m[2]);
    }
  }
  return [a, r];
}

function checkAgainstGit(repo: string, revisions: string[]): PeopleResult {
  const result = people(repo, '--revs', revisions.join(','));
  assert.equal(result.intervals.length, revisions.length - 1);
  for (const i of result.intervals) {
    const git = shortlog(repo, i.from!, i.to, revisions.at(-1)!);
    const authors = i.people.filter((p) => p.changesets);
    for (const p of authors)
      assert.equal(
        p.changesets,
        git.byKey.get(`email:${p.email}`) ?? git.byKey.get(`name:${p.name}`),
        `${i.from}..${i.to}: changesets of ${p.name} <${p.email}>`,
      );
    assert.equal(authors.length, git.persons, `${i.from}..${i.to}: developers`);
    assert.equal(
      authors.reduce((n, p) => n + p.changesets, 0),
      i.changesets,
    );
    assert.deepEqual([i.added, i.removed], numstat(repo, i.from!, i.to), `${i.from}..${i.to}: lines`);
    const count = Number(
      execFileSync('git', ['--git-dir', repo, 'rev-list', '--count', '--no-merges', `${i.from}..${i.to}`], { encoding: 'utf8' }),
    );
    assert.equal(i.changesets, count);
  }
  return result;
}

function clone(bundle: string, name: string): string {
  const dir = join(tmp, name);
  execFileSync('git', ['clone', '-q', '--bare', bundle, dir]);
  return dir;
}

const pinInit = process.env.FERROMETER_PIN_INIT_BUNDLE;
describe('people on pin-init', { skip: pinInit ? false : 'FERROMETER_PIN_INIT_BUNDLE is not set' }, () => {
  it('agrees with git shortlog and numstat per interval; the .mailmap makes one person of three identities', () => {
    const repo = clone(pinInit!, 'pin-init.git');
    const result = checkAgainstGit(repo, ['v0.0.0', 'v0.0.4', 'v0.0.8', 'v0.0.10', 'main']);
    const everyone = result.intervals.flatMap((i) => i.people.map((p) => p.name));
    assert.ok(everyone.includes('Benno Lossin'));
    assert.ok(!everyone.includes('y86-dev'), 'y86-dev is Benno Lossin by the .mailmap');
    const last = result.intervals.at(-1)!;
    assert.ok(last.credits.signoff > 0 && last.credits.reviewed > 0, JSON.stringify(last.credits));
  });
});

const libbpf = process.env.FERROMETER_LIBBPF_BUNDLE;
describe('people on libbpf', { skip: libbpf ? false : 'FERROMETER_LIBBPF_BUNDLE is not set' }, () => {
  it('agrees with git shortlog and numstat over the v1.6 releases; kernel trailers are credited', () => {
    const repo = clone(libbpf!, 'libbpf.git');
    const result = checkAgainstGit(repo, ['v1.5.0', 'v1.6.0', 'v1.6.1', 'v1.6.2', 'v1.6.3', 'v1.7.0']);
    const reviews = result.intervals.reduce((n, i) => n + i.credits.reviewed + i.credits.acked, 0);
    assert.ok(reviews > 100, `reviews and acks: ${reviews}`);
  });
});

const uboot = process.env.FERROMETER_UBOOT;
describe('people --gitdm on u-boot', { skip: uboot ? false : 'FERROMETER_UBOOT is not set (a u-boot clone)' }, () => {
  it('equals the gitdm statistics u-boot publishes for v2026.01, v2026.04 and v2026.07, person by person', async () => {
    const { compareWithGitdm } = (await import(new URL('../../../bench/people-gitdm-lib.js', import.meta.url).href)) as {
      compareWithGitdm: (repo: string, previous: string, release: string) => { differences: string[] };
    };
    for (const [previous, release] of [
      ['v2025.10', 'v2026.01'],
      ['v2026.01', 'v2026.04'],
      ['v2026.04', 'v2026.07'],
    ] as const) {
      assert.deepEqual(compareWithGitdm(uboot!, previous, release).differences, [], release);
    }
  });
});
