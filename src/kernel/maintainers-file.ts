// The MAINTAINERS file, read the way scripts/get_maintainer.pl reads it: a line "X:<space>value"
// is a field; any other line that is neither blank nor a comment names the section whose fields
// follow it. Blank lines do not end a section; the next name line does. Nothing here throws: a
// line the format does not expect becomes a warning with its line number.

export interface Field {
  /** One capital letter: M, R, L, S, W, Q, B, C, P, T, F, X, N, K. */
  letter: string;
  /** The text after the colon, as the script keeps it (leading space removed). */
  value: string;
  line: number;
  /** Its index in get_maintainer.pl's @typevalue (fields and name lines, no blanks or comments): keywords are ordered by it. */
  position: number;
}

export interface Section {
  /** Position among the file's sections: MAINTAINERS order, the tie-break everywhere. */
  readonly index: number;
  readonly name: string;
  readonly line: number;
  readonly fields: Field[];
}

export interface FileWarning {
  line: number;
  message: string;
  /** The file, when not the top MAINTAINERS (a tree whose script reads several). */
  file?: string;
}

export interface MaintainersFile {
  /** Every section, in file order. */
  readonly sections: Section[];
  /** Section i alone: a kept parse (decodeParse) makes only the sections asked for this way. */
  section(i: number): Section;
  warnings: FileWarning[];
  /** Every field in one table, for a reader that goes through all of them (the pattern index). */
  table: FieldTable;
}

/** What each field letter means (MAINTAINERS' own preface). */
export const FIELD_LETTERS: Record<string, string> = {
  M: 'maintainer',
  R: 'reviewer',
  L: 'mailing list',
  S: 'status',
  W: 'web page',
  Q: 'patchwork',
  B: 'bug reports',
  C: 'chat',
  P: 'subsystem profile',
  T: 'SCM tree',
  F: 'files',
  X: 'excluded files',
  N: 'file name regex',
  K: 'content regex',
};

const FIELD = /^([A-Z]):\s*(.*)/;
const COLON = 58;
const TAB = 9;
const SPACE = 32;
const CR = 13;

/**
 * The index's searches of the whole text, done once and saved with a parse: `maintainers FILE…`
 * then reads no line of MAINTAINERS but the few its answer needs.
 */
export interface SearchAids {
  /** The fields the index reads at once, in file order. */
  eager: Int32Array;
  /**
   * The F and X fields by their literal start (the value before its first "*" or "?"), each as
   * hash * 2^21 + field, sorted: the fields a path can match are those under the hashes of its
   * starts (see literalHash).
   */
  byLiteral: Float64Array;
}

/** Field indices a SearchAids entry can hold (2^21): a larger table is searched without aids. */
export const AIDS_FIELD_LIMIT = 2 ** 21;

/** FNV-1a over UTF-16 code units, one at a time: the hash of a string's starts, each from the one before. */
export const LITERAL_HASH_START = 2166136261;
export function literalHash(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619) >>> 0;
}

/**
 * The text a table's offsets point into: a string, or (a saved parse of a file's UTF-8 bytes) the
 * bytes, decoded a value at a time. Decoding the kernel's 0.9 MB MAINTAINERS whole took ~4 ms of
 * a one-file `maintainers` run, which reads a few dozen values. Offsets stay those of the text: the
 * bytes come with the offsets of the text's non-ASCII code units and the extra bytes UTF-8 gives
 * them, so that any offset's byte is found by a binary search.
 */
export class TableText {
  #whole: string | undefined;

  constructor(
    whole: string | undefined,
    private readonly bytes?: Buffer,
    /** Pairs: a non-ASCII code unit's offset, and the extra bytes of it and every such unit before it. */
    private readonly wide?: Int32Array,
  ) {
    this.#whole = whole;
  }

  get whole(): string {
    this.#whole ??= this.bytes!.toString('utf8');
    return this.#whole;
  }

