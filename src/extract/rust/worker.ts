// A Rust audit thread: parses the files of each batch the main thread posts, in order.
import { parentPort } from 'node:worker_threads';
import { extractRustFacts } from './facts.js';
import type { RustBatch } from './pool.js';

let queue = Promise.resolve();

parentPort!.on('message', (batch: RustBatch) => {
  queue = queue.then(async () => {
    try {
      const facts = [];
      for (const bytes of batch.files) facts.push(await extractRustFacts(bytes));
      parentPort!.postMessage({ id: batch.id, facts });
    } catch (e) {
      parentPort!.postMessage({ id: batch.id, error: (e as Error).stack ?? String(e) });
    }
  });
});
