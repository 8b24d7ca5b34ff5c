// The comparison behind bench/people-gitdm.js: gitdm's published tables (parsed from u-boot's RST)
// against `ferrometer people --gitdm --format json` over the same range.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/ferrometer.js', import.meta.url));

/** gitdm's table titles → the key of ferrometer's top tables. */
const TABLES = {
  'Developers with the most changesets': 'changesets',
  'Developers with the most changed lines': 'changedLines',
  'Developers with the most lines removed': 'linesRemoved',
  'Developers with the most signoffs': 'signoffs',
  'Developers with the most reviews': 'reviews',
  'Developers with the most test credits': 'testCredits',
  'Developers who gave the most tested-by credits': 'testedByGiven',
  'Developers with the most report credits': 'reportCredits',
  'Developers who gave the most report credits': 'reportsGiven',
};

/** { header: {changesets, developers, added, removed}, tables: {key: Map(name → count)} } */
export function parseGitdmRst(text) {
  const header = {};
  let m;
  if ((m = /Processed (\d+) changesets from (\d+) developers/.exec(text)))
    [header.changesets, header.developers] = [Number(m[1]), Number(m[2])];
  if ((m = /A total of (\d+) lines added, (\d+) removed/.exec(text))) [header.added, header.removed] = [Number(m[1]), Number(m[2])];
  const tables = {};
  let current;
  for (const line of text.split('\n')) {
    const t = /^\.\. table:: (.*?)(?: \(total \d+\))?\s*$/.exec(line);
    if (t) {
      current = TABLES[t[1]];
      if (current) tables[current] = new Map();
      continue;
    }
    const row = /^ {3}(\S.*?)\s{2,}(\d+) \(\d+\.\d%\)\s*$/.exec(line);
    if (row && current) tables[current].set(row[1], Number(row[2]));
  }
  return { header, tables };
}

export function ferrometerPeople(repo, from, to, extra = []) {
  const out = execFileSync(
    process.execPath,
    [BIN, 'people', repo, '--revs', `${from},${to}`, '--gitdm', '--top', '100000', '--format', 'json', '--no-store', ...extra],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  return JSON.parse(out).intervals[0];
}

/**
 * Where each published range ends. Mostly at the parent of the release tag; u-boot's v2026.04 file
 * counts the "Prepare v2026.04" commit too (its +817/-17 lines are exactly the file's surplus over
 * the parent's range: Makefile 1/1, release_cycle.rst 16/16, the statistics file itself 800/0).
 */
const RANGE_END = { 'v2026.04': '' };

export function compareWithGitdm(repo, previous, release, extra = []) {
  const rst = execFileSync('git', ['--git-dir', repo, 'show', `${release}:doc/develop/statistics/u-boot-stats-${release}.rst`], {
    encoding: 'utf8',
  });
  const gitdm = parseGitdmRst(rst);
  const end = `${release}${RANGE_END[release] ?? '^'}`;
  const ours = ferrometerPeople(repo, previous, end, extra);
  const differences = [];
  const header = { changesets: ours.changesets, developers: ours.developers, added: ours.added, removed: ours.removed };
  for (const [k, v] of Object.entries(gitdm.header)) if (header[k] !== v) differences.push(`${k}: gitdm ${v}, ferrometer ${header[k]}`);
  let people = 0;
  for (const [key, theirs] of Object.entries(gitdm.tables)) {
    const mine = new Map(ours.top[key].map((r) => [r.name, r.count]));
    for (const [name, n] of theirs) {
      people++;
      if (mine.get(name) !== n) differences.push(`${key}: ${name}: gitdm ${n}, ferrometer ${mine.get(name) ?? 'absent'}`);
    }
    for (const [name, n] of mine) if (!theirs.has(name)) differences.push(`${key}: ${name}: gitdm absent, ferrometer ${n}`);
  }
  return {
    end,
    summary: `${Object.keys(gitdm.tables).length} tables, ${people} rows compared, ${differences.length} differences`,
    differences,
    gitdm,
    ours,
  };
}
