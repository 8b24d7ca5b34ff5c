// Spreads batches of files over threads (one per core, this one among them), handing each thread its
// next batch as soon as it returns one, so a thread that drew a few huge files does not hold up the end.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FerrometerError, type ErrorCode } from '../core/errors.js';
import { runBatch, type BatchRequest, type BatchResult } from './batch.js';
import { threadContext } from './context.js';
import { builtFile } from '../core/shipped-files.js';
import { STAT_BYTES } from '../core/fact-record.js';

/** A file to count: on disk (under PoolOptions.root, or at rawLocation) or in git (blob). */
export interface WorkItem {
  path: string;
  rawLocation?: Buffer;
  /** In git: the blob id. */
  blob?: string;
  /** On disk, in a git work tree: where the index's blob id for it lies (WalkResult.indexBlobs). */
  indexBlob?: number;
}

export interface PoolOptions {
  jobs?: number;
  maxFileSize: number;
  onProgress?: (filesDone: number, filesTotal: number) => void;
  /** Where blobs come from, when the items are git blobs. */
  gitDir?: string;
  /** Where files on disk are: root/path. */
  root?: string;
  /** With a store: each file's fact record (BatchResult.records). */
  records?: boolean;
  /** On disk: compute blob ids and stats (for the store) of the files it says yes to. */
  hash?: (item: WorkItem) => boolean;
  /**
   * On disk: the stat the store last saw of file `index`, so that an unchanged one is not read: its
   * size, returned, and its mtime, inode and ctime, written into `stat` at byte `at` as the store
   * keeps them (STAT_BYTES); undefined when the store has none.
   */
  expect?: (item: WorkItem, index: number, stat: Uint8Array, at: number) => number | undefined;
  /** Called on the main thread for each finished batch (in any order); `first` is the index of its first file. */
  onBatch: (r: BatchResult, first: number) => void;
}

const BATCH_FILES = 256;
/**
 * Batches sent ahead to each worker. This thread walks, feeds the workers, takes their results and
 * writes the store between batches of its own, and a worker that ran dry waited for it: a rescan's
 * batches (a stat per file) take a worker ~1 ms. 6.12's rescan: 1.27 s with 2, 1.20 s with 4,
 * 1.15 s with 8 (medians of 5).
 */
const QUEUE_DEPTH = 8;
/** Below this many files, starting threads costs more than it saves. */
const INLINE_BELOW = 512;

/**
 * Work on the main thread awaits this now and then: a signal (Ctrl-C) is handled by the event
 * loop, so a long -j 1 run that only awaited settled promises could not be stopped, nor the
 * terminal restored, until it ended.
 */
export function giveATurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Counts `files`, which may still be growing: `walk`, when given, is stepped between batches (a
 * few milliseconds at a time) so that the threads start counting while the tree is being walked.
 * Each batch's results go to options.onBatch as it comes back, and are not kept here.
 */
export async function countFiles(files: WorkItem[], options: PoolOptions, walk?: Iterator<void>): Promise<void> {
  let walking = walk !== undefined;
  const stepWalk = (budgetMs: number, untilFiles = Infinity) => {
    const end = performance.now() + budgetMs;
    while (walking && files.length < untilFiles && performance.now() < end) walking = !walk!.next().done;
  };
  // Small trees are counted on this thread alone: starting threads would cost more than it saves.
  stepWalk(Infinity, INLINE_BELOW);
  const small = !walking && files.length < INLINE_BELOW;
  const jobs = small ? 1 : Math.max(1, options.jobs ?? defaultJobs());

  let done = 0;
  const take = (r: BatchResult) => {
    options.onBatch(r, r.id * BATCH_FILES);
    done += r.sizes.length;
    options.onProgress?.(done, walking ? Math.max(done, files.length) : files.length);
  };
  let nextFile = 0;
  const nextBatch = (): BatchRequest | undefined => {
    // While walking, only full batches go out, so that batch ids map to fixed file ranges.
    if (files.length - nextFile < (walking ? BATCH_FILES : 1)) return undefined;
    const slice = files.slice(nextFile, nextFile + BATCH_FILES);
    const id = nextFile / BATCH_FILES;
    nextFile += slice.length;
    const git = options.gitDir !== undefined;
    return {
      id,
      paths: joinPaths(slice),
      ...(git ? { gitDir: options.gitDir, blobs: slice.map((f) => f.blob!) } : { root: options.root!, rawLocations: rawLocations(slice) }),
      maxFileSize: options.maxFileSize,
      // Priming pays only over many files: a small tree is counted before V8 optimises anything.
      ...(small ? {} : { prime: true }),
      ...(options.records ? { records: true } : {}),
      ...(options.hash ? { hash: true, hashMask: Uint8Array.from(slice, (f) => (options.hash!(f) ? 1 : 0)) } : {}),
      ...(options.expect ? expectations(slice, id * BATCH_FILES, options.expect) : {}),
    };
  };

  // Deep queues while plenty is left; near the end, shallow ones, so that this thread takes the last
  // batches and the workers do not go on long after it.
  const queueDepth = () => (walking || files.length - nextFile >= QUEUE_DEPTH * BATCH_FILES * jobs ? QUEUE_DEPTH : 2);
  await runOnThreads(jobs, nextBatch, take, queueDepth, () => {
    stepWalk(4);
    return walking;
  });
}

