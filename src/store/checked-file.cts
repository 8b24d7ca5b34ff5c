// A value kept in a file of its own between runs, beside the store: the file holds the key the
// value was made for, whole, and a checksum of the value, so a read gives back exactly what was
// written for that key, or nothing. A damaged, cut or foreign file is no value, a cache that
// cannot be read or written is no cache, and a write replaces the file whole (a new file renamed
// into place), so a reader never sees half of one. CommonJS (a .cts): the launcher
// (cli/launch.cts) keeps the bundles' code cache with it before any bundle is loaded.
//
// The key is kept whole and compared byte for byte: a file's identity on disk (the bundle, a
// settled MAINTAINERS), or the file itself (one changed in the last seconds). A digest of it would
// have needed node:crypto (~5 ms of a `maintainers` run) or left room for a crafted collision. The
// checksum only has to find damage.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checksum } from './checksum.cjs';
import { makeDirectory } from './location.cjs';

/** What a value is for: parts (strings as UTF-8), compared in order, each by its bytes and length. */
export type CheckedKey = (string | Uint8Array)[];

const CHECKSUM_BYTES = 8;

const bytesOf = (key: CheckedKey) => key.map((p) => (typeof p === 'string' ? Buffer.from(p) : p));

/** Where the value starts in a file written for this key, or -1 when the file was written for another. */
function valueStart(bytes: Buffer, key: CheckedKey): number {
  let at = 0;
  for (const part of bytesOf(key)) {
    if (at + 4 > bytes.length || bytes.readUInt32LE(at) !== part.length) return -1;
    const end = at + 4 + part.length;
    if (end > bytes.length || !bytes.subarray(at + 4, end).equals(part)) return -1;
    at = end;
  }
  return at + CHECKSUM_BYTES <= bytes.length ? at + CHECKSUM_BYTES : -1;
}

/** The value written at path for this key, or undefined. */
export function readChecked(path: string, key: CheckedKey): Buffer | undefined {
  return readCheckedAny(path, [key])?.value;
}

/** The value written at path for one of these keys (the file is read once), and which key it was. */
export function readCheckedAny(path: string, keys: CheckedKey[]): { value: Buffer; key: number } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  let start = -1;
  let key = 0;
  while (key < keys.length && (start = valueStart(bytes, keys[key]!)) === -1) key++;
  if (start === -1) return undefined;
  const value = bytes.subarray(start);
  return checksum(value).equals(bytes.subarray(start - CHECKSUM_BYTES, start)) ? { value, key } : undefined;
}

/** Keeps the value at path for this key; says nothing when it cannot. */
export function writeChecked(path: string, key: CheckedKey, value: Uint8Array): void {
  const temporary = `${path}.${process.pid}`;
  try {
    makeDirectory(dirname(path));
    const parts = bytesOf(key).flatMap((p) => {
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32LE(p.length);
      return [length, p];
    });
    writeFileSync(temporary, Buffer.concat([...parts, checksum(value), value]));
    renameSync(temporary, path);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}
