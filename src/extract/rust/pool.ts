// Spreads Rust files over worker threads in small batches (a parse costs milliseconds, a message
// little), each thread kept two batches deep; few files are parsed on this thread instead.
import { Worker } from 'node:worker_threads';
import { defaultJobs, giveATurn } from '../pool.js';
import { extractRustFacts, type RustFacts } from './facts.js';
import { builtFile } from '../../core/shipped-files.js';

export interface RustBatch {
  id: number;
  files: Uint8Array[];
}

type Reply = { id: number; facts: RustFacts[] } | { id: number; error: string };

const BATCH_FILES = 8;
/** Below this many files, starting threads (each loads the grammar) costs more than it saves. */
const INLINE_BELOW = 24;

/** Facts for each file's bytes, in input order. */
export async function extractAll(
  files: Uint8Array[],
  options: { jobs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<RustFacts[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), Math.ceil(files.length / BATCH_FILES)));
  const out = new Array<RustFacts>(files.length);
  let done = 0;
  const progress = (n: number) => options.onProgress?.((done += n), files.length);
  if (jobs === 1 || files.length < INLINE_BELOW) {
    for (let i = 0; i < files.length; i++) {
      out[i] = await extractRustFacts(files[i]!);
      progress(1);
      if (i % 16 === 15) await giveATurn();
    }
    return out;
  }
  const workers = Array.from({ length: jobs }, () => new Worker(builtFile('extract/rust/worker.js')));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = 0;
      const send = (worker: Worker) => {
        if (next >= files.length) return;
        const batch: RustBatch = { id: next, files: files.slice(next, next + BATCH_FILES) };
        next += batch.files.length;
        pending++;
        worker.postMessage(batch);
      };
      for (const w of workers) {
        w.on('message', (r: Reply) => {
          pending--;
          if ('error' in r) return reject(new Error(r.error));
          r.facts.forEach((f, k) => {
            out[r.id + k] = f;
          });
          progress(r.facts.length);
          send(w);
          if (pending === 0 && next >= files.length) resolve();
        });
        w.on('error', reject);
        send(w);
        send(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
