// Git's object ids, computed as git computes them, so that facts about bytes read from disk and
// about blobs read from a repository are the same facts.
import { createHash } from 'node:crypto';

/** Git's id of a blob, raw: SHA-1 of "blob <size>\0" and the bytes. */
export function blobId(bytes: Buffer): Buffer {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest();
}
