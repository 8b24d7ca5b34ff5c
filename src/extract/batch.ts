// One batch of files read and counted: the unit of work a pool thread (or the main thread, for
// small trees) does. Results travel back as flat typed arrays, cheap to post between threads.
import { FileReader } from '../source/read-file.js';
import { BINARY_PROBE_BYTES, type LineExtractor } from './file-facts.js';

export const STATUS = ['counted', 'unrecognised', 'binary', 'tooLarge', 'unreadable'] as const;
export type StatusCode = 0 | 1 | 2 | 3 | 4;
/** Int32 slots per file in a batch result: language index, status, code, comment, blank. */
export const SLOTS = 5;

export interface BatchRequest {
  id: number;
  paths: string[];
  locations: (string | Buffer)[];
  maxFileSize: number;
}

export interface BatchResult {
  id: number;
  counts: Int32Array;
  sizes: Float64Array;
  errors: [index: number, message: string][];
}

export function runBatch(req: BatchRequest, extractor: LineExtractor, languageIndex: Map<string, number>, reader: FileReader): BatchResult {
  const n = req.paths.length;
  const counts = new Int32Array(n * SLOTS);
  const sizes = new Float64Array(n);
  const errors: [number, string][] = [];
  for (let f = 0; f < n; f++) {
    const path = req.paths[f]!;
    const at = f * SLOTS;
    counts[at] = -1;
    try {
      const byName = extractor.languageByName(path);
      const location = req.locations[f]!;
      // A file without a known name is only probed: for a NUL, or a shebang naming its language.
      let read = byName ? reader.read(location, req.maxFileSize, req.maxFileSize) : reader.read(location, BINARY_PROBE_BYTES);
      sizes[f] = read.size;
      let language = byName;
      if (!language) {
        const head = reader.bytes.subarray(0, read.length);
        if (head.indexOf(0) === -1) language = extractor.detector.byShebang(head.subarray(0, 256));
        if (language && read.size <= req.maxFileSize && read.length < read.size) read = reader.read(location, req.maxFileSize);
      }
      if (language && read.size > req.maxFileSize) {
        counts[at + 1] = 3;
        errors.push([f, `skipped: ${read.size} bytes, over the ${req.maxFileSize}-byte limit (--max-file-size)`]);
        continue;
      }
      const x = extractor.extract(path, reader.bytes.subarray(0, read.length), language);
      if (x.status === 'counted' && read.length < read.size) {
        // The file shrank between stat and read; count what is there, but say so.
        errors.push([f, `file changed while being read (${read.size} bytes expected, ${read.length} read)`]);
      }
      counts[at] = x.language === null ? -1 : languageIndex.get(x.language)!;
      counts[at + 1] = STATUS.indexOf(x.status);
      counts[at + 2] = x.code;
      counts[at + 3] = x.comment;
      counts[at + 4] = x.blank;
    } catch (e) {
      counts[at + 1] = 4;
      errors.push([f, (e as Error).message]);
    }
  }
  return { id: req.id, counts, sizes, errors };
}
