#!/usr/bin/env node
// The big oracle check of issue 5: `maintainers -f` against the tree's own get_maintainer.pl
// (PERL_HASH_SEED=0) for N files spread over the tree, every .rs file among them.
//   node bench/get-maintainer-oracle.js TREE [--files N]     (default 2000)
// Prints how many agree exactly, how many agree once tied sections are reordered, and every
// disagreement. Slow (the script takes ~0.2 s per file); the test suite runs a small sample.
import { walkTree } from '../dist/src/source/fs-tree.js';
import { compareWithOracle, oracleAnswers, sampleFiles } from '../dist/test/helpers/get-maintainer-oracle.js';

const args = process.argv.slice(2);
const tree = args[0];
if (!tree) throw new Error('usage: node bench/get-maintainer-oracle.js TREE [--files N]');
const n = Number(args.includes('--files') ? args[args.indexOf('--files') + 1] : 2000);
const files = sampleFiles(
  walkTree(tree).files.map((f) => f.path),
  n,
);
const t0 = performance.now();
const theirs = await oracleAnswers(tree, files);
const c = compareWithOracle(tree, files, theirs);
for (const d of c.disagreements) console.log(`== ${d.file}\n-- ferrometer\n${d.ours}-- get_maintainer.pl\n${d.theirs}`);
console.log(
  `${tree}: ${c.files} files (${files.filter((f) => f.endsWith('.rs')).length} .rs): ${c.identical} identical, ${c.sameSetTied} equal up to the order of tied sections, ${c.disagreements.length} disagree (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);
