// What a thread needs to run batches: the extractor, a reader into the scanner's memory, and
// (opened on first use, kept for the thread's life) git readers and a store connection.
import { CatFile } from '../source/git.js';
import { FileReader } from '../source/read-file.js';
import { Store } from '../store/store.js';
import type { BatchContext } from './batch.js';
import { LineExtractor } from './file-facts.js';
import { loadLanguageData } from './languages.js';
import { plainScanner } from './plain-scan.js';

let names: string[] | undefined;

/** Language names sorted: the index space of the language slot in batch results. */
export function languageNames(): string[] {
  names ??= Object.keys(loadLanguageData().languages).sort();
  return names;
}

/** A context for this thread; `store` overrides how a store path is opened (the main thread passes its own). */
export function threadContext(store?: Store): BatchContext & { close(): void } {
  const extractor = new LineExtractor();
  const reserve = (n: number) => plainScanner().reserve(n);
  const catFiles = new Map<string, CatFile>();
  const stores = new Map<string, Store>();
  return {
    extractor,
    languageIndex: new Map(languageNames().map((name, i) => [name, i])),
    reader: new FileReader(reserve),
    reserve,
    catFile(gitDir) {
      let c = catFiles.get(gitDir);
      if (!c) catFiles.set(gitDir, (c = new CatFile(gitDir)));
      return c;
    },
    store(path) {
      if (store) return store;
      let s = stores.get(path);
      if (!s) stores.set(path, (s = Store.open(path, true)));
      return s;
    },
    close() {
      for (const c of catFiles.values()) c.close();
      for (const s of stores.values()) s.close();
    },
  };
}
