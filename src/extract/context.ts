// What a thread needs to run batches: the extractor, a reader into the scanner's memory, and
// git readers (opened on first use, kept for the thread's life).
import { CatFile } from '../source/git.js';
import { FileReader } from '../source/read-file.js';
import type { BatchContext } from './batch.js';
import { LineExtractor } from './file-facts.js';
import { loadLanguageData } from './languages.js';
import { HEADROOM, plainScanner } from './plain-scan.js';

let names: string[] | undefined;

/** Language names sorted: the index space of the language slot in batch results. */
export function languageNames(): string[] {
  names ??= Object.keys(loadLanguageData().languages).sort();
  return names;
}

/** A context for this thread: git readers are opened on first use and closed with close(). */
export function threadContext(): BatchContext & { close(): void } {
  const extractor = new LineExtractor();
  const reserve = (n: number) => plainScanner().reserve(n);
  const catFiles = new Map<string, CatFile>();
  return {
    extractor,
    languageIndex: new Map(languageNames().map((name, i) => [name, i])),
    reader: new FileReader(reserve, HEADROOM),
    reserve,
    catFile(gitDir) {
      let c = catFiles.get(gitDir);
      if (!c) catFiles.set(gitDir, (c = new CatFile(gitDir)));
      return c;
    },
    close() {
      for (const c of catFiles.values()) c.close();
    },
  };
}