  slice(start: number, end: number): string {
    if (this.#whole !== undefined) return this.#whole.slice(start, end);
    return this.bytes!.toString('utf8', this.byteOf(start), this.byteOf(end));
  }

  /** How many line feeds lie in [start, end). */
  lineFeeds(start: number, end: number): number {
    let n = 0;
    if (this.#whole !== undefined) {
      for (let at = this.#whole.indexOf('\n', start); at !== -1 && at < end; at = this.#whole.indexOf('\n', at + 1)) n++;
      return n;
    }
    const last = this.byteOf(end);
    for (let at = this.bytes!.indexOf(10, this.byteOf(start)); at !== -1 && at < last; at = this.bytes!.indexOf(10, at + 1)) n++;
    return n;
  }

  /** The byte where the text's code unit at offset starts. */
  private byteOf(offset: number): number {
    const wide = this.wide!;
    let lo = 0;
    let hi = wide.length / 2 - 1;
    // The last wide unit before offset: its running count of extra bytes.
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (wide[2 * mid]! < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return offset + (hi < 0 ? 0 : wide[2 * hi + 1]!);
  }
}

/** More non-ASCII code units than this (the kernel's file has ~400) and a kept parse decodes its text whole. */
const WIDE_UNITS_LIMIT = 1 << 16;

/**
 * The non-ASCII code units of a text and their running count of extra UTF-8 bytes (TableText), or
 * undefined when the bytes are not exactly the text's UTF-8 (a file with bytes that are not UTF-8:
 * its offsets cannot be mapped) or hold more than WIDE_UNITS_LIMIT of them (a hostile file would
 * make a list as long as itself): then it is decoded whole.
 */
export function wideUnits(text: string, bytes: Buffer): Int32Array | undefined {
  if (Buffer.byteLength(text) !== bytes.length || !Buffer.from(text).equals(bytes)) return undefined;
  const pairs: number[] = [];
  let extra = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (pairs.length === 2 * WIDE_UNITS_LIMIT) return undefined;
    // Two bytes below U+0800; three for the rest of the BMP; four for a surrogate pair, two each.
    extra += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2;
    pairs.push(i, extra);
  }
  return Int32Array.from(pairs);
}

/**
 * Every field of a MAINTAINERS file, in file order, kept as offsets into its text: a field becomes
 * an object only when its section is read. Most of what a one-file `maintainers -f` (run once per
 * patch under `--cc-cmd`) cost was making and collecting an object for each of 23 K fields it never
 * looks at. Lines and positions are counted from the section's first field when asked for.
 */
export class FieldTable {
  constructor(
    readonly source: TableText,
    readonly count: number,
    /** Per field: its letter's character code, where its value starts and ends in the text, its section. */
    readonly letters: Uint8Array,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly sections: Int32Array,
    /** Per section: its first field, that field's line and position. */
    readonly sectionFirst: Int32Array,
    readonly firstLines: Int32Array,
    readonly firstPositions: Int32Array,
    /** Values the fast reading left to FIELD (lines with Unicode spaces or odd line breaks), by field. */
    readonly oddValues: Map<number, string>,
  ) {}

  /** What the pattern index reads from the whole text, when made (maintainers-index.ts searchAids) and kept with a saved parse. */
  aids: SearchAids | undefined;

  /** The whole text (decoded when first asked for, with a saved parse of bytes). */
  get text(): string {
    return this.source.whole;
  }

  /** The fields whose values the parser read with FIELD: they are not the plain run of text [starts, ends). */
  oddFields(): number[] {
    return [...this.oddValues.keys()];
  }

  /**
   * The fields found by a regex run over the whole text: one of the form /^[LETTERS]:[ \t]*(?=…)/gm,
   * whose match ends where a field's value starts. The regex engine finds the few lines a caller
   * wants faster than a loop over every field could (that loop would run before V8 compiles it).
   * What it meets that is no field of the table (a "line" after a lone CR) is left out.
   */
  find(lineRegex: RegExp): number[] {
    const found: number[] = [];
    lineRegex.lastIndex = 0;
    for (let m = lineRegex.exec(this.text); m; m = lineRegex.exec(this.text)) {
      const i = this.fieldAt(m.index + m[0].length);
      if (i !== -1 && this.letters[i] === this.text.charCodeAt(m.index)) found.push(i);
    }
    return found;
  }

  /** The field whose value starts at an offset of the text, or -1. */
  private fieldAt(start: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.starts[mid]!;
      if (s === start) return mid;
      if (s < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  value(i: number): string {
    return this.oddValues.get(i) ?? this.source.slice(this.starts[i]!, this.ends[i]!);
  }

  /** A field's line: its section's first field's, plus the line breaks between them. */
  line(i: number): number {
    const section = this.sections[i]!;
    return this.firstLines[section]! + this.source.lineFeeds(this.starts[this.sectionFirst[section]!]!, this.starts[i]!);
  }

  /** A field's index in get_maintainer.pl's @typevalue: fields of a section have consecutive ones. */
  position(i: number): number {
    const section = this.sections[i]!;
    return this.firstPositions[section]! + (i - this.sectionFirst[section]!);
  }

  /** The fields [first, end) of one section, as objects; each line counted on from the one before. */
  fields(first: number, end: number): Field[] {
    const fields: Field[] = [];
    let line = first < end ? this.line(first) : 0;
    for (let i = first; i < end; i++) {
      if (i > first) line += this.source.lineFeeds(this.starts[i - 1]!, this.starts[i]!);
      fields.push({ letter: String.fromCharCode(this.letters[i]!), value: this.value(i), line, position: this.position(i) });
    }
    return fields;
  }
}

/** A section whose fields are read from the table when first asked for. */
class TableSection implements Section {
  #fields: Field[] | undefined;
  #table: FieldTable | undefined;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly line: number,
    /** Its fields are the table's [first, end). */
    readonly first: number,
    public end: number,
  ) {}

  setTable(table: FieldTable): void {
    this.#table = table;
  }

  get fields(): Field[] {
    this.#fields ??= this.#table!.fields(this.first, this.end);
    return this.#fields;
  }

  toJSON(): { index: number; name: string; line: number; fields: Field[] } {
    return { index: this.index, name: this.name, line: this.line, fields: this.fields };
  }
}

/** FIELD_LETTERS by character code from "A": 1 for a letter MAINTAINERS defines. */
const KNOWN_LETTERS = Uint8Array.from({ length: 26 }, (_, i) => Number(String.fromCharCode(65 + i) in FIELD_LETTERS));

/** Whether a line is "X:" with a capital letter: a field (FIELD would match it). */
function isFieldAt(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 65 && c <= 90 && at + 1 < end && text.charCodeAt(at + 1) === COLON;
}

/** Whether the text holds a line break other than "\n" and "\r\n" (a lone CR, U+2028, U+2029). */
function hasOddBreaks(text: string): boolean {
  if (text.includes('\u2028') || text.includes('\u2029')) return true;
  for (let cr = text.indexOf('\r'); cr !== -1; cr = text.indexOf('\r', cr + 1)) if (text.charCodeAt(cr + 1) !== 10) return true;
  return false;
}

/** A column of a table that grows (fields are counted as they are read). */
function grown<T extends Uint8Array | Int32Array>(column: T, make: (n: number) => T): T {
  const bigger = make(column.length * 2);
  bigger.set(column);
  return bigger;
}

/**
 * The lines are walked in place, in one loop (no array of lines, no regex per field, no object per
 * field): the loop runs before V8 has compiled it, so every step in it counts. Lines with characters
 * the fast reading does not handle (Unicode spaces, lone CRs, U+2028) go through FIELD.
 */
export function parseMaintainers(text: string): MaintainersFile {
  // A field line holds at least "X:v\n"; MAINTAINERS averages ~40 characters a field.
  let capacity = (text.length >> 5) + 64;
  let letters = new Uint8Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let fieldSections = new Int32Array(capacity);
  const oddValues = new Map<number, string>();
  const sections: TableSection[] = [];
  const firstLines: number[] = [];
  const firstPositions: number[] = [];
  const warnings: FileWarning[] = [];
  let headerName: string | undefined;
  let headerLine = 0;
  let current: TableSection | undefined;
  let lastWasField = false;
  let position = 0;
  let count = 0;
  // A field value ends at the first line terminator JavaScript's "." stops at: \r, U+2028, U+2029.
  const oddBreaks = hasOddBreaks(text);
  let line = 0;
  for (let from = 0; from <= text.length; ) {
    line++;
    let next = text.indexOf('\n', from);
    if (next === -1) next = text.length;
    const end = next > from && text.charCodeAt(next - 1) === CR ? next - 1 : next;
    const at = from;
    from = next + 1;
    const first = text.charCodeAt(at);
    if (isFieldAt(text, at, end)) {
      let v = at + 2;
      for (let c = text.charCodeAt(v); (c === SPACE || c === TAB) && v < end; c = text.charCodeAt(++v));
      const c = text.charCodeAt(v);
      if (oddBreaks || (v < end && (c < SPACE || c > 126))) oddValues.set(count, FIELD.exec(text.slice(at, end))![2]!);
      if (KNOWN_LETTERS[first - 65] !== 1) warnings.push({ line, message: `unknown field "${String.fromCharCode(first)}:" (ignored)` });
      if (current === undefined) {
        if (headerName === undefined) warnings.push({ line, message: 'a field before any section name' });
        current = new TableSection(
          sections.length,
          headerName ?? text.slice(at, end),
          headerName === undefined ? line : headerLine,
          count,
          count,
        );
        sections.push(current);
        firstLines.push(line);
        firstPositions.push(position);
      }
      if (count === capacity) {
        capacity *= 2;
        letters = grown(letters, (n) => new Uint8Array(n));
        starts = grown(starts, (n) => new Int32Array(n));
        ends = grown(ends, (n) => new Int32Array(n));
        fieldSections = grown(fieldSections, (n) => new Int32Array(n));
      }
      letters[count] = first;
      starts[count] = v;
      ends[count] = end;
      fieldSections[count] = current.index;
      current.end = ++count;
      position++;
      lastWasField = true;
      continue;
    }
    if (at === end || ((first <= SPACE || first > 126) && /^\s*$/.test(text.slice(at, end)))) {
      lastWasField = false;
      continue;
    }
    const lineText = text.slice(at, end);
    if (first === 35 || ((first <= SPACE || first > 126) && /^\s*#/.test(lineText))) continue;
    // Only a second character that is a colon or may be a space lets the regex match: most names are spared it.
    const second = text.charCodeAt(at + 1);
    if ((second === COLON || second <= SPACE || second > 126) && /^([a-z]\s*|[A-Z]\s+):/.test(lineText)) {
      warnings.push({
        line,
        message: `"${lineText.slice(0, 40)}" looks like a field but is not one ("X:" with a capital letter); read as a section name`,
      });
    } else if (lastWasField && from < text.length && isFieldAt(text, from, text.length)) {
      warnings.push({ line, message: `"${lineText.slice(0, 40)}" starts a new section in the middle of one (a missing blank line?)` });
    }
    headerName = lineText;
    headerLine = line;
    position++;
    current = undefined;
    lastWasField = false;
  }
  if (!sections.length) warnings.push({ line: 1, message: 'no sections (no "X:" field lines): not a MAINTAINERS file?' });
  const table = new FieldTable(
    new TableText(text),
    count,
    letters,
    starts,
    ends,
    fieldSections,
    Int32Array.from(sections, (s) => s.first),
    Int32Array.from(firstLines),
    Int32Array.from(firstPositions),
    oddValues,
  );
  for (const s of sections) s.setTable(table);
  return { sections, section: (i) => sections[i]!, warnings, table };
}

/** Bumped whenever the parse or this layout changes: a parse saved by another version is not read. */
export const PARSE_FORMAT = 2;
/**
 * Int32 slots before the columns: format, text length, fields, sections, eager fields and F/X
 * fields of the aids, and the Int32s of the text's wide units (-1: none).
 */
const HEADER_INTS = 7;

/** What a parse was made from: the text, or the file's bytes (its text decoded only when needed). */
export interface ParseSource {
  text?: string;
  bytes?: Buffer;
}

/**
 * A parse as bytes, to be kept beside the text it was made from (a cache): the table's columns,
 * each section's end and line, the aids' eager fields and, when made from a file's bytes, the
 * text's wide units (TableText) as Int32, the aids' F/X keys as Float64 (both in the machine's byte
 * order, as typed arrays lay them out), the field letters, then the section names, odd values and
 * warnings as JSON. The text itself is not in it.
 */
export function encodeParse(file: MaintainersFile, bytes?: Buffer): Uint8Array {
  const t = file.table;
  const sections = file.sections as TableSection[];
  const n = t.count;
  const k = sections.length;
  const aids = t.aids;
  const e = aids ? aids.eager.length : -1;
  const wide = bytes && wideUnits(t.text, bytes);
  const ints = new Int32Array(HEADER_INTS + 3 * n + 5 * k + Math.max(e, 0) + (wide?.length ?? 0));
  ints.set([PARSE_FORMAT, t.text.length, n, k, e, aids ? aids.byLiteral.length : -1, wide ? wide.length : -1]);
  let at = HEADER_INTS;
  for (const column of [t.starts, t.ends, t.sections]) {
    ints.set(column.subarray(0, n), at);
    at += n;
  }
  for (const column of [t.sectionFirst, t.firstLines, t.firstPositions, sections.map((s) => s.end), sections.map((s) => s.line)]) {
    ints.set(column, at);
    at += k;
  }
  if (aids) ints.set(aids.eager, at);
  if (wide) ints.set(wide, at + Math.max(e, 0));
  const literals = new Uint8Array(aids ? aids.byLiteral.buffer : new ArrayBuffer(0));
  const json = Buffer.from(JSON.stringify({ names: sections.map((s) => s.name), odd: [...t.oddValues], warnings: file.warnings }));
  const out = new Uint8Array(ints.byteLength + literals.length + n + json.length);
  let to = 0;
  for (const part of [new Uint8Array(ints.buffer), literals, t.letters.subarray(0, n), json]) {
    out.set(part, to);
    to += part.length;
  }
  return out;
}

/**
 * The parse encodeParse made of this text (or these bytes: then the text is decoded a value at a
 * time), or undefined when the saved bytes are not one (another format, another text's length, a
 * size that does not add up). Whether they were made from this very text is the caller's to know
 * (a key of the text beside them).
 */
export function decodeParse(source: ParseSource, saved: Uint8Array): MaintainersFile | undefined {
  if (saved.length < HEADER_INTS * 4) return undefined;
  // Copies (a Buffer's slice is a view), so that the columns are aligned whatever the bytes' offset.
  const head = new Int32Array(new Uint8Array(saved.subarray(0, HEADER_INTS * 4)).buffer);
  const [format, length, n, k, e, l, w] = head as unknown as number[] as [number, number, number, number, number, number, number];
  const intBytes = (HEADER_INTS + 3 * n + 5 * k + Math.max(e, 0) + Math.max(w, 0)) * 4;
  const letterStart = intBytes + Math.max(l, 0) * 8;
  if (format !== PARSE_FORMAT || n < 0 || k < 0 || saved.length < letterStart + n) return undefined;
  const ints = new Int32Array(new Uint8Array(saved.subarray(0, intBytes)).buffer);
  let at = HEADER_INTS;
  const next = (size: number) => ints.subarray(at, (at += size));
  const [starts, ends, fieldSections] = [next(n), next(n), next(n)];
  const [sectionFirst, firstLines, firstPositions, sectionEnds, sectionLines] = [next(k), next(k), next(k), next(k), next(k)];
  const eager = next(Math.max(e, 0));
  const wide = next(Math.max(w, 0));
  let text: TableText;
  if (source.text === undefined && w >= 0) {
    if (source.bytes?.length !== length + (w > 0 ? wide[w - 1]! : 0)) return undefined;
    text = new TableText(undefined, source.bytes, wide);
  } else {
    // Given the text, or bytes that are not all UTF-8 (no wide units were saved): decoded whole.
    const whole = source.text ?? source.bytes?.toString('utf8');
    if (whole?.length !== length) return undefined;
    text = new TableText(whole);
  }
  let rest: { names: string[]; odd: [number, string][]; warnings: FileWarning[] };
  try {
    rest = JSON.parse(Buffer.from(saved.buffer, saved.byteOffset + letterStart + n, saved.length - letterStart - n).toString('utf8'));
  } catch {
    return undefined;
  }
  if (rest.names?.length !== k || !Array.isArray(rest.odd) || !Array.isArray(rest.warnings)) return undefined;
  const letters = new Uint8Array(saved.subarray(letterStart, letterStart + n));
  const table = new FieldTable(text, n, letters, starts, ends, fieldSections, sectionFirst, firstLines, firstPositions, new Map(rest.odd));
  if (e >= 0 && l >= 0) table.aids = { eager, byLiteral: new Float64Array(new Uint8Array(saved.subarray(intBytes, letterStart)).buffer) };
  return new KeptFile(rest.names, sectionLines, sectionFirst, sectionEnds, rest.warnings, table);
}

/**
 * A parse read back: its sections are made when asked for, one at a time (`maintainers FILE…`
 * reads a handful of 3,300), or all at once for a reader of `sections`. Making them all took
 * ~2 ms of a one-file run.
 */
class KeptFile implements MaintainersFile {
  readonly #made: (TableSection | undefined)[];
  #all: Section[] | undefined;

  constructor(
    private readonly names: string[],
    private readonly lines: Int32Array,
    private readonly firsts: Int32Array,
    private readonly ends: Int32Array,
    public warnings: FileWarning[],
    readonly table: FieldTable,
  ) {
    this.#made = new Array(names.length);
  }

  section(i: number): Section {
    let s = this.#made[i];
    if (!s) {
      s = new TableSection(i, this.names[i]!, this.lines[i]!, this.firsts[i]!, this.ends[i]!);
      s.setTable(this.table);
      this.#made[i] = s;
    }
    return s;
  }

  get sections(): Section[] {
    this.#all ??= this.names.map((_, i) => this.section(i));
    return this.#all;
  }
}

/** The fields of a section with a given letter, in order. */
export function fieldsOf(section: Section, letter: string): Field[] {
  return section.fields.filter((f) => f.letter === letter);
}

export interface Person {
  name: string;
  address: string;
}

/**
 * A "Name <address>" as get_maintainer.pl's parse_email splits it: surrounding quotes dropped,
 * a name with anything but ASCII word characters, spaces and dashes put back in quotes.
 */
export function parseEmail(text: string): Person {
  let name = '';
  let address = '';
  let m: RegExpExecArray | null;
  if ((m = /^([^<]+)<(.+@.*)>.*$/.exec(text))) {
    name = m[1]!;
    address = m[2]!;
  } else if ((m = /^\s*<(.+@\S*)>.*$/.exec(text))) address = m[1]!;
  else if ((m = /^(.+@\S*).*$/.exec(text))) address = m[1]!;
  return { name: escapeName(unquote(name.trim())), address: address.trim() };
}

function unquote(name: string): string {
  return name.replace(/^"|"$/g, '');
}

export function escapeName(name: string): string {
  if (!/[^\w \-]/.test(name)) return name;
  return `"${name.replace(/(?<!\\)"/g, '\\"')}"`;
}

/** "Name <address>", or the address alone: format_email with names on. */
export function formatEmail(p: Person): string {
  const name = escapeName(unquote(p.name.trim()));
  const address = p.address.trim();
  return name === '' ? address : `${name} <${address}>`;
}

export interface MailingList {
  address: string;
  /** What follows the address, e.g. "(moderated for non-subscribers)". */
  note: string;
  kind: 'open' | 'moderated' | 'subscribers-only';
}

export function parseList(value: string): MailingList {
  const m = /([^\s]+)\s+(.*)$/.exec(value);
  const address = m ? m[1]! : value;
  const note = m ? m[2]! : '';
  const kind = /subscribers-only/.test(note) ? 'subscribers-only' : /moderated/.test(note) ? 'moderated' : 'open';
  return { address, note, kind };
}

/** The statuses MAINTAINERS defines; anything else is kept as written. */
const STATUSES = ['Supported', 'Maintained', 'Odd Fixes', 'Orphan', 'Obsolete', 'Buried alive in reporters'];

/** A section's status, folded to one of the defined words when it starts with one ("Odd fixes", "Orphaned"). */
export function statusOf(section: Section): string {
  const values = fieldsOf(section, 'S').map((f) => f.value.trim());
  const last = values[values.length - 1];
  if (last === undefined) return 'Unknown';
  const known = STATUSES.find((s) => last.toLowerCase().startsWith(s.toLowerCase()));
  return known ?? last;
}
