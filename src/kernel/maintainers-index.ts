// get_maintainer.pl's file matching, compiled once so that a whole tree is mapped in one pass.
//
// The script tests every F, X and N pattern of every section against each file. Here F and X
// patterns are bucketed by the literal directory they start with, so a file only meets the
// patterns of its own ancestors (plus the few that start with a wildcard), and the N regexes
// share one combined regex that rejects most files in a single test. The answers are the
// script's: same regexes, same depth rule (the last matching F or N of a section sets its depth),
// same order (deeper first); ties, which the script leaves to Perl's hash order, go by
// MAINTAINERS order.
import type { PatchLine } from './patch.js';
import {
  AIDS_FIELD_LIMIT,
  LITERAL_HASH_START,
  literalHash,
  type FieldTable,
  type FileWarning,
  type MaintainersFile,
  type SearchAids,
} from './maintainers-file.js';

/** What differs between versions of scripts/get_maintainer.pl that changes the answers. */
export interface ScriptDialect {
  /** `**` in F and X matches across directories (7.x). */
  globstar: boolean;
  /** A maintainer's role is worded from the section status ("supporter", "odd fixer"); newer scripts say "maintainer". */
  rolesFromStatus: boolean;
  /** K patterns are matched against a file's content by default (before --keywords-in-file existed). */
  keywordsInFileByDefault: boolean;
  /** Roles of sections found by a K pattern end in ":Keyword:PATTERN" (older scripts add nothing). */
  keywordRoles: boolean;
}

export const NEWEST_DIALECT: ScriptDialect = { globstar: true, rolesFromStatus: false, keywordsInFileByDefault: false, keywordRoles: true };

/** The dialect of a tree's own scripts/get_maintainer.pl, read from its text; the newest when there is none. */
export function dialectOf(script: string | undefined): ScriptDialect {
  if (script === undefined) return NEWEST_DIALECT;
  return {
    globstar: script.includes('s/\\*\\*/\\x00/g'),
    rolesFromStatus: script.includes('$role = "supporter"'),
    keywordsInFileByDefault: !script.includes('keywords_in_file'),
    keywordRoles: script.includes(':Keyword:'),
  };
}

export interface SectionMatch {
  section: number;
  /** get_maintainer.pl's pattern depth: slashes in the pattern (+1 unless it ends in one), 0 for N. */
  depth: number;
}

interface FilePattern {
  section: number;
  /** What every matching path starts with, and a run it must contain: cheap tests before the regex. */
  literal: string;
  contains: string;
  /** The pattern is its literal start and nothing else: startsWith decides, no regex needed. */
  plain: boolean;
  /** Position of the field in its section: the last match sets the depth. */
  order: number;
  regex: RegExp;
  depth: number;
  /** A pattern not ending in "/" only matches files with as many slashes as it has. */
  slashes: number;
}

const SLASH = 47;

function slashesIn(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === SLASH) n++;
  return n;
}

/** An F or X value turned into the script's regex source ("." literal, "*" and "?" wildcards). */
export function patternSource(value: string, dialect: ScriptDialect, isDirectory: (path: string) => boolean): string {
  let v = value.replace(/\./g, '\\.');
  if (dialect.globstar) v = v.replace(/\*\*/g, '\0');
  v = v.replace(/\*/g, '.*').replace(/\?/g, '.');
  if (dialect.globstar) v = v.replace(/\0/g, '(?:.*)');
  // The script asks the file system whether the (converted) value names a directory.
  if (isDirectory(v)) v = v.replace(/([^/])$/, '$1/');
  return v;
}

