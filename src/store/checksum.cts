// A fast 64-bit checksum (checksum.wat) for the small caches beside the store, which the launcher
// (cli/launch.cts) and `maintainers` read on every run: loading node:crypto for a SHA-1 took ~5 ms
// of a ~70 ms `maintainers` run, compiling this module well under one. Not a cryptographic hash:
// it finds damage, and names files; what a cache was made for is its key, compared exactly
// (checked-file.cts). CommonJS (a .cts), as the launcher needs it before any bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ChecksumExports {
  memory: WebAssembly.Memory;
  checksum(words: number, length: bigint): bigint;
}

let instance: ChecksumExports | undefined;

/** The module, read and compiled at its first use. */
function module_(): ChecksumExports {
  // From dist/src/store, and from dist/src/bundle when bundled into a command: one path for both.
  instance ??= new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(__dirname, '../store/checksum.wasm'))))
    .exports as unknown as ChecksumExports;
  return instance;
}

/** The checksum of the parts as one run of bytes, each part preceded by its length (so that no two lists of parts run together alike); 8 bytes. */
export function checksum(...parts: (string | Uint8Array)[]): Buffer {
  const data = parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p));
  const length = data.reduce((n, p) => n + 4 + p.length, 0);
  const words = Math.ceil(length / 8);
  const { memory, checksum: sum } = module_();
  const room = words * 8 - memory.buffer.byteLength;
  if (room > 0) memory.grow(Math.ceil(room / 65536));
  const into = Buffer.from(memory.buffer);
  let at = 0;
  for (const p of data) {
    into.writeUInt32LE(p.length, at);
    into.set(p, at + 4);
    at += 4 + p.length;
  }
  into.fill(0, at, words * 8);
  const out = Buffer.allocUnsafe(8);
  out.writeBigUInt64LE(BigInt.asUintN(64, sum(words, BigInt(length))));
  return out;
}
