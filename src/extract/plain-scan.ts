// The WebAssembly half of the line counter (plain-scan.wat) and the memory it reads: file bytes
// live inside the module's memory, read there directly, so the hot path copies nothing.
import { readFileSync } from 'node:fs';
import { builtFile } from '../core/shipped-files.js';

/** Where file bytes start in the module's memory; [0, 256) holds the byte class table. */
const DATA = 1024;
/** Free bytes just before the file's bytes (after the class table): a reader may put a header there. */
export const HEADROOM = DATA - 256;
/** Bytes after the file that the 16-byte SIMD loads may touch. */
const SLACK = 16;
const PAGE = 65536;
const MAX_OPENERS = 8;

interface PlainExports {
  memory: WebAssembly.Memory;
  setOpeners(b0: number, b1: number, b2: number, b3: number, b4: number, b5: number, b6: number, b7: number): void;
  reset(): void;
  codeLines(): number;
  commentLines(): number;
  blankLines(): number;
  flags(): number;
  lineStart(): number;
  plain(i: number, end: number, flags: number): number;
}

let wasmModule: WebAssembly.Module | undefined;

function compiled(): WebAssembly.Module {
  wasmModule ??= new WebAssembly.Module(readFileSync(builtFile('extract/plain-scan.wasm')));
  return wasmModule;
}

/** One per thread: the module instance, its memory, and the syntax its tables are set for. */
export class PlainScanner {
  private readonly x: PlainExports;
  private loaded: Uint8Array | undefined;
  private view: Buffer;

  constructor() {
    this.x = new WebAssembly.Instance(compiled()).exports as unknown as PlainExports;
    this.view = this.viewOf(this.x.memory.buffer.byteLength - DATA - SLACK);
  }

  private viewOf(capacity: number): Buffer {
    return Buffer.from(this.x.memory.buffer, DATA, capacity);
  }

  /** A buffer of at least n bytes inside the module's memory, valid until the next reserve. */
  reserve(n: number): Buffer {
    if (n > this.view.length) {
      const need = DATA + n + SLACK - this.x.memory.buffer.byteLength;
      this.x.memory.grow(Math.ceil(Math.max(need, this.x.memory.buffer.byteLength) / PAGE));
      this.view = this.viewOf(this.x.memory.buffer.byteLength - DATA - SLACK);
    }
    return this.view;
  }

  /** Whether buf already lies where plain() reads: no copy needed. */
  holds(buf: Buffer): boolean {
    return buf.buffer === this.x.memory.buffer && buf.byteOffset === DATA;
  }

  /** Sets the byte classes and token-opener bytes of a syntax (skipped when already set). */
  load(classes: Uint8Array, openers: number[]): void {
    if (this.loaded === classes) return;
    if (openers.length > MAX_OPENERS) throw new Error(`a language may have at most ${MAX_OPENERS} distinct token-opening bytes`);
    new Uint8Array(this.x.memory.buffer, 0, 256).set(classes);
    // Unused opener slots repeat the newline, which the search stops at anyway. Called with each
    // slot named, not spread from an array: files of two languages in turn load a table per file.
    const slot = (k: number) => openers[k] ?? 10;
    this.x.setOpeners(slot(0), slot(1), slot(2), slot(3), slot(4), slot(5), slot(6), slot(7));
    this.loaded = classes;
  }

  reset(): void {
    this.x.reset();
  }

  /**
   * Walks code from buffer offset i until a token opener (its offset is returned) or end,
   * counting the lines it finishes; flags in and flags() out: bit 0 code seen on the current line, bit 1 comment.
   */
  plain(i: number, end: number, flags: number): number {
    return this.x.plain(DATA + i, DATA + end, flags) - DATA;
  }

  flags(): number {
    return this.x.flags();
  }

  /** Buffer offset just after the last newline plain() passed since reset() (0: none). */
  lineStart(): number {
    return Math.max(0, this.x.lineStart() - DATA);
  }

  /** Lines plain() finished since reset(), by class: three calls, not an object (a window asks after every line). */
  codeLines(): number {
    return this.x.codeLines();
  }

  commentLines(): number {
    return this.x.commentLines();
  }

  blankLines(): number {
    return this.x.blankLines();
  }
}

let shared: PlainScanner | undefined;

/** The thread's scanner (module state is per worker thread, so each thread has its own). */
export function plainScanner(): PlainScanner {
  shared ??= new PlainScanner();
  return shared;
}