/** Perl's /x: white space and #-comments outside character classes are not part of the pattern. */
export function perlExtended(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/**
 * A Perl /x pattern of MAINTAINERS (N, K) as a JavaScript regex. Perl's case-insensitive groups
 * ("(?i)clone3", "\\b(?i:rust)\\b") become a case-insensitive regex, which is exact for every such
 * pattern MAINTAINERS has: what lies outside their groups has no letters.
 */
/** A quantified group whose body holds a quantifier: (a+)+, (\w*x)*, (?:a|b+){2,}. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,)/;

export function perlRegex(source: string): RegExp {
  let s = perlExtended(source);
  let flags = '';
  if (s.startsWith('(?i)')) {
    s = s.slice(4);
    flags = 'i';
  } else if (s.includes('(?i:')) {
    s = s.replaceAll('(?i:', '(?:');
    flags = 'i';
  }
  return new RegExp(s, flags);
}

/**
 * A regex source read as the script writes its patterns: the runs of literal text between its
 * wildcards (".*", "(?:.*)", "."), up to the first other regex syntax, whose index is `other` (-1: none).
 */
function literalRuns(source: string): { runs: string[]; other: number } {
  const runs: string[] = [];
  let run = '';
  const cut = () => {
    runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length && !/[A-Za-z0-9]/.test(source[i + 1]!)) run += source[++i];
    else if (source.startsWith('(?:.*)', i)) {
      cut();
      i += 5;
    } else if (source.startsWith('.*', i)) {
      cut();
      i++;
    } else if (c === '.') cut();
    else if ('*?+()[]{}|^$\\'.includes(c)) {
      cut();
      return { runs, other: i };
    } else run += c;
  }
  cut();
  return { runs, other: -1 };
}

/** What the pre-tests of a pattern need: its literal start, a literal run it must contain, whether the start is all of it. */
function literalTests(source: string, anchored: boolean): { literal: string; contains: string; plain: boolean } {
  const { runs, other } = literalRuns(source);
  let literal = anchored ? runs[0]! : '';
  // A quantifier right after the literal start makes its last character optional.
  if (anchored && runs.length === 1 && other !== -1 && '?*{'.includes(source[other]!)) literal = literal.slice(0, -1);
  // The longest run a match must contain (an anchored pattern's first run is tested as its start);
  // none when other syntax could make a run optional.
  const contains = other !== -1 ? '' : runs.slice(anchored ? 1 : 0).reduce((a, b) => (b.length > a.length ? b : a), '');
  return { literal, contains, plain: anchored && other === -1 && runs.length === 1 };
}

/**
 * Patterns keyed by the directory their literal start names, and within it by the first character
 * after that directory ('' when a wildcard follows at once): a file meets only the patterns of its
 * ancestors that could start like its own next path component.
 */
class PatternBuckets {
  private readonly byKey = new Map<string, FilePattern[]>();

  add(p: FilePattern): void {
    const dir = p.literal.lastIndexOf('/') + 1;
    const key = p.literal.slice(0, dir + 1);
    const list = this.byKey.get(key);
    if (list) list.push(p);
    else this.byKey.set(key, [p]);
  }

  /** Appends to out every pattern that matches path, as file_match_pattern decides. */
  collect(path: string, out: FilePattern[]): void {
    const fileSlashes = slashesIn(path);
    let from = 0;
    for (;;) {
      for (let k = 0; k < 2 && from + k <= path.length; k++) {
        const list = this.byKey.get(path.slice(0, from + k));
        if (!list) continue;
        for (const p of list) {
          if (!path.startsWith(p.literal) || !path.includes(p.contains)) continue;
          if (!p.plain && !p.regex.test(path)) continue;
          if (p.slashes === -1 || p.slashes === fileSlashes) out.push(p);
        }
      }
      const slash = path.indexOf('/', from);
      if (slash === -1) return;
      from = slash + 1;
    }
  }
}

/** The field letters the index reads, as the table keeps them (character codes). */
const LETTER_F = 70;
const LETTER_X = 88;
const LETTER_K = 75;
const LETTER_N = 78;
/**
 * The field lines the index reads at once (see FieldTable.find): K and N, and the F and X values
 * with regex syntax beyond the wildcards (they could fail to compile, so are compiled and said now).
 */
