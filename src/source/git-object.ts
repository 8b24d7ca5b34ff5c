// Git's object ids, computed as git computes them, so that facts about bytes read from disk and
// about blobs read from a repository are the same facts.
import { createHash } from 'node:crypto';

/** What git hashes before a blob's bytes: "blob <size>\0". */
export function blobHeader(size: number): string {
  return `blob ${size}\0`;
}

/** Git's id of a blob, raw: SHA-1 of its header and the bytes. */
export function blobId(bytes: Buffer): Buffer {
  return createHash('sha1').update(blobHeader(bytes.length)).update(bytes).digest();
}
