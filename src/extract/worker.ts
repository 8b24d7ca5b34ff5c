// A pool thread: counts the batches the main thread posts, one at a time.
import { parentPort } from 'node:worker_threads';
import { FileReader } from '../source/read-file.js';
import { plainScanner } from './plain-scan.js';
import { runBatch, type BatchRequest } from './batch.js';
import { LineExtractor } from './file-facts.js';

const extractor = new LineExtractor();
const languageIndex = new Map(Object.keys(extractor.data.languages).sort().map((name, i) => [name, i]));
const reader = new FileReader((n) => plainScanner().reserve(n));

parentPort!.on('message', (req: BatchRequest) => {
  const result = runBatch(req, extractor, languageIndex, reader);
  parentPort!.postMessage(result, [result.counts.buffer as ArrayBuffer, result.sizes.buffer as ArrayBuffer]);
});