const EAGER_LINES = /^(?:[KN]:|[FX]:(?=[^\n[\](){}+^$|\\]*[[\](){}+^$|\\]))[ \t]*/gm;
/**
 * After this many paths, the rest of the F and X patterns are compiled at once: a caller asking for
 * more (a whole tree) meets most of them anyway, and a lookup in the compiled buckets is cheaper
 * than a pass over the text.
 */
const PATHS_BEFORE_SETTLING_ALL = 16;
/** A longer path (only a hostile one) settles every pattern rather than making a regex as deep as it is long. */
const LONGEST_PATH_SEARCHED = 1024;

/**
 * The F and X lines whose literal start (the value before its first "*" or "?", or all of it) is
 * where path starts: only those patterns can match it. As a regex of nested optional characters,
 * "p(?:a(?:t(?:h)?)?)?", followed by a wildcard or the end of the value.
 */
function literalStartLines(path: string): RegExp {
  let nested = '';
  // A value holds no line break, so neither does the part of path a literal can equal.
  const head = path.split(/[\n\r\u2028\u2029]/, 1)[0]!;
  for (let k = head.length - 1; k >= 0; k--) nested = `(?:${head[k]!.replace(/[.*+?^${}()|[\]\\/]/, '\\$&')}${nested})?`;
  return new RegExp(`^[FX]:[ \\t]*(?=${nested}(?:[*?]|\\r?$))`, 'gm');
}

/** The fields EAGER_LINES finds, and those the parser read with its regex (no plain run of the text). */
function eagerFields(table: FieldTable): Int32Array {
  return Int32Array.from(new Set([...table.find(EAGER_LINES), ...table.oddFields()])).sort();
}

/** A code that ends a line: no value holds one, so no literal start goes past it. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/**
 * The index's searches of the text made once, for a parse to be saved (maintainers.ts): the eager
 * fields, and every F and X field under the hash of its literal start. Undefined for a table too
 * large for the layout (only a hostile one).
 */
export function searchAids(table: FieldTable): SearchAids | undefined {
  if (table.count >= AIDS_FIELD_LIMIT) return undefined;
  const keys: number[] = [];
  const text = table.text;
  for (let i = 0; i < table.count; i++) {
    if (table.letters[i] !== LETTER_F && table.letters[i] !== LETTER_X) continue;
    let hash = LITERAL_HASH_START;
    for (let at = table.starts[i]!, end = table.ends[i]!; at < end; at++) {
      const c = text.charCodeAt(at);
      if (c === 42 || c === 63 || isLineBreak(c)) break; // "*", "?"
      hash = literalHash(hash, c);
    }
    keys.push(hash * AIDS_FIELD_LIMIT + i);
  }
  return { eager: eagerFields(table), byLiteral: Float64Array.from(keys).sort() };
}

/** The F and X fields whose literal start is where path starts (and a few that only share its hash). */
function literalStartFields(aids: SearchAids, path: string): number[] {
  const keys = aids.byLiteral;
  const found: number[] = [];
  let hash = LITERAL_HASH_START;
  for (let k = 0; ; k++) {
    // The first key of this hash, then every one that has it.
    const first = hash * AIDS_FIELD_LIMIT;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < keys.length && keys[j]! < first + AIDS_FIELD_LIMIT; j++) found.push(keys[j]! - first);
    if (k === path.length || isLineBreak(path.charCodeAt(k))) return found;
    hash = literalHash(hash, path.charCodeAt(k));
  }
}

interface Keyword {
  section: number;
  value: string;
  /** Its field in the table (its line is counted only for a warning). */
  field: number;
  position: number;
}

export class MaintainersIndex {
  readonly warnings: FileWarning[] = [];
  private readonly files = new PatternBuckets();
  private readonly excludes = new PatternBuckets();
  private readonly regexes: FilePattern[] = [];
  private readonly anyRegex: RegExp | undefined;
  private readonly keywords: Keyword[] = [];
  /**
   * The F and X fields (by their index in the file's table) compiled so far. The script compiles
   * every pattern and asks the file system of each whether it names a directory; here that happens
   * when a path its literal start could match is first matched, so one file's answer costs the
   * patterns that could match it, not all of MAINTAINERS. More paths settle them all.
   */
  private readonly settled: Uint8Array;
  private allSettled = false;
  private pathsMatched = 0;

