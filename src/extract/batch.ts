// One batch of files read and counted: the unit of work a pool thread (or the main thread, for
// small trees) does. A file's bytes come from disk or from git; with a store, known content is
// looked up instead of counted (and, on disk, an unchanged file is not even opened).
// Results travel back as flat typed arrays, cheap to post between threads.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { CatFile } from '../source/git.js';
import type { FileReader } from '../source/read-file.js';
import type { Store, StatRow } from '../store/store.js';
import { BINARY_PROBE_BYTES, type Extraction, type LineExtractor } from './file-facts.js';

export const STATUS = ['counted', 'unrecognised', 'binary', 'tooLarge', 'unreadable'] as const;
/** Int32 slots per file in a batch result: language index, status, code, comment, blank. */
export const SLOTS = 5;

export interface BatchRequest {
  id: number;
  paths: string[];
  /** On disk: what to open, per file. */
  locations?: (string | Buffer)[];
  /** From git: blob ids, per file. */
  blobs?: string[];
  gitDir?: string;
  maxFileSize: number;
  /** With a store: its path, the extractor version, and (on disk) the tree root that keys stat rows. */
  storePath?: string;
  extractor?: string;
  root?: string;
}

export interface BatchResult {
  id: number;
  counts: Int32Array;
  sizes: Float64Array;
  /** Blob id per file when known (always from git; on disk only with a store). */
  blobs: (string | null)[];
  /** 1 where the facts were computed in this batch (to be saved), 0 where they came from the store. */
  fresh: Uint8Array;
  /** Stat rows to save for files read from disk. */
  stats: StatRow[];
  /** Files whose bytes were read (opened on disk, or asked of git). */
  reads: number;
  errors: [index: number, message: string][];
}

export interface BatchContext {
  extractor: LineExtractor;
  languageIndex: Map<string, number>;
  reader: FileReader;
  reserve: (n: number) => Buffer;
  catFile: (gitDir: string) => CatFile;
  store: (path: string) => Store;
}

/** Git's id of a blob: SHA-1 of "blob <size>\0" and the bytes, so disk and git content share facts. */
export function blobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export async function runBatch(req: BatchRequest, ctx: BatchContext): Promise<BatchResult> {
  const n = req.paths.length;
  const out: BatchResult = {
    id: req.id,
    counts: new Int32Array(n * SLOTS),
    sizes: new Float64Array(n),
    blobs: new Array<string | null>(n).fill(null),
    fresh: new Uint8Array(n),
    stats: [],
    reads: 0,
    errors: [],
  };
  const store = req.storePath ? ctx.store(req.storePath) : undefined;
  const record = (f: number, x: Extraction | { language: string | null; status: number; code: number; comment: number; blank: number }) => {
    const at = f * SLOTS;
    out.counts[at] = x.language === null ? -1 : ctx.languageIndex.get(x.language)!;
    out.counts[at + 1] = typeof x.status === 'number' ? x.status : STATUS.indexOf(x.status);
    out.counts[at + 2] = x.code;
    out.counts[at + 3] = x.comment;
    out.counts[at + 4] = x.blank;
  };
  const mark = (f: number, status: number, message?: string) => {
    out.counts[f * SLOTS] = -1;
    out.counts[f * SLOTS + 1] = status;
    if (message) out.errors.push([f, message]);
  };
  const known = (f: number, blob: string, hint: string) => {
    const fact = store?.lineFact(blob, hint, req.extractor!);
    if (fact) {
      record(f, fact);
      out.sizes[f] = fact.bytes;
    }
    return fact !== undefined;
  };
  const tooLarge = (size: number) => `skipped: ${size} bytes, over the ${req.maxFileSize}-byte limit (--max-file-size)`;

  if (req.blobs) {
    // From git: only blobs the store does not know are asked for.
    const wanted: number[] = [];
    for (let f = 0; f < n; f++) {
      const blob = req.blobs[f]!;
      out.blobs[f] = blob;
      if (!known(f, blob, ctx.extractor.languageByName(req.paths[f]!) ?? '')) wanted.push(f);
    }
    if (wanted.length) {
      await ctx.catFile(req.gitDir!).read(
        wanted.map((f) => req.blobs![f]!),
        ctx.reserve,
        (k, bytes) => {
          const f = wanted[k]!;
          const byName = ctx.extractor.languageByName(req.paths[f]!);
          out.reads++;
          out.sizes[f] = bytes.length;
          if (byName && bytes.length > req.maxFileSize) return mark(f, 3, tooLarge(bytes.length));
          out.fresh[f] = 1;
          record(f, ctx.extractor.extract(req.paths[f]!, bytes, byName));
        },
      );
    }
    return out;
  }

  for (let f = 0; f < n; f++) {
    const path = req.paths[f]!;
    const location = req.locations![f]!;
    try {
      const byName = ctx.extractor.languageByName(path);
      const hint = byName ?? '';
      let stat: { size: number; mtimeNs: string; ino: string } | undefined;
      if (store) {
        // An unchanged file (same size, mtime and inode as last time) is looked up, not opened.
        const s = statSync(location, { bigint: true });
        stat = { size: Number(s.size), mtimeNs: String(s.mtimeNs), ino: String(s.ino) };
        out.sizes[f] = stat.size;
        const row = store.stat(req.root!, path);
        if (row && row.size === stat.size && row.mtimeNs === stat.mtimeNs && row.ino === stat.ino && known(f, row.blob, hint)) {
          out.blobs[f] = row.blob;
          continue;
        }
        if (byName && stat.size > req.maxFileSize) {
          mark(f, 3, tooLarge(stat.size));
          continue;
        }
      }
      // A file without a known name is only probed: for a NUL, or a shebang naming its language.
      // With a store, every file within the size limit is read whole: its blob id needs all its bytes.
      const whole = byName !== undefined || (stat !== undefined && stat.size <= req.maxFileSize);
      let read = ctx.reader.read(location, whole ? req.maxFileSize : BINARY_PROBE_BYTES, whole ? req.maxFileSize : Infinity);
      out.reads++;
      out.sizes[f] = read.size;
      let language = byName;
      if (!language) {
        const head = ctx.reader.bytes.subarray(0, read.length);
        if (head.indexOf(0) === -1) language = ctx.extractor.detector.byShebang(head.subarray(0, 256));
        if (language && read.size <= req.maxFileSize && read.length < read.size) read = ctx.reader.read(location, req.maxFileSize);
      }
      if (read.size > req.maxFileSize && language) {
        mark(f, 3, tooLarge(read.size));
        continue;
      }
      const bytes = ctx.reader.bytes.subarray(0, read.length);
      if (store && stat) {
        const blob = blobId(bytes);
        out.blobs[f] = blob;
        out.stats.push({ root: req.root!, path, ...stat, blob });
        if (known(f, blob, hint)) continue;
      }
      const x = ctx.extractor.extract(path, bytes, language);
      out.fresh[f] = 1;
      if (x.status === 'counted' && read.length < read.size) {
        // The file shrank between stat and read; count what is there, but say so.
        out.errors.push([f, `file changed while being read (${read.size} bytes expected, ${read.length} read)`]);
      }
      record(f, x);
    } catch (e) {
      mark(f, 4, (e as Error).message);
    }
  }
  return out;
}
