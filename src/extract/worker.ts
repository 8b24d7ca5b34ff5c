// A pool thread: counts the batches the main thread posts, one at a time, in order.
import { parentPort } from 'node:worker_threads';
import { isFerrometerError } from '../core/errors.js';
import { runBatch, type BatchRequest } from './batch.js';
import { threadContext } from './context.js';

const ctx = threadContext();
let queue = Promise.resolve();

parentPort!.on('message', (req: BatchRequest) => {
  queue = queue.then(async () => {
    try {
      const r = await runBatch(req, ctx);
      parentPort!.postMessage(
        r,
        [r.counts, r.sizes, r.unchanged, r.records, r.hashed].map((a) => a.buffer as ArrayBuffer),
      );
    } catch (e) {
      const error = isFerrometerError(e)
        ? { code: e.code, message: e.message, hint: e.hint }
        : { message: (e as Error).stack ?? String(e) };
      parentPort!.postMessage({ id: req.id, error });
    }
  });
});
