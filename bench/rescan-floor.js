#!/usr/bin/env node
// What a rescan of an unchanged tree cannot skip, and nothing else, run as its own Node process (so
// that Node's start is in it, as it is in every ferrometer run):
// - outside git: walk the tree (no ignore rules, which would only add work) and lstat every
//   regular file, on one thread: a file unchanged since the last scan is known only by its stat;
// - in a git work tree: the four listings ferrometer asks git for (the index with blob ids, the
//   files that differ from it, untracked and ignored files), run side by side as ferrometer runs
//   them, each read to its end and nothing parsed.
//   node bench/rescan-floor.js TREE        → prints "files-or-bytes-listed"
// bench/scan-kernel.js times it in every round, beside the rescan.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const tree = process.argv[2];
if (!tree) throw new Error('usage: node bench/rescan-floor.js TREE');

if (existsSync(join(tree, '.git'))) {
  const listings = [
    ['ls-files', '-z', '-s'],
    ['diff-files', '-z', '--name-status'],
    ['ls-files', '-z', '--others', '--exclude-standard'],
    ['ls-files', '-z', '--others', '--ignored', '--exclude-standard'],
  ];
  let bytes = 0;
  await Promise.all(
    listings.map(
      (args) =>
        new Promise((resolve, reject) => {
          const git = spawn('git', ['-C', tree, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
          git.stdout.on('data', (chunk) => (bytes += chunk.length));
          git.on('error', reject);
          git.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args[0]} failed`))));
        }),
    ),
  );
  console.log(bytes);
} else {
  let files = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile() && lstatSync(path).size >= 0) files++;
    }
  };
  walk(tree);
  console.log(files);
}
