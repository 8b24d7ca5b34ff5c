// A value kept in a file of its own between runs, beside the store: the file holds the key the
// value was made for and a SHA-1 of the value before it, so a read gives back exactly what was
// written for that key, or nothing. A damaged, cut or foreign file is no value, a cache that
// cannot be read or written is no cache, and a write replaces the file whole (a new file renamed
// into place), so a reader never sees half of one. CommonJS (a .cts): bin/ferrometer.cjs keeps the
// bundles' code cache with it before any bundle is loaded.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirectory } from './location.cjs';

const SHA1_BYTES = 20;

/** SHA-1 of the parts, raw; strings as their UTF-16 code units, so that any two differ (crypto.hash needs Node 20.12). */
export function sha1(...parts: (string | Uint8Array)[]): Buffer {
  const hash = createHash('sha1');
  for (const p of parts) {
    if (typeof p === 'string') hash.update(p, 'utf16le');
    else hash.update(p);
  }
  return hash.digest();
}

/** The value written at path for this key (a SHA-1), or undefined. */
export function readChecked(path: string, key: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const value = bytes.subarray(2 * SHA1_BYTES);
  const fits = bytes.length > 2 * SHA1_BYTES && key.equals(bytes.subarray(0, SHA1_BYTES));
  return fits && sha1(value).equals(bytes.subarray(SHA1_BYTES, 2 * SHA1_BYTES)) ? value : undefined;
}

/** Keeps the value at path for this key; says nothing when it cannot. */
export function writeChecked(path: string, key: Buffer, value: Uint8Array): void {
  const temporary = `${path}.${process.pid}`;
  try {
    makeDirectory(dirname(path));
    writeFileSync(temporary, Buffer.concat([key, sha1(value), value]));
    renameSync(temporary, path);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}
