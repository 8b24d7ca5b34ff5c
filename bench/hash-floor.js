#!/usr/bin/env node
// The least a cold store can add to a directory scan: computing every file's git blob id (SHA-1 of
// "blob <size>\0" + bytes) with the files already in memory, on one core. Prints the seconds.
//   node bench/hash-floor.js TREE
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.isFile()) files.push(join(dir, e.name));
  }
};
walk(process.argv[2]);
const contents = files.map((f) => readFileSync(f));
const t = performance.now();
for (const bytes of contents) createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest();
console.log(((performance.now() - t) / 1000).toFixed(3));
