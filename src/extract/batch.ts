// One batch of files read and counted: the unit of work a pool thread (or the main thread, for
// small trees) does. A file's bytes come from disk or from git. With a store, files on disk are
// hashed as git would (so facts are shared with git scans), and a file whose stat matches what the
// store last saw is not opened at all. Results travel back as flat arrays, cheap to post; for the
// store, each file's fact record is written here, as the store keeps it (core/fact-record.ts).
import { sizeText } from '../core/sizes.js';
import { statSync } from 'node:fs';
import type { CatFile } from '../source/git.js';
import { fileLocation } from '../source/listing.js';
import { WindowedFile, type FileReader, type RawBlobId } from '../source/read-file.js';
import { BINARY_PROBE_BYTES, type Extraction, type LineExtractor } from './file-facts.js';
import { AT, NO_NAME, SNAPSHOT_RECORD, STAT_BYTES } from '../core/fact-record.js';

export const STATUS = ['counted', 'unrecognised', 'binary', 'tooLarge', 'unreadable'] as const;
/** Int32 slots per file in a batch result: language index, status, code, comment, blank, name hint. */
export const SLOTS = 6;
/** The slot holding the index of the language the file's name implies (-1: none), the store's key part. */
export const HINT_SLOT = 5;

/**
 * Files larger than this are read and counted a window at a time: each thread's buffer lives in
 * the line counter's WebAssembly memory, which never shrinks, and a kernel tree has headers of up
 * to 24 MB (amdgpu's register masks) that would otherwise stay in every thread for the whole run.
 */
export const WINDOW_BYTES = 2 << 20;

export interface BatchRequest {
  id: number;
  /** The files' paths, joined by NUL. */
  paths: string;
  /** On disk: files are root/path, but for those opened by their exact bytes (index in the batch, location). */
  root?: string;
  rawLocations?: [number, Buffer][];
  /** From git: blob ids, per file. */
  blobs?: string[];
  gitDir?: string;
  maxFileSize: number;
  /** With a store: write each file's record (its facts; on disk, when hashing, its blob id and stat too). */
  records?: boolean;
  /** On disk with a store: compute blob ids and stats. */
  hash?: boolean;
  /** With hash: per file, 0 where the blob id is known already (a work tree's index), so no hashing is needed. */
  hashMask?: Uint8Array;
  /** Prime the line counter before the first file this thread reads (a scan large enough to start workers). */
  prime?: boolean;
  /** On disk with a store: the size (NaN: none), and mtime, inode and ctime (STAT_BYTES per file), a file must still have to be taken as unchanged. */
  expectSize?: Float64Array;
  expectStat?: Uint8Array;
}

/** Per-file results as columns, index by index: what a batch returns. */
export interface FileColumns {
  /** SLOTS Int32 per file: language index, status, code, comment, blank, name hint. */
  counts: Int32Array;
  sizes: Float64Array;
  /**
   * With records: SNAPSHOT_RECORD bytes per file, a tree snapshot's entry as the store keeps it,
   * names as indexes into languageNames(). The facts are written for files counted, unrecognised
   * or binary; the blob id and the stat only where `hashed` is 1 (a blob id git gave is not).
   */
  records: Uint8Array;
  hashed: Uint8Array;
  /** 1 where the file matched its expected stat and was not read: its facts are the store's. */
  unchanged: Uint8Array;
  /** Files whose bytes were read (opened on disk, or asked of git); the rest came from the store. */
  reads: number;
}

export interface BatchResult extends FileColumns {
  id: number;
  errors: [index: number, message: string][];
}

export interface BatchContext {
  extractor: LineExtractor;
  languageIndex: Map<string, number>;
  reader: FileReader;
  reserve: (n: number) => Buffer;
  catFile: (gitDir: string) => CatFile;
}

