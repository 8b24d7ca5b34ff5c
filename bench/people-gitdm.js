#!/usr/bin/env node
// Checks `ferrometer people --gitdm` against the gitdm statistics u-boot publishes for its releases
// (doc/develop/statistics/u-boot-stats-vNEW.rst, range vOLD..parent of vNEW: the "Prepare vNEW"
// commit adds the file), person by person, for each developer table.
//   node bench/people-gitdm.js UBOOT_REPO [v2026.01 v2026.04 v2026.07]
// Prints each table's differences; exits 1 when one differs. Used by test/realdata/people-uboot.
import { execFileSync } from 'node:child_process';
import { compareWithGitdm } from './people-gitdm-lib.js';

const [repo, ...releases] = process.argv.slice(2);
if (!repo) {
  console.error('usage: node bench/people-gitdm.js UBOOT_REPO [RELEASE…]');
  process.exit(2);
}
const list = releases.length ? releases : ['v2026.01', 'v2026.04', 'v2026.07'];
const tags = execFileSync('git', ['--git-dir', repo, 'tag', '-l', 'v20*'], { encoding: 'utf8' })
  .split('\n')
  .filter((t) => /^v\d{4}\.\d{2}$/.test(t))
  .sort();
let failed = false;
for (const release of list) {
  const previous = tags[tags.indexOf(release) - 1];
  const report = compareWithGitdm(repo, previous, release);
  console.log(`${previous}..${report.end}: ${report.summary}`);
  for (const d of report.differences) console.log(`  ${d}`);
  if (report.differences.length) failed = true;
}
process.exit(failed ? 1 : 0);
