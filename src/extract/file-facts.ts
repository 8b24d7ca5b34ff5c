// Pure: (path, bytes) → what the line counter learnt. No I/O, no global state beyond the
// compiled language tables (and whether the counter was primed, which changes only its speed), so
// it runs the same in a worker thread or in a test.
import { createHash } from 'node:crypto';
import { compileSyntax, countLines, countWindow, primeLineCounter, type Syntax } from './line-counter.js';
import { LanguageDetector, loadLanguageData, type LanguageData } from './languages.js';

/** Bump when the line counter's rules change: stored facts of older versions are then ignored. */
export const LINE_COUNTER_VERSION = 1;

/** The version stored facts are keyed by: the counter's rules and the language data they ran with. */
export function lineExtractorVersion(data: LanguageData = loadLanguageData()): string {
  return `lines/${LINE_COUNTER_VERSION}/${createHash('sha1').update(JSON.stringify(data)).digest('hex').slice(0, 12)}`;
}

/** Bytes looked at for a NUL, as git does to call a file binary. */
export const BINARY_PROBE_BYTES = 8000;

export interface Extraction {
  language: string | null;
  status: 'counted' | 'unrecognised' | 'binary';
  code: number;
  comment: number;
  blank: number;
}

/** Bytes of a file from some offset on; `last`: they reach its end. */
export interface WindowBytes {
  bytes: Buffer;
  last: boolean;
}

export class LineExtractor {
  readonly detector: LanguageDetector;
  private readonly syntaxes = new Map<string, Syntax>();
  private primed = false;

  constructor(readonly data: LanguageData = loadLanguageData()) {
    this.detector = new LanguageDetector(data);
    for (const [name, def] of Object.entries(data.languages)) this.syntaxes.set(name, compileSyntax(def));
  }

  /**
   * Primes the line counter (line-counter.ts), once per thread; only worth it before many files.
   * Call it before a file is read, never between the read and its count: priming counts in the
   * scanner's memory, where readers put a file's bytes.
   */
  prime(): void {
    // Asked before every read of a large scan: the list of syntaxes is made only the first time.
    if (this.primed) return;
    this.primed = true;
    primeLineCounter(Object.entries(this.data.languages).map(([name, def]) => [def, this.syntaxes.get(name)!]));
  }

  /** The language a file's name alone implies; undefined means its first line must be read. */
  languageByName(path: string): string | undefined {
    return this.detector.byPath(path);
  }

  /** Counts the file at path whose bytes are buf; knownLanguage saves a second name lookup. */
  extract(path: string, buf: Buffer, knownLanguage?: string): Extraction {
    const language = this.languageOf(path, buf, knownLanguage);
    if (typeof language !== 'string') return language;
    const counts = countLines(buf, this.syntaxes.get(language)!);
    return { language, status: 'counted', code: counts.code, comment: counts.comment, blank: counts.blank };
  }

  /** The language a file is counted in, decided by its name or its first bytes; or why it is not counted. */
  private languageOf(path: string, head: Buffer, knownLanguage: string | undefined): string | Extraction {
    if (head.subarray(0, BINARY_PROBE_BYTES).indexOf(0) !== -1) return none('binary');
    return (knownLanguage ?? this.languageByName(path) ?? this.detector.byShebang(head.subarray(0, 256))) || none('unrecognised');
  }

  /**
   * The same for a file too large to hold at once: `first` is its start, and `window(offset,
   * atLeast)` gives its bytes from offset on (at least atLeast of them, or to the end). Each window
   * is counted up to its last line start outside any comment or literal, where the next begins.
   */
  extractInWindows(
    path: string,
    first: WindowBytes,
    knownLanguage: string | undefined,
    window: (offset: number, atLeast: number) => WindowBytes,
  ): Extraction {
    if (first.last) return this.extract(path, first.bytes, knownLanguage);
    const language = this.languageOf(path, first.bytes, knownLanguage);
    if (typeof language !== 'string') return language;
    const syntax = this.syntaxes.get(language)!;
    const total = { code: 0, comment: 0, blank: 0 };
    let offset = 0;
    let w = first;
    while (!w.last) {
      const c = countWindow(w.bytes, syntax);
      if (c.resume === 0) {
        // One comment or literal fills the window: take a larger one from the same place.
        w = window(offset, w.bytes.length * 2);
        continue;
      }
      total.code += c.code;
      total.comment += c.comment;
      total.blank += c.blank;
      offset += c.resume;
      w = window(offset, 0);
    }
    const c = countLines(w.bytes, syntax);
    return { language, status: 'counted', code: total.code + c.code, comment: total.comment + c.comment, blank: total.blank + c.blank };
  }
}

function none(status: 'unrecognised' | 'binary'): Extraction {
  return { language: null, status, code: 0, comment: 0, blank: 0 };
}
