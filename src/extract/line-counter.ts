// The line counter: one pass over the bytes of a file, no allocation per line, no regular
// expressions. A line is code if it holds anything but comment and white space, comment if it
// holds only comment, blank otherwise (white space only, also inside a comment or a string).
import type { LanguageDefinition } from './languages.js';
import { plainScanner } from './plain-scan.js';

export interface LineCounts {
  code: number;
  comment: number;
  blank: number;
}

// Byte classes, shared with plain-scan.wat's table: 0 plain code, 1 white space, 2 newline, 3 token opener.
const SPACE = 1;
const NEWLINE = 2;
const SPECIAL = 3;

const LF = 10;
const CR = 13;
const HASH = 0x23;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;

interface CompiledString {
  open: Uint8Array;
  close: Uint8Array;
  escape: number;
  multiline: boolean;
}

/** A language definition turned into byte tables for the scanner. */
export interface Syntax {
  classes: Uint8Array;
  /** The distinct first bytes of every token: where the plain-code scanner stops. */
  openerBytes: number[];
  lineComments: Uint8Array[];
  lineStartComments: Uint8Array[];
  directives: Set<string>;
  blockComments: [Buffer, Buffer][];
  nested: boolean;
  strings: CompiledString[];
  rust: boolean;
  lineContinuation: boolean;
}

export function compileSyntax(def: LanguageDefinition): Syntax {
  const classes = new Uint8Array(256);
  for (const b of [0x20, 0x09, 0x0b, 0x0c, CR]) classes[b] = SPACE;
  classes[LF] = NEWLINE;
  const bytes = (s: string) => Buffer.from(s, 'utf8');
  const syntax: Syntax = {
    classes,
    openerBytes: [],
    lineComments: (def.lineComments ?? []).map(bytes),
    lineStartComments: (def.lineStartComments ?? []).map(bytes),
    directives: new Set(def.preprocessorDirectives ?? []),
    // Longest opening first, so that `"""` is tried before `"`.
    blockComments: (def.blockComments ?? []).map(([o, c]) => [bytes(o), bytes(c)] as [Buffer, Buffer]),
    nested: def.nestedComments === true,
    strings: (def.strings ?? [])
      .map((s) => ({
        open: bytes(s.open),
        close: bytes(s.close),
        escape: s.escape === undefined ? -1 : s.escape.charCodeAt(0),
        multiline: s.multiline === true,
      }))
      .sort((a, b) => b.open.length - a.open.length),
    rust: def.rustLiterals === true,
    lineContinuation: def.lineContinuation === true,
  };
  const openers = [
    ...syntax.lineComments,
    ...syntax.lineStartComments,
    ...syntax.blockComments.map(([o]) => o),
    ...syntax.strings.map((s) => s.open),
  ];
  for (const t of openers) classes[t[0]!] = SPECIAL;
  if (syntax.rust) {
    classes[APOSTROPHE] = SPECIAL;
    classes[QUOTE] = SPECIAL;
  }
  for (let b = 0; b < 256; b++) if (classes[b] === SPECIAL) syntax.openerBytes.push(b);
  return syntax;
}

function matchesAt(buf: Uint8Array, i: number, len: number, token: Uint8Array): boolean {
  if (i + token.length > len) return false;
  for (let k = 0; k < token.length; k++) if (buf[i + k] !== token[k]) return false;
  return true;
}

function isIdentByte(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80);
}

function isSpaceByte(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === CR || c === 0x0b || c === 0x0c;
}

/** Lines a comment body adds, filled by scanCommentBody (one object, no allocation per comment). */
const body = { lines: 0, commentLines: 0, tailHasText: false };

/**
 * Walks a block comment's body text[from, to) with native newline searches. `lines` counts the
 * newlines; of the lines that lie wholly inside the body (all but the first), those holding text
 * are comment lines, the others blank; tailHasText tells whether the last, unfinished line holds text.
 */
function scanCommentBody(buf: Buffer, from: number, to: number): void {
  body.lines = 0;
  body.commentLines = 0;
  let p = from;
  let nl = buf.indexOf(LF, p);
  let tail = true; // the text before the first newline belongs to the current line, decided by the caller
  body.tailHasText = false;
  while (nl !== -1 && nl < to) {
    if (!tail && body.tailHasText) body.commentLines++;
    body.lines++;
    tail = false;
    p = nl + 1;
    while (p < to && isSpaceByte(buf[p]!)) p++;
    body.tailHasText = p < to && buf[p] !== LF;
    nl = buf.indexOf(LF, p);
  }
}