export async function runBatch(req: BatchRequest, ctx: BatchContext): Promise<BatchResult> {
  const paths = req.paths.split('\0');
  const n = paths.length;
  const out: BatchResult = {
    id: req.id,
    counts: new Int32Array(n * SLOTS),
    sizes: new Float64Array(n),
    records: new Uint8Array(req.records ? n * SNAPSHOT_RECORD : 0),
    hashed: new Uint8Array(n),
    unchanged: new Uint8Array(n),
    reads: 0,
    errors: [],
  };
  const record = (f: number, x: Extraction) => {
    const at = f * SLOTS;
    out.counts[at] = x.language === null ? -1 : ctx.languageIndex.get(x.language)!;
    out.counts[at + 1] = STATUS.indexOf(x.status);
    out.counts[at + 2] = x.code;
    out.counts[at + 3] = x.comment;
    out.counts[at + 4] = x.blank;
  };
  const hint = (f: number, byName: string | undefined) => {
    out.counts[f * SLOTS + HINT_SLOT] = byName === undefined ? -1 : ctx.languageIndex.get(byName)!;
  };
  const mark = (f: number, status: number, message: string) => {
    out.counts[f * SLOTS] = -1;
    out.counts[f * SLOTS + 1] = status;
    out.errors.push([f, message]);
  };
  const tooLarge = (size: number) => `skipped: ${sizeText(size)}, over the ${sizeText(req.maxFileSize)} limit (--max-file-size)`;

  // Before a read, never between a read and its count (file-facts.ts): a rescan that reads nothing never primes.
  const prime = () => {
    if (req.prime) ctx.extractor.prime();
  };
  if (req.blobs) {
    if (n > 0) prime();
    await ctx.catFile(req.gitDir!).read(req.blobs, ctx.reserve, (f, bytes) => {
      const byName = ctx.extractor.languageByName(paths[f]!);
      hint(f, byName);
      out.reads++;
      out.sizes[f] = bytes.length;
      if (byName && bytes.length > req.maxFileSize) mark(f, 3, tooLarge(bytes.length));
      else record(f, ctx.extractor.extract(paths[f]!, bytes, byName));
    });
    if (req.records) writeFactRecords(out);
    return out;
  }
  const records = new DataView(out.records.buffer);
  const recordBytes = Buffer.from(out.records.buffer);
  // The stat each file must still have, as the store keeps it: three f64 per file, little-endian.
  const expectStat = req.expectStat && new DataView(req.expectStat.buffer, req.expectStat.byteOffset, req.expectStat.byteLength);

  const raw = new Map(req.rawLocations);
  for (let f = 0; f < n; f++) {
    const path = paths[f]!;
    const location = fileLocation(req.root!, { path, rawLocation: raw.get(f) });
    try {
      const byName = ctx.extractor.languageByName(path);
      hint(f, byName);
      const expected = req.expectSize?.[f];
      if (expected !== undefined && !Number.isNaN(expected)) {
        // The store saw this file before: if size, mtime, ctime and inode still match, do not open it
        // (ctime too: a file rewritten to the same size with its mtime set back is not unchanged).
        const s = statSync(location);
        const at = f * STAT_BYTES;
        if (
          s.size === expected &&
          expectStat!.getFloat64(at, true) === s.mtimeMs &&
          expectStat!.getFloat64(at + 8, true) === s.ino &&
          expectStat!.getFloat64(at + 16, true) === s.ctimeMs
        ) {
          out.sizes[f] = expected;
          out.unchanged[f] = 1;
          continue;
        }
      }
      // A file without a known name is only probed: for a NUL, or a shebang naming its language.
      // When hashing, every file is read whole (up to the size limit; above WINDOW_BYTES a window at
      // a time): its blob id needs all its bytes.
      const hashIt = req.hash === true && (req.hashMask?.[f] ?? 1) === 1;
      const whole = byName !== undefined || hashIt;
      const firstWindow = Math.min(req.maxFileSize, WINDOW_BYTES);
      prime();
      let read = ctx.reader.read(location, whole ? firstWindow : BINARY_PROBE_BYTES, whole ? req.maxFileSize : Infinity, hashIt);
      out.reads++;
      if (read.mtimeMs !== undefined && req.records) {
        const at = f * SNAPSHOT_RECORD;
        records.setFloat64(at + AT.mtime, read.mtimeMs, true);
        records.setFloat64(at + AT.ino, read.ino!, true);
        records.setFloat64(at + AT.ctime, read.ctimeMs!, true);
      }
      // Too large to hash: probe it as any file of unknown name, so that with or without a store it is classed alike.
      if (!byName && read.size > req.maxFileSize) read = ctx.reader.read(location, BINARY_PROBE_BYTES);
      out.sizes[f] = read.size;
      let language = byName;
      if (!language) {
        const head = ctx.reader.bytes.subarray(0, read.length);
        if (head.indexOf(0) === -1) language = ctx.extractor.detector.byShebang(head.subarray(0, 256));
        if (language && read.size <= req.maxFileSize && read.length < read.size) read = ctx.reader.read(location, firstWindow);
      }
      if (read.size > req.maxFileSize && language) {
        mark(f, 3, tooLarge(read.size));
        continue;
      }
      const bytes = ctx.reader.bytes.subarray(0, read.length);
      let x: Extraction;
      let id: RawBlobId | undefined;
      // The file shrank (or grew) between stat and read: counted as it is, but said.
      let changed: string | undefined;
      if (read.length === WINDOW_BYTES && read.size > WINDOW_BYTES) {
        const file = new WindowedFile(ctx.reader, location, read.size, read.length, WINDOW_BYTES, hashIt);
        x = ctx.extractor.extractInWindows(path, { bytes, last: false }, language, (offset, atLeast) => file.window(offset, atLeast));
        id = file.blobId();
        if (file.changed) changed = `${read.size} bytes expected`;
      } else {
        if (hashIt && read.length === read.size) id = ctx.reader.blobId(read.length);
        x = ctx.extractor.extract(path, bytes, language);
        if (read.length < read.size) changed = `${read.size} bytes expected, ${read.length} read`;
      }
      if (id) {
        recordBytes.write(id, f * SNAPSHOT_RECORD + AT.blob, 20, 'latin1');
        out.hashed[f] = 1;
      }
      if (x.status === 'counted' && changed) out.errors.push([f, `file changed while being read (${changed})`]);
      record(f, x);
    } catch (e) {
      mark(f, 4, (e as Error).message);
    }
  }
  if (req.records) writeFactRecords(out);
  return out;
}

/** The fact part of each record, from the counts: for the files whose facts the store keeps (status 0-2). */
function writeFactRecords(out: BatchResult): void {
  const { counts, sizes } = out;
  const view = new DataView(out.records.buffer);
  const name = (i: number) => (i < 0 ? NO_NAME : i);
  for (let f = 0; f < sizes.length; f++) {
    const c = f * SLOTS;
    const status = counts[c + 1]!;
    if (status > 2) continue;
    const at = f * SNAPSHOT_RECORD;
    view.setUint16(at + AT.hint, name(counts[c + HINT_SLOT]!), true);
    view.setUint16(at + AT.language, name(counts[c]!), true);
    view.setUint32(at + AT.status, status, true); // and the three spare bytes after it, zero
    view.setUint32(at + AT.code, counts[c + 2]!, true);
    view.setUint32(at + AT.comment, counts[c + 3]!, true);
    view.setUint32(at + AT.blank, counts[c + 4]!, true);
    view.setFloat64(at + AT.bytes, sizes[f]!, true);
  }
}
