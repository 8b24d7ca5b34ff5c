// Reads files into one reusable buffer per thread: a kernel tree is 1.5 GB in 90 K files, and
// allocating a buffer per file would hand most of the run to the garbage collector.
import * as crypto from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** One-shot SHA-1 (Node ≥ 20.12) is a third faster than a streaming hash; older Nodes stream. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer }).hash;

export interface ReadOutcome {
  /** Size on disk. */
  size: number;
  /** Bytes now in the buffer: the whole file, or at most `limit` of it. */
  length: number;
  /** With withStat: modification time (ns) and inode, from the open file. */
  mtimeNs?: bigint;
  ctimeNs?: bigint;
  ino?: bigint;
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
  blobId(length: number): Buffer {
    const header = `blob ${length}\0`;
    const b = this.buffer;
    if (oneShot && this.headroom >= header.length) {
      const whole = Buffer.from(b.buffer, b.byteOffset - header.length, header.length + length);
      whole.write(header, 0, 'latin1');
      return oneShot('sha1', whole, 'buffer');
    }
    return crypto.createHash('sha1').update(header).update(b.subarray(0, length)).digest();
  }

  /**
   * Reads up to `limit` bytes of the file at location; a file over `maxSize` is only stat'ed.
   * Throws the system error (ENOENT, EACCES, EISDIR…) for the caller to count.
   */
  read(location: string | Buffer, limit: number, maxSize = Infinity, withStat = false): ReadOutcome {
    const fd = openSync(location, 'r');
    try {
      const st = withStat ? fstatSync(fd, { bigint: true }) : undefined;
      const stat = st && { mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ino: st.ino };
      // Most files fit the buffer: one read that comes back short is the whole file, and saves a
      // stat per file. Only a read that fills the buffer asks for the size. The stat size is not
      // trusted to be the end: /proc-like files say 0 and hold bytes.
      const first = Math.min(limit, this.buffer.length);
      let length = readSync(fd, this.buffer, 0, first, 0);
      if (length < first) return { size: length, length, ...stat };
      let size = st ? Number(st.size) : fstatSync(fd).size;
      if (size <= length) size = this.sizeByReading(fd, length, maxSize);
      const want = size > maxSize ? 0 : Math.min(size, limit);
      if (want > this.buffer.length) this.buffer = this.reserve(want);
      while (length < want) {
        const n = readSync(fd, this.buffer, length, want - length, length);
        if (n === 0) break; // the file shrank while we read it
        length += n;
      }
      return { size, length: Math.min(length, want), ...stat };
    } finally {
      closeSync(fd);
    }
  }

  /** The size of a file whose stat does not tell it: read on (into scratch space) until the end, or past maxSize. */
  private sizeByReading(fd: number, from: number, maxSize: number): number {
    const scratch = Buffer.allocUnsafe(1 << 16);
    let size = from;
    for (let n = readSync(fd, scratch, 0, scratch.length, size); n > 0 && size <= maxSize; n = readSync(fd, scratch, 0, scratch.length, size)) size += n;
    return size;
  }
}

function heapReserve(): (n: number) => Buffer {
  let buffer = Buffer.allocUnsafe(1 << 20);
  return (n) => {
    if (n > buffer.length) buffer = Buffer.allocUnsafe(Math.max(n, buffer.length * 2));
    return buffer;
  };
}