/**
 * A batch's paths as one string: posting a path to a thread makes V8 flatten it, and the flat
 * copy then lives as long as the path does (~6 MB for a kernel tree); a joined string is posted
 * and dropped.
 */
function joinPaths(slice: WorkItem[]): string {
  return slice.map((f) => f.path).join('\0');
}

/** The few files to open by their exact bytes (names that are not valid UTF-8), by index in the batch. */
function rawLocations(slice: WorkItem[]): [number, Buffer][] | undefined {
  let raw: [number, Buffer][] | undefined;
  slice.forEach((f, k) => {
    if (f.rawLocation) (raw ??= []).push([k, f.rawLocation]);
  });
  return raw;
}

function expectations(slice: WorkItem[], first: number, expect: NonNullable<PoolOptions['expect']>) {
  const expectSize = new Float64Array(slice.length).fill(NaN);
  // Copied as the store keeps them, as bytes, without reading them here.
  const expectStat = new Uint8Array(slice.length * STAT_BYTES);
  slice.forEach((item, k) => {
    const size = expect(item, first + k, expectStat, k * STAT_BYTES);
    if (size !== undefined) expectSize[k] = size;
  });
  return { expectSize, expectStat };
}

type ThreadReply = BatchResult | { id: number; error: { code?: ErrorCode; message: string; hint?: string } };

/**
 * Counts on `jobs` threads: this one and jobs - 1 workers, each worker kept queueDepth() batches deep.
 * This thread counts a batch whenever one is waiting, between its other work (stepping the walk,
 * feeding the workers, taking their results): with a worker of its own instead it mostly waited,
 * and each worker's heap and code cost ~12 MB of a kernel scan's peak, for no speed (6.12: 111 →
 * 100 MB without the store, 126 → 116 MB with an empty one, wall time the same; 2 cores).
 * `produce` steps the producer for a moment and says whether batches may still appear; it runs
 * between batches until it says no.
 */
async function runOnThreads(
  jobs: number,
  nextBatch: () => BatchRequest | undefined,
  take: (r: BatchResult) => void,
  queueDepth: () => number,
  produce: () => boolean,
): Promise<void> {
  const workers = Array.from({ length: jobs - 1 }, () => new Worker(builtFile('extract/worker.js')));
  const inFlight = new Array<number>(workers.length).fill(0);
  const ctx = threadContext();
  let failed = false;
  const feed = () => {
    for (let w = 0; w < workers.length; w++) {
      while (inFlight[w]! < queueDepth()) {
        const b = nextBatch();
        if (!b) return;
        workers[w]!.postMessage(b);
        inFlight[w]!++;
      }
    }
  };
  try {
    // This thread's share: the producer stepped, the workers fed, then a batch of its own if one is
    // left. It ends when nothing more can come; the workers' last replies may still be on their way.
    const ownLoop = (async () => {
      while (!failed) {
        const producing = produce();
        feed();
        const b = nextBatch();
        if (b) take(await runBatch(b, ctx));
        else if (!producing) return;
        await giveATurn();
      }
    })();
    const replies = new Promise<void>((resolve, reject) => {
      let ownDone = false;
      const finishIfDone = () => {
        if (ownDone && inFlight.every((n) => n === 0)) resolve();
      };
      workers.forEach((worker, w) => {
        worker.on('message', (r: ThreadReply) => {
          inFlight[w]!--;
          if ('error' in r) {
            const e = r.error;
            reject(e.code ? new FerrometerError(e.code, e.message, e.hint) : new Error(e.message));
            return;
          }
          // What takes a batch may fail (the store, say): the run ends with that error, not an uncaught one.
          try {
            take(r);
          } catch (e) {
            reject(e);
            return;
          }
          feed();
          finishIfDone();
        });
        worker.on('error', reject);
      });
      ownLoop.then(() => {
        ownDone = true;
        finishIfDone();
      }, reject);
    });
    await replies.catch((e: unknown) => {
      failed = true;
      throw e;
    });
  } finally {
    failed = true;
    ctx.close();
    // A thread's git readers end when their pipes close with it.
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