/**
 * Counts the lines of buf. The state machine keeps its line flags in locals and resets them at
 * every newline, so a construct spanning lines (block comment, multi-line string) only decides the
 * class of the lines it actually touches. Plain code runs in WebAssembly; comment bodies and line
 * comments are skipped with the native byte search. The end-of-line tally is written out where it
 * happens rather than shared through a closure: a closure would move these hot locals to the heap.
 */
export function countLines(bytes: Buffer, s: Syntax): LineCounts {
  return count(bytes, s, false);
}

/** What countWindow learnt: the lines that end before `resume`, the offset the next window starts at. */
export interface WindowCounts extends LineCounts {
  resume: number;
}

/**
 * Counts a window of a file that goes on after it: the lines before the window's last line start
 * that lies outside any comment or literal, and that offset (`resume`), where the next window
 * starts in the same state the file starts in. Every decision before `resume` is the one the
 * whole file gives (a construct that started before it also closed before it), so counting a
 * file window by window sums to countLines of the whole. resume is 0 when no such line start
 * follows the window's first byte (one construct fills it): give a larger window.
 */
export function countWindow(bytes: Buffer, s: Syntax): WindowCounts {
  return count(bytes, s, true);
}

function count(bytes: Buffer, s: Syntax, partial: false): LineCounts;
function count(bytes: Buffer, s: Syntax, partial: true): WindowCounts;
function count(bytes: Buffer, s: Syntax, partial: boolean): LineCounts | WindowCounts {
  const cls = s.classes;
  const len = bytes.length;
  let buf = bytes;
  let code = 0;
  let comment = 0;
  let blank = 0;
  let hasCode = false;
  let hasComment = false;
  let i = 0;

  // Plain code, white space and newlines are walked by the WebAssembly scanner, which returns at
  // the next byte that may open a comment or a literal; the rest of the state machine is here.
  const scanner = plainScanner();
  if (!scanner.holds(buf)) {
    const inside = scanner.reserve(len);
    buf.copy(inside, 0, 0, len);
    // Only the copy: the memory after it holds an earlier file's bytes, which a search for a
    // comment's end must never reach.
    buf = inside.subarray(0, len);
  }
  scanner.load(cls, s.openerBytes);
  scanner.reset();
  // In a window: the last line start reached outside any construct, and the lines before it.
  // Only plain() passes newlines outside constructs, so it is looked at after each plain() call.
  const safe = { resume: 0, code: 0, comment: 0, blank: 0 };

  main: while (i < len) {
    const c = buf[i]!;
    if (cls[c]! !== SPECIAL) {
      i = scanner.plain(i, len, (hasCode ? 1 : 0) | (hasComment ? 2 : 0));
      const f = scanner.flags();
      hasCode = (f & 1) !== 0;
      hasComment = (f & 2) !== 0;
      if (partial && scanner.lineStart() !== safe.resume) {
        // The line being walked is not tallied yet: the counts now are those of the lines before it.
        safe.resume = scanner.lineStart();
        safe.code = code + scanner.codeLines();
        safe.comment = comment + scanner.commentLines();
        safe.blank = blank + scanner.blankLines();
      }
      continue;
    }

    // A byte that may open a comment or a literal.
    let lineComment = false;
    // Indexed loops, here and below: a for-of made an iterator and a result per step whenever the
    // code ran unoptimised (~26 MB of a 36 K-file scan's garbage).
    for (let k = 0; k < s.lineComments.length; k++) {
      const t = s.lineComments[k]!;
      if (t[0] === c && matchesAt(buf, i, len, t)) {
        lineComment = true;
        break;
      }
    }
    if (!lineComment && !hasCode && !hasComment) {
      for (let k = 0; k < s.lineStartComments.length; k++) {
        const t = s.lineStartComments[k]!;
        if (t[0] === c && matchesAt(buf, i, len, t) && !(c === HASH && isDirective(buf, i + 1, len, s.directives))) {
          lineComment = true;
          break;
        }
      }
    }
    if (lineComment) {
      hasComment = true;
      // The comment runs to the end of the line; with line continuation, past a trailing backslash.
      for (;;) {
        const nl = buf.indexOf(LF, i);
        if (nl === -1) {
          i = len;
          break main;
        }
        const last = nl > 0 && buf[nl - 1] === CR ? nl - 2 : nl - 1;
        if (!(s.lineContinuation && last >= i && buf[last] === BACKSLASH)) {
          i = nl;
          continue main;
        }
        if (hasCode) code++;
        else comment++;
        hasCode = false;
        hasComment = true;
        i = nl + 1;
      }
    }

    for (let k = 0; k < s.blockComments.length; k++) {
      // Indexed, not destructured: array destructuring steps an iterator too.
      const open = s.blockComments[k]![0];
      const close = s.blockComments[k]![1];
      if (open[0] !== c || !matchesAt(buf, i, len, open)) continue;
      hasComment = true;
      i += open.length;
      let depth = 1;
      while (depth > 0) {
        let end = buf.indexOf(close, i);
        let opens = false;
        if (s.nested) {
          const inner = buf.indexOf(open, i);
          if (inner !== -1 && (end === -1 || inner < end)) {
            end = inner;
            opens = true;
          }
        }
        const stop = end === -1 ? len : end;
        scanCommentBody(buf, i, stop);
        if (body.lines > 0) {
          if (hasCode) code++;
          else comment++;
          comment += body.commentLines;
          blank += body.lines - 1 - body.commentLines;
          hasCode = false;
          hasComment = body.tailHasText;
        }
        if (end === -1) {
          i = len;
          break main;
        }
        hasComment = true;
        if (opens) {
          depth++;
          i = end + open.length;
        } else {
          depth--;
          i = end + close.length;
        }
      }
      continue main;
    }

    if (s.rust) {
      if (c === APOSTROPHE) {
        i = skipRustCharOrLifetime(buf, i, len);
        hasCode = true;
        continue;
      }
      if (c === QUOTE) {
        const hashes = rawStringHashes(buf, i);
        if (hashes >= 0) {
          hasCode = true;
          i++;
          while (i < len) {
            const d = buf[i]!;
            if (d === LF) {
              if (hasCode) code++;
              else blank++;
              hasCode = hasComment = false;
              i++;
              continue;
            }
            if (d === QUOTE && closesRawString(buf, i + 1, len, hashes)) {
              hasCode = true;
              i += 1 + hashes;
              continue main;
            }
            if (!isSpaceByte(d)) hasCode = true;
            i++;
          }
          break;
        }
      }
    }

    for (let k = 0; k < s.strings.length; k++) {
      const str = s.strings[k]!;
      if (str.open[0] !== c || !matchesAt(buf, i, len, str.open)) continue;
      hasCode = true;
      i += str.open.length;
      const close0 = str.close[0]!;
      while (i < len) {
        const d = buf[i]!;
        if (d === str.escape) {
          hasCode = true;
          // An escaped newline continues the literal onto the next line.
          const next = buf[i + 1] === CR && buf[i + 2] === LF ? i + 2 : i + 1;
          if (buf[next] === LF) {
            code++;
            hasCode = hasComment = false;
            i = next + 1;
          } else {
            i += 2;
          }
          continue;
        }
        if (d === close0 && matchesAt(buf, i, len, str.close)) {
          hasCode = true;
          i += str.close.length;
          continue main;
        }
        if (d === LF) {
          // An unterminated single-line literal ends at the newline (C, shell): resume as code.
          if (!str.multiline) continue main;
          // A line the literal runs through is code or blank: the one it opened on is code.
          if (hasCode) code++;
          else blank++;
          hasCode = hasComment = false;
          i++;
          continue;
        }
        if (!isSpaceByte(d)) hasCode = true;
        i++;
      }
      break main;
    }

    // A special byte that opened nothing after all (`/` as division, a lone `#` in code).
    hasCode = true;
    i++;
  }

  if (partial) return safe;
  if (len > 0 && buf[len - 1] !== LF) {
    if (hasCode) code++;
    else if (hasComment) comment++;
    else blank++;
  }
  return { code: code + scanner.codeLines(), comment: comment + scanner.commentLines(), blank: blank + scanner.blankLines() };
}

