// The C side of the C↔Rust glue, read from the kernel's own files: the headers bindgen reads
// (rust/bindings/bindings_helper.h), the helpers that wrap C macros and inline functions for Rust
// (rust/helpers/*.c, `rust_helper_NAME`), and the names a C header declares.

export interface RustHelper {
  /** The name Rust calls it by: bindgen drops the rust_helper_ prefix (bindings::NAME). */
  name: string;
  file: string;
  line: number;
  /** Functions and function-like macros the helper's body calls, in order of appearance. */
  calls: string[];
}

const C_KEYWORDS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'return',
  'sizeof',
  'typeof',
  '__typeof__',
  'do',
  'else',
  'case',
  'alignof',
  '_Alignof',
  'defined',
]);

/** Block and line comments blanked out (newlines kept, so line numbers stay). */
function withoutComments(c: string): string {
  return c.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** `#include` targets, as written between <> or "". */
export function includesOf(c: string): string[] {
  return [...withoutComments(c).matchAll(/^[ \t]*#[ \t]*include[ \t]*[<"]([^>"]+)[>"]/gm)].map((m) => m[1]!);
}

/** Every `rust_helper_NAME(…) { … }` definition of a helpers file, with what its body calls. */
export function helpersOf(file: string, c: string): RustHelper[] {
  const text = withoutComments(c);
  const out: RustHelper[] = [];
  for (const m of text.matchAll(/\brust_helper_(\w+)\s*\(/g)) {
    // A definition: the parameter list closes and a body opens.
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) break;
    }
    const open = /^\s*\{/.exec(text.slice(i + 1));
    if (!open) continue;
    const start = i + 1 + open[0].length;
    let end = start;
    for (let d = 1; end < text.length && d > 0; end++) {
      if (text[end] === '{') d++;
      else if (text[end] === '}') d--;
    }
    const calls = [...text.slice(start, end).matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].map((c) => c[1]!).filter((n) => !C_KEYWORDS.has(n));
    out.push({ name: m[1]!, file, line: text.slice(0, m.index).split('\n').length, calls: [...new Set(calls)] });
  }
  return out;
}

/** What a helper wraps: the C function or macro of its own name when it calls that, else its first call. */
export function wrappedBy(helper: RustHelper): string | undefined {
  return helper.calls.includes(helper.name) ? helper.name : helper.calls[0];
}

/**
 * Names a C header declares, found by text (no preprocessor): macros, struct/union/enum tags,
 * typedef names, enumerators, and functions declared or defined at the top level.
 */
export function declaredNames(c: string): Set<string> {
  const text = withoutComments(c).replace(/\\\n/g, ' ');
  const names = new Set<string>();
  const add = (re: RegExp, s = text) => {
    for (const m of s.matchAll(re)) names.add(m[1]!);
  };
  add(/^[ \t]*#[ \t]*define[ \t]+(\w+)/gm);
  add(/\b(?:struct|union|enum)[ \t\n]+(\w+)[ \t\n]*\{/g);
  add(/\btypedef\b[^;{]*?(?:\{[^}]*\}[^;]*?)?\b(\w+)\s*(?:\[[^\]]*\])?\s*;/g);
  add(/\btypedef\b[^;]*\(\s*\*\s*(\w+)\s*\)\s*\(/g);
  for (const body of text.matchAll(/\benum\b[^{;]*\{([^}]*)\}/g)) add(/(?:^|,)\s*([A-Za-z_]\w*)\s*(?==|,|$)/g, body[1]!);
  // Declarations and definitions: a type, the name, a parameter list, then ";" or "{".
  // At the top level (column 0, as kernel headers write them); statements are not declarations.
  add(
    /^(?!(?:return|if|else|while|for|switch|do|case|goto)\b)(?:[A-Za-z_]\w*[ \t*]+)+\**(\w+)\s*\([^;{]*\)\s*(?:__\w+(?:\([^)]*\))?\s*)*[;{]/gm,
  );
  return names;
}
