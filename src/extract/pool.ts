// Spreads batches of files over worker threads (one per core), handing each thread its next
// batch as soon as it returns one, so a thread that drew a few huge files does not hold up the end.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TreeFile } from '../source/fs-tree.js';
import { FileReader } from '../source/read-file.js';
import { plainScanner } from './plain-scan.js';
import { runBatch, SLOTS, type BatchRequest, type BatchResult } from './batch.js';
import { LineExtractor } from './file-facts.js';

export interface PoolOptions {
  jobs?: number;
  maxFileSize: number;
  onProgress?: (filesDone: number, filesTotal: number) => void;
}

export interface PoolOutput {
  /** SLOTS Int32 per file, in the order of the input. */
  counts: Int32Array;
  sizes: Float64Array;
  errors: Map<number, string>;
  /** Language names in the order of the language indices in counts. */
  languageNames: string[];
}

const BATCH_FILES = 256;
/** Below this many files, starting threads costs more than it saves. */
const INLINE_BELOW = 512;

export function defaultJobs(): number {
  return availableParallelism();
}

/**
 * Counts `files`, which may still be growing: `walk`, when given, is stepped between batches (a
 * few milliseconds at a time) so that the threads start counting while the tree is being walked.
 * Results are in the order of `files` as it stands when the walk ends.
 */
export async function countFiles(files: TreeFile[], options: PoolOptions, walk?: Iterator<void>): Promise<PoolOutput> {
  const extractor = new LineExtractor();
  const languageNames = Object.keys(extractor.data.languages).sort();
  let walking = walk !== undefined;
  const stepWalk = (budgetMs: number, untilFiles = Infinity) => {
    const end = performance.now() + budgetMs;
    while (walking && files.length < untilFiles && performance.now() < end) walking = !walk!.next().done;
  };
  // Small trees are counted on this thread: starting threads would cost more than it saves.
  stepWalk(Infinity, INLINE_BELOW);
  const jobs = Math.max(1, options.jobs ?? defaultJobs());
  const inline = jobs === 1 || (!walking && files.length < INLINE_BELOW);
  if (inline) stepWalk(Infinity);

  const counts: Int32Array[] = [];
  const sizes: Float64Array[] = [];
  const errors = new Map<number, string>();
  let done = 0;
  const take = (r: BatchResult) => {
    counts[r.id] = r.counts;
    sizes[r.id] = r.sizes;
    for (const [i, message] of r.errors) errors.set(r.id * BATCH_FILES + i, message);
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
    return { id, paths: slice.map((f) => f.path), locations: slice.map((f) => f.location), maxFileSize: options.maxFileSize };
  };

  if (inline) {
    const languageIndex = new Map(languageNames.map((name, i) => [name, i]));
    const reader = new FileReader((n) => plainScanner().reserve(n));
    for (let b = nextBatch(); b; b = nextBatch()) take(runBatch(b, extractor, languageIndex, reader));
  } else {
    await runOnThreads(jobs, nextBatch, take, () => {
      stepWalk(4);
      return walking;
    });
  }
  return { counts: concat(Int32Array, counts), sizes: concat(Float64Array, sizes), errors, languageNames };
}

/**
 * Keeps every thread two batches deep. `produce` steps the producer for a moment and says whether
 * batches may still appear; it runs between messages until it says no.
 */
async function runOnThreads(
  jobs: number,
  nextBatch: () => BatchRequest | undefined,
  take: (r: BatchResult) => void,
  produce: () => boolean,
): Promise<void> {
  const workers = Array.from({ length: jobs }, () => new Worker(new URL('./worker.js', import.meta.url)));
  const inFlight = new Array<number>(jobs).fill(0);
  try {
    await new Promise<void>((resolve, reject) => {
      let producing = true;
      const feed = () => {
        for (let w = 0; w < jobs; w++) {
          while (inFlight[w]! < 2) {
            const b = nextBatch();
            if (!b) return;
            workers[w]!.postMessage(b);
            inFlight[w]!++;
          }
        }
      };
      const finishIfDone = () => {
        if (!producing && inFlight.every((n) => n === 0)) resolve();
      };
      const tick = () => {
        producing = produce();
        feed();
        if (producing) setImmediate(tick);
        else finishIfDone();
      };
      workers.forEach((worker, w) => {
        worker.on('message', (r: BatchResult) => {
          inFlight[w]!--;
          take(r);
          feed();
          finishIfDone();
        });
        worker.on('error', reject);
      });
      tick();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function concat<T extends Int32Array | Float64Array>(Kind: { new (n: number): T }, parts: T[]): T {
  const out = new Kind(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
