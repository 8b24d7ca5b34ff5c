// Rust syntax through web-tree-sitter and the grammar tree-sitter-rust ships as wasm: no native
// build, no kernel build. One parser per thread, loaded once.
import { createRequire } from 'node:module';
import type { Parser, Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let loading: Promise<Parser> | undefined;

/**
 * The thread's Rust parser (loaded on first use). The package itself is loaded here too: every
 * command that can read a tree imports this module, and loading the package took ~14 ms of each
 * start, a plain `scan` included.
 */
export function rustParser(): Promise<Parser> {
  loading ??= (async () => {
    const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    await Parser.init();
    const rust = await Language.load(require.resolve('tree-sitter-rust/tree-sitter-rust.wasm'));
    const parser = new Parser();
    parser.setLanguage(rust);
    return parser;
  })();
  return loading;
}

/**
 * `unsafe extern "C" { … }` blocks and `safe fn` items in them (Rust 2024) are newer than the
 * grammar, which turns them into errors. They are found here, and the words blanked out (spaces of
 * the same length, so rows and columns stay) before parsing; the audit puts the sites back.
 */
export interface MaskedSyntax {
  text: string;
  /** Offsets of each blanked `unsafe` that opened an extern block. */
  unsafeExterns: number[];
}

const UNSAFE_EXTERN = /\bunsafe(?=\s+extern\s*(?:"[^"\n]*"\s*)?\{)/g;
const SAFE_ITEM = /\bsafe(?=\s+(?:fn|static)\b)/g;

export function maskNewSyntax(text: string): MaskedSyntax {
  if (!text.includes('unsafe') || !/\bextern\s*(?:"[^"\n]*"\s*)?\{/.test(text)) return { text, unsafeExterns: [] };
  const unsafeExterns: number[] = [];
  let masked = text.replace(UNSAFE_EXTERN, (word, at: number) => {
    unsafeExterns.push(at);
    return ' '.repeat(word.length);
  });
  if (unsafeExterns.length) masked = masked.replace(SAFE_ITEM, (word) => ' '.repeat(word.length));
  return { text: masked, unsafeExterns };
}

export function parseRust(parser: Parser, text: string): Tree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
