// Reads files into one reusable buffer per thread: a kernel tree is 1.5 GB in 90 K files, and
// allocating a buffer per file would hand most of the run to the garbage collector.
import { sizeText } from '../core/sizes.js';
import * as crypto from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { FerrometerError } from '../core/errors.js';
import { blobHeader } from './git-object.js';

/**
 * One-shot SHA-1 (Node ≥ 20.12) is a third faster than a streaming hash; older Nodes stream. Looked
 * up at each use, not when this module loads: the CLI's bundles load node:crypto only when it is used.
 */
const oneShot = () => (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'binary') => string }).hash;

/**
 * A blob id as a 20-character Latin-1 ('binary') string, one character per byte: a digest as a Buffer costs
 * an ArrayBuffer of its own (~1 µs more per file, and more for the garbage collector's threads).
 */
export type RawBlobId = string;

export interface ReadOutcome {
  /** Size on disk. */
  size: number;
  /** Bytes now in the buffer: the whole file, or at most `limit` of it. */
  length: number;
  /**
   * With withStat: modification and change times (ms, as Node gives them: to a fraction of a
   * microsecond) and inode, from the open file. Numbers, not BigInts: a BigInt stat made ~1 KB of
   * garbage per file, and twice the young-generation collections of a counting thread.
   */
  mtimeMs?: number;
  ctimeMs?: number;
  ino?: number;
}

export class FileReader {
  private buffer: Buffer;

  /**
   * reserve(n) gives a buffer of at least n bytes, valid until its next call (default: a growing
   * heap buffer); `headroom` says how many bytes before each such buffer are free to write.
   */
  constructor(
    private readonly reserve: (n: number) => Buffer = heapReserve(),
    private readonly headroom = 0,
  ) {
    this.buffer = reserve(0);
  }

  get bytes(): Buffer {
    return this.buffer;
  }

  /**
   * Git's id of the first `length` bytes read: SHA-1 of "blob <length>\0" and the bytes, raw. The
   * header is written into the memory just before the buffer when there is room (the line counter's
   * memory keeps some), so the bytes are hashed in place, in one call.
   */
  blobId(length: number): RawBlobId {
    const header = blobHeader(length);
    const b = this.buffer;
    const hash = oneShot();
    if (hash && this.headroom >= header.length) {
      const whole = Buffer.from(b.buffer, b.byteOffset - header.length, header.length + length);
      whole.write(header, 0, 'latin1');
      return hash('sha1', whole, 'binary');
    }
    return crypto.createHash('sha1').update(header).update(b.subarray(0, length)).digest('binary');
  }

  /**
   * Reads up to `limit` bytes of the file at location; a file over `maxSize` is only stat'ed.
   * Throws the system error (ENOENT, EACCES, EISDIR…) for the caller to count.
   */
  read(location: string | Buffer, limit: number, maxSize = Infinity, withStat = false): ReadOutcome {
    const fd = openSync(location, 'r');
    try {
      const st = withStat ? fstatSync(fd) : undefined;
      // Most files fit the buffer: one read that comes back short is the whole file, and saves a
      // stat per file. Only a read that fills the buffer asks for the size. The stat size is not
      // trusted to be the end: /proc-like files say 0 and hold bytes.
      const first = Math.min(limit, this.buffer.length);
      let length = readSync(fd, this.buffer, 0, first, 0);
      // One shape for every outcome, stat or not (a spread stat made another, and garbage, per file).
      if (length < first) return { size: length, length, mtimeMs: st?.mtimeMs, ctimeMs: st?.ctimeMs, ino: st?.ino };
      let size = st ? Number(st.size) : fstatSync(fd).size;
      if (size <= length) size = this.sizeByReading(fd, length, maxSize);
      const want = size > maxSize ? 0 : Math.min(size, limit);
      if (want > this.buffer.length) this.buffer = this.reserve(want);
      while (length < want) {
        const n = readSync(fd, this.buffer, length, want - length, length);
        if (n === 0) break; // the file shrank while we read it
        length += n;
      }
      return { size, length: Math.min(length, want), mtimeMs: st?.mtimeMs, ctimeMs: st?.ctimeMs, ino: st?.ino };
    } finally {
      closeSync(fd);
    }
  }

  /** Up to n bytes of the file from offset on, into the buffer (grown to hold n); how many were read. */
  readRange(location: string | Buffer, offset: number, n: number): number {
    if (n > this.buffer.length) this.buffer = this.reserve(n);
    const fd = openSync(location, 'r');
    try {
      let length = 0;
      while (length < n) {
        const k = readSync(fd, this.buffer, length, n - length, offset + length);
        if (k === 0) break;
        length += k;
      }
      return length;
    } finally {
      closeSync(fd);
    }
  }

