#!/usr/bin/env node
// What a rescan of an unchanged tree cannot skip, and nothing else, run as its own Node process (so
// that Node's start is in it, as it is in every ferrometer run):
// - outside git: walk the tree (no ignore rules, which would only add work) and lstat every
//   regular file, on one thread: a file unchanged since the last scan is known only by its stat;
// - in a git work tree: the four listings ferrometer asks git for (the index with blob ids, the
//   files that differ from it, untracked and ignored files), with its arguments, run side by side
//   as ferrometer runs them, each read to its end and nothing parsed.
//   node bench/rescan-floor.js TREE [LISTINGS]   → prints the files stat'ed or the bytes listed
// LISTINGS is the JSON of workTreeListings(TREE) (src/source/work-tree.ts): bench/scan-kernel.js
// passes it, so that loading ferrometer's modules (~20 ms) is not timed here. Without it, they are.
// bench/scan-kernel.js times this in every round, beside the rescan.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { regularFiles } from './files.js';

const [tree, given] = process.argv.slice(2);
if (!tree) throw new Error('usage: node bench/rescan-floor.js TREE [LISTINGS]');

if (existsSync(join(tree, '.git'))) {
  const listings = given ? JSON.parse(given) : (await import('../dist/src/source/work-tree.js')).workTreeListings(realpathSync(tree));
  let bytes = 0;
  await Promise.all(
    listings.map(
      (args) =>
        new Promise((resolve, reject) => {
          const git = spawn('git', args, { stdio: ['ignore', 'pipe', 'inherit'] });
          git.stdout.on('data', (chunk) => (bytes += chunk.length));
          git.on('error', reject);
          git.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')} failed`))));
        }),
    ),
  );
  console.log(bytes);
} else {
  let files = 0;
  for (const f of regularFiles(tree)) if (lstatSync(f).size >= 0) files++;
  console.log(files);
}