  constructor(
    readonly maintainers: MaintainersFile,
    readonly dialect: ScriptDialect,
    private readonly isDirectory: (path: string) => boolean,
  ) {
    const table = maintainers.table;
    this.settled = new Uint8Array(table.count);
    // Values the parser read with FIELD are no plain run of the text, which the searches read: they
    // are read now too, whatever their letter.
    const eager = table.aids?.eager ?? eagerFields(table);
    for (const i of eager) {
      const letter = table.letters[i];
      const section = table.sections[i]!;
      if (letter === LETTER_K) {
        // Compiled when contents are matched; its shape is checked now, so that a refused one is
        // said with the file's other warnings.
        const keyword = { section, value: table.value(i), field: i, position: table.position(i) };
        this.keywords.push(keyword);
        this.keywordRegex(keyword.value, i);
      } else if (letter === LETTER_N) {
        const regex = this.compile(table.value(i), i, perlRegex);
        // A case-insensitive regex has no case-sensitive substring to pre-test.
        const tests = regex && !regex.ignoreCase ? literalTests(regex.source, false) : { literal: '', contains: '', plain: false };
        if (regex) this.regexes.push({ section, ...tests, order: i - table.sectionFirst[section]!, regex, depth: 0, slashes: -1 });
      } else if (letter === LETTER_F || letter === LETTER_X) this.settleField(i);
    }
    // One regex that any N match implies (case-insensitive if any N is), to reject most files in one test.
    const insensitive = this.regexes.some((p) => p.regex.flags.includes('i'));
    this.anyRegex = this.regexes.length
      ? new RegExp(this.regexes.map((p) => `(?:${p.regex.source})`).join('|'), insensitive ? 'i' : '')
      : undefined;
  }

  /** Compiles an F or X field of the table (asking of a plain path whether it names a directory) into the buckets. */
  private settleField(i: number): void {
    if (this.settled[i]) return;
    this.settled[i] = 1;
    const table = this.maintainers.table;
    const section = table.sections[i]!;
    const letter = table.letters[i] === LETTER_F ? 'F' : 'X';
    const source = patternSource(table.value(i), this.dialect, this.isDirectory);
    this.addPattern(letter, section, i - table.sectionFirst[section]!, i, source);
  }

  private addPattern(letter: 'F' | 'X', section: number, order: number, field: number, source: string): void {
    const regex = this.compile(source, field, (v) => new RegExp(`^${v}`));
    if (!regex) return;
    const directory = source.endsWith('/');
    const anyDepth = this.dialect.globstar && source.includes('(?:');
    let depth = slashesIn(source) + (directory ? 0 : 1);
    if (/^(\.\*|\(\?:\.\*\))/.test(source)) depth = -1;
    const pattern = {
      section,
      ...literalTests(source, true),
      order,
      regex,
      depth,
      slashes: directory || anyDepth ? -1 : slashesIn(source),
    };
    (letter === 'F' ? this.files : this.excludes).add(pattern);
  }

  /** Compiles every pattern now: for a caller about to map a whole tree, where waiting saves nothing. */
  settleAll(): void {
    if (this.allSettled) return;
    this.allSettled = true;
    const table = this.maintainers.table;
    for (let i = 0; i < table.count; i++) if (table.letters[i] === LETTER_F || table.letters[i] === LETTER_X) this.settleField(i);
  }

  /** Compiles the patterns that could match path (their literal start is where it starts) before it is matched. */
  private settle(path: string): void {
    if (this.allSettled) return;
    if (++this.pathsMatched > PATHS_BEFORE_SETTLING_ALL || path.length > LONGEST_PATH_SEARCHED) return this.settleAll();
    const table = this.maintainers.table;
    for (const i of table.aids ? literalStartFields(table.aids, path) : table.find(literalStartLines(path))) this.settleField(i);
  }