/** `#` followed by a C preprocessor directive word (`#include`, `# define`). */
function isDirective(buf: Buffer, i: number, len: number, directives: Set<string>): boolean {
  while (i < len && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
  let end = i;
  while (end < len && end - i < 16 && buf[end]! >= 0x61 && buf[end]! <= 0x7a) end++;
  if (end === i || isIdentByte(buf[end])) return false;
  // The word as a string directly: spreading the bytes into fromCharCode made an iterator and a view.
  return directives.has(buf.toString('latin1', i, end));
}

/**
 * At a `'`: a char literal ('a', '\n', '\u{1F600}', 'é') is skipped whole, so that a quote or a
 * comment marker inside it opens nothing; otherwise it is a lifetime or label ('a, 'static) and only
 * the apostrophe is consumed.
 */
function skipRustCharOrLifetime(buf: Uint8Array, i: number, len: number): number {
  const first = buf[i + 1];
  if (first === undefined || i + 1 >= len || first === LF) return i + 1;
  if (first === BACKSLASH) {
    for (let j = i + 3; j < len && j < i + 16; j++) {
      const d = buf[j];
      if (d === APOSTROPHE) return j + 1;
      if (d === LF) break;
    }
    return i + 1;
  }
  const width = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return buf[i + 1 + width] === APOSTROPHE && i + 1 + width < len ? i + 2 + width : i + 1;
}

/** At a `"`: the number of `#` of a raw string opener (r"…", r##"…", br#"…", cr"…"), or -1. */
function rawStringHashes(buf: Uint8Array, quote: number): number {
  let j = quote - 1;
  while (j >= 0 && buf[j] === HASH) j--;
  if (j < 0 || buf[j] !== 0x72 /* r */) return -1;
  const before = buf[j - 1];
  if (before === 0x62 /* b */ || before === 0x63 /* c */) {
    return isIdentByte(buf[j - 2]) ? -1 : quote - 1 - j;
  }
  return isIdentByte(before) ? -1 : quote - 1 - j;
}

function closesRawString(buf: Uint8Array, i: number, len: number, hashes: number): boolean {
  if (i + hashes > len) return false;
  for (let k = 0; k < hashes; k++) if (buf[i + k] !== HASH) return false;
  return true;
}

let primed = false;

/**
 * Takes the counter down every path each language's syntax has, once per thread, before the first
 * file of a large scan (~10 ms; batch.ts). V8 optimises `count` for the paths it has seen; a file
 * that then takes a new one (a nested comment, a raw string, an escaped newline) throws the
 * optimised code away, and each compile of it takes ~70 ms of a helper thread. A 6.12 scan compiled
 * it 16 times (1.1 s of CPU, on two cores the counting threads already fill) and left it 40 times;
 * primed, 5 to 7 and none.
 */
export function primeLineCounter(languages: Iterable<[LanguageDefinition, Syntax]>): void {
  if (primed) return;
  primed = true;
  // Languages of one syntax (C and C Header, the #-comment family) take the same paths: one of each.
  const shapes = new Set<string>();
  for (const [def, syntax] of languages) {
    const { extensions, fileNames, fileNamePrefixes, shebangs, ...shape } = def;
    const key = JSON.stringify(shape);
    if (shapes.has(key)) continue;
    shapes.add(key);
    for (const snippet of primingSnippets(def)) {
      const text = Buffer.from(snippet, 'latin1');
      countWindow(text, syntax);
      countLines(text, syntax);
    }
  }
}

/**
 * Short texts, each holding one of a syntax's constructs in the ways a file can hold it: opened
 * and closed, left open, spanning lines, escaped, nested, after code, with LF and CRLF line ends.
 * Each stands alone: a construct left open would otherwise swallow the ones after it.
 */
function primingSnippets(def: LanguageDefinition): string[] {
  const snippets = ['int a = b / c;\n\n   \n\tx # y\n', 'x \' " / * #\n', 'x\n  '];
  for (const t of def.lineComments ?? [])
    snippets.push(`x ${t} c\n${t} c \\\ncontinued\n  ${t}\n`, `a = 1; ${t} c \\\nb\n`, `x\n${t} at the end`);
  for (const t of def.lineStartComments ?? []) {
    snippets.push(`${t} c\n${t}include <x>\n${t} define y 1\n${t}x\n${t}if_x\n${t}\n${t} 1\na ${t} b\n`);
  }
  for (const [open, close] of def.blockComments ?? []) {
    snippets.push(`${open} a ${close} x\nx ${open}\n b\n\n   \n${close}\n`, `${open}${close}\ny ${open} ${open} z ${close} ${close} w\n`);
    snippets.push(`${open} a\n ${open} b ${close} c\n${close}\n`, `${open} open\n`, `x\n${open} at the end ${close}`);
  }
  for (const s of def.strings ?? []) {
    const e = s.escape ?? '';
    snippets.push(`x = ${s.open}a${e}${s.close}b${s.close};\n`, `x = ${s.open}a${e}\nb${s.close} y\n`, `${s.open}${e}${e}${s.close}\n`);
    snippets.push(`x = ${s.open}a${e}\r\nb${s.close}\n`, `${s.open}multi\n\n  \nline${s.close}\n`, ` ${s.open} open\nx\n`);
  }
  if (def.rustLiterals) {
    snippets.push("let c = 'a'; let d = '\\n'; let e = '\\'; fn f<'a>(x: &'static str) {}\n'a: loop {}\nx'\n'", "'\n'");
    // As Latin-1 characters, one per byte: é, € and 😀 in UTF-8, and a stray continuation byte.
    snippets.push(
      "'\xc3\xa9' '\xe2\x82\xac' '\xf0\x9f\x98\x80' '\x80' '\\u{1F600}' 'ab\n'\\",
      "'\\a\nx",
      'r"x" r#"a"# br##"x\n  \n"# "## cr"y" b\'x\' _r"z" xbr"q"\n',
      'r#"open\n\n',
      'r#"x"',
    );
  }
  return snippets.flatMap((text) => [text, text.replaceAll('\n', '\r\n')]);
}
