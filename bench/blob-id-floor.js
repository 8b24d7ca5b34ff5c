#!/usr/bin/env node
// What a cold-store scan of a directory must do beyond a no-store scan, and nothing else: give each
// file its git blob id (SHA-1 of "blob <size>\0" and its bytes, as ferrometer computes it) and take
// its stat (which the store's snapshot keeps), on one thread. Each round reads every regular file
// twice in turn, once plainly and once with fstat and SHA-1, and prints the median extra CPU time.
//   node bench/blob-id-floor.js TREE [--rounds N]      → prints "extra-cpu-seconds files bytes"
// bench/scan-kernel.js runs it to show how near the cold scan is to that floor.
import { hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { regularFiles } from './files.js';

const args = process.argv.slice(2);
const tree = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');
const rounds = Number(args.includes('--rounds') ? args[args.indexOf('--rounds') + 1] : 3);
if (!tree) throw new Error('usage: node bench/blob-id-floor.js TREE [--rounds N]');

const files = regularFiles(tree);

// Room before the bytes for git's header, so that header and bytes are hashed in place, in one call.
const HEADROOM = 32;
let buffer = Buffer.allocUnsafe(1 << 20);
let bytes = 0;
/** One pass over every file: read whole; with `blobIds`, stat'ed and hashed too. */
function pass(blobIds) {
  const start = process.cpuUsage();
  bytes = 0;
  for (const f of files) {
    const fd = openSync(f, 'r');
    const size = blobIds ? fstatSync(fd).size : 0;
    let length = 0;
    for (let n = -1; n !== 0; length += n) {
      if (HEADROOM + length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      n = readSync(fd, buffer, HEADROOM + length, buffer.length - HEADROOM - length, length);
    }
    closeSync(fd);
    bytes += length;
    if (blobIds) {
      const header = `blob ${size}\0`;
      buffer.write(header, HEADROOM - header.length, 'latin1');
      hash('sha1', buffer.subarray(HEADROOM - header.length, HEADROOM + length), 'binary');
    }
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
pass(false); // warm the page cache
const plain = [];
const withIds = [];
for (let r = 0; r < rounds; r++) {
  plain.push(pass(false));
  withIds.push(pass(true));
}
console.log(`${Math.max(0, median(withIds) - median(plain)).toFixed(3)} ${files.length} ${bytes}`);