  /** The regex make builds of value, or undefined (and a warning on the line of the table's field) when it is refused. */
  private compile(value: string, field: number, make: (value: string) => RegExp): RegExp | undefined {
    // Counted only for a warning: most fields are never asked for their line.
    const line = () => this.maintainers.table.line(field);
    // JavaScript's regex engine backtracks: a quantified group holding a quantifier ("(a+)+") can
    // take forever on a crafted path or file (get_maintainer.pl hangs too). No real MAINTAINERS
    // pattern has that shape; one that does is refused, with the line it stands on.
    if (NESTED_QUANTIFIER.test(value)) {
      this.warnings.push({ line: line(), message: `pattern "${value}" nests quantifiers (it can backtrack without end), ignored` });
      return undefined;
    }
    try {
      return make(value);
    } catch (e) {
      this.warnings.push({ line: line(), message: `pattern "${value}" is not a valid regex, ignored: ${(e as Error).message}` });
      return undefined;
    }
  }

  /** The sections that cover a file (or a directory given with a trailing "/"), deepest first. */
  match(path: string): SectionMatch[] {
    this.settle(path);
    const excluded: FilePattern[] = [];
    this.excludes.collect(path, excluded);
    const hits: FilePattern[] = [];
    this.files.collect(path, hits);
    if (this.anyRegex?.test(path)) for (const p of this.regexes) if (path.includes(p.contains) && p.regex.test(path)) hits.push(p);
    // Per section, the depth of its last matching F or N field; a section with a matching X is out.
    const result: (SectionMatch & { order: number })[] = [];
    for (const p of hits) {
      if (excluded.some((x) => x.section === p.section)) continue;
      const seen = result.find((r) => r.section === p.section);
      if (!seen) result.push({ section: p.section, depth: p.depth, order: p.order });
      else if (p.order > seen.order) {
        seen.depth = p.depth;
        seen.order = p.order;
      }
    }
    return result.sort((a, b) => b.depth - a.depth || a.section - b.section).map(({ section, depth }) => ({ section, depth }));
  }

  private readonly keywordRegexes = new Map<string, RegExp | undefined>();

  private keywordRegex(value: string, field: number): RegExp | undefined {
    if (!this.keywordRegexes.has(value)) this.keywordRegexes.set(value, this.compile(value, field, perlRegex));
    return this.keywordRegexes.get(value);
  }

  /**
   * Sections whose K patterns match a line of a patch, in MAINTAINERS order: anywhere in a line of
   * the mail and message, after the leading + or - of a diff line (the script's "^[+-].*" prefix).
   */
  keywordMatchesInPatch(lines: PatchLine[]): { section: number; keyword: string; position: number }[] {
    const found: { section: number; keyword: string; position: number }[] = [];
    // One pass over the joined text first: a pattern that matches no line (^ and $ at line ends) is done with.
    const joined = lines.map((l) => l.text).join('\n');
    for (const k of this.keywords) {
      const regex = this.keywordRegex(k.value, k.field);
      if (!regex || !new RegExp(regex.source, `${regex.flags}m`).test(joined)) continue;
      const inDiff = new RegExp(`^[+-].*(?:${regex.source})`, regex.flags);
      if (lines.some((l) => (l.inDiff ? inDiff : regex).test(l.text)))
        found.push({ section: k.section, keyword: k.value, position: k.position });
    }
    return found;
  }

  /** Sections whose K patterns match a file's content, in MAINTAINERS order. */
  keywordMatches(content: string): { section: number; keyword: string; position: number }[] {
    const found: { section: number; keyword: string; position: number }[] = [];
    for (const k of this.keywords) {
      const regex = this.keywordRegex(k.value, k.field);
      if (regex?.test(content)) found.push({ section: k.section, keyword: k.value, position: k.position });
    }
    return found;
  }
}