  /** The size of a file whose stat does not tell it: read on (into scratch space) until the end, or past maxSize. */
  private sizeByReading(fd: number, from: number, maxSize: number): number {
    const scratch = Buffer.allocUnsafe(1 << 16);
    let size = from;
    for (
      let n = readSync(fd, scratch, 0, scratch.length, size);
      n > 0 && size <= maxSize;
      n = readSync(fd, scratch, 0, scratch.length, size)
    )
      size += n;
    return size;
  }
}

/**
 * A file too large to hold at once, read a window at a time into a FileReader's buffer (its
 * first window already there), and hashed as git would as it goes: every byte once, in order.
 */
export class WindowedFile {
  /** File offset of the buffer's first byte, and how many bytes it holds. */
  private start = 0;
  private length: number;
  private hashedTo = 0;
  private readonly hash?: crypto.Hash;
  /** The file ended before (or after) the size it had when opened: its blob id is not known. */
  changed = false;

  constructor(
    private readonly reader: FileReader,
    private readonly location: string | Buffer,
    private readonly size: number,
    firstLength: number,
    private readonly windowBytes: number,
    withBlobId: boolean,
  ) {
    this.length = firstLength;
    if (withBlobId) this.hash = crypto.createHash('sha1').update(blobHeader(size));
  }

  /** The bytes from offset on (at least atLeast of them, or to the end); `last`: they reach the end. */
  window(offset: number, atLeast: number): { bytes: Buffer; last: boolean } {
    // What lies before offset is done with: hashed now, before the next read overwrites it.
    this.hashTo(offset);
    const want = Math.max(this.windowBytes, atLeast);
    this.length = this.reader.readRange(this.location, offset, want);
    this.start = offset;
    const last = this.length < want || offset + this.length >= this.size;
    if (last && offset + this.length !== this.size) this.changed = true;
    return { bytes: this.reader.bytes.subarray(0, Math.min(this.length, this.size - offset)), last };
  }

  /** Git's id of the file, reading on to its end if counting stopped early; undefined if it changed. */
  blobId(): RawBlobId | undefined {
    if (!this.hash) return undefined;
    while (!this.changed && this.start + this.length < this.size) this.window(this.start + this.length, 0);
    this.hashTo(Math.min(this.start + this.length, this.size));
    return this.changed ? undefined : this.hash.digest('binary');
  }

  private hashTo(end: number): void {
    if (this.hash && end > this.hashedTo) this.hash.update(this.reader.bytes.subarray(this.hashedTo - this.start, end - this.start));
    this.hashedTo = Math.max(this.hashedTo, end);
  }
}

function heapReserve(): (n: number) => Buffer {
  let buffer = Buffer.allocUnsafe(1 << 20);
  return (n) => {
    if (n > buffer.length) buffer = Buffer.allocUnsafe(Math.max(n, buffer.length * 2));
    return buffer;
  };
}

/** Where readRegularFile reads past what a file's size says (usually nothing: its end). */
const scratch = Buffer.allocUnsafe(1 << 16);

/** The most a single file read whole (MAINTAINERS, .mailmap, .gitignore, a record) may hold. */
export const MAX_SINGLE_FILE = 64 * 1024 * 1024;

/**
 * A whole file, read only if it is a regular file of at most maxSize bytes: a FIFO is never
 * opened for a blocking read (it would hang), a link to /dev/zero never read (it would fill the
 * memory). Undefined when there is no such file (or it is a directory); anything else is a
 * one-line error naming `label`.
 */
export function readRegularFile(location: string | Buffer, label: string, maxSize = MAX_SINGLE_FILE): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(location, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new FerrometerError('EBAD_FILE', `cannot read ${label}: ${code ?? (e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return undefined;
    if (!st.isFile())
      throw new FerrometerError(
        'EBAD_FILE',
        `${label} is not a regular file (${kindOf(st)}): not read`,
        'give a tree whose files are files',
      );
    if (st.size > maxSize)
      throw new FerrometerError(
        'EBAD_FILE',
        `${label} is ${sizeText(st.size)}, over the ${sizeText(maxSize)} limit for a single file: not read`,
      );
    // Room for the file as its size says and one byte more, to see its end. Then read on to the
    // end rather than trusting the size (/proc-like files say 0), within the limit: into a scratch
    // buffer, so that the read that finds the end (or a file that holds what its size says) takes
    // no more memory. A walk reads hundreds of .gitignore files, and 64 KB for each read held
    // ~45 MB of a kernel scan for the garbage collector.
    const first = Buffer.allocUnsafe(st.size + 1);
    const chunks = [first.subarray(0, readSync(fd, first, 0, first.length, null))];
    let total = chunks[0]!.length;
    for (let n = total; n > 0; ) {
      if (total > maxSize) throw new FerrometerError('EBAD_FILE', `${label} holds more than ${maxSize} bytes: not read`);
      n = readSync(fd, scratch, 0, scratch.length, null);
      if (n > 0) chunks.push(Buffer.from(scratch.subarray(0, n)));
      total += n;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function kindOf(st: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}
