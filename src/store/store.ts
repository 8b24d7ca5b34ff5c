// The store: per-blob facts in an embedded SQLite database, keyed by (git blob id, name hint,
// extractor version), so the same content is never analysed twice, across revisions, runs and
// sources. The only module that imports the database driver.
//
// Facts are written as packed segments (one row per batch of new facts) and read back whole into
// a map: a kernel tree is ~95 K blobs, and one SQLite row per blob costs seconds to insert on this
// kind of machine, where a segment costs milliseconds. Stat snapshots of directory trees (size,
// mtime, inode and blob id per path) let a rescan skip unchanged files without opening them.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { FerrometerError } from '../core/errors.js';
import { AT, FACT_RECORD as RECORD, NO_NAME as NONE, SNAPSHOT_RECORD, STAT_BYTES } from '../core/fact-record.js';
import { makeDirectory } from './location.cjs';

/**
 * SQLite, loaded when a store is opened: a scan with --no-store (or a command that keeps nothing)
 * does not pay for the native module (~4 MB of memory, ~10 ms).
 */
let sqlite: typeof Database | undefined;
function openDatabase(path: string, options: Database.Options): Database.Database {
  sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  return new sqlite(path, options);
}

/**
 * Bump when the schema changes; a store with a higher number was written by a newer ferrometer.
 * (Adding a table is not a change: an older ferrometer leaves it alone.)
 */
export const SCHEMA_VERSION = 6;

/** PRAGMA application_id of every ferrometer store ("FRRM"): a database without it and with tables is someone else's. */
export const APPLICATION_ID = 0x4652524d;

/** The tables a ferrometer store has ever had: an unmarked database with only these is an older store. */
const OWN_TABLES = new Set([
  'line_facts',
  'fs_stat',
  'fact_segments',
  'stat_snapshots',
  'stat_snapshot_parts',
  'snapshot_generations',
  'snapshot_parts',
  'snapshots',
  'blob_documents',
  'commit_documents',
  'tree_listings',
]);

export interface Fact {
  language: string | null;
  /** 0 counted, 1 unrecognised, 2 binary (the statuses that depend on content alone). */
  status: number;
  code: number;
  comment: number;
  blank: number;
  /** The blob's size. */
  bytes: number;
}

export interface FactRow extends Fact {
  blob: string;
  /** The language the file name implies, or '' when the content decides (shebang, binary). */
  hint: string;
}

/** How many records a segment may hold in a FactIndex reference (segment * REF_SPAN + record). */
const REF_SPAN = 2 ** 26;

/**
 * Facts by (blob, hint), left packed in the segments they were read from, and found through a hash
 * table over the blob ids' own bytes: a slot per (blob, hint) holds its record's reference. A blob
 * id is a cryptographic hash, so its first four bytes are already a uniform key. Keyed by hex
 * strings in a Map, indexing a kernel's ~90 K facts and looking up its ~87 K files cost ~0.2 s of a
 * rescan's main thread and a 56-byte string per blob on each side; here a lookup makes nothing.
 */
export class FactIndex {
  private readonly segments: { body: Buffer; names: string[] }[] = [];
  /** Per slot: its record's reference + 1 (0: empty), and the first four bytes of its blob id. */
  private refs = new Float64Array(1 << 10);
  private keys = new Int32Array(1 << 10);
  private used = 0;
  /** A blob id given in hex, as bytes. */
  private readonly scratch = Buffer.alloc(20);

  /** (blob, hint) pairs indexed. */
  get size(): number {
    return this.used;
  }

  get(blob: BlobId, hint: string): FactRow | undefined {
    const ref = this.findId(blob, hint);
    return ref === undefined ? undefined : this.read(ref);
  }

  /** The facts alone (no blob id decoded): what a scan needs of a hit. */
  fact(blob: BlobId, hint: string): Fact | undefined {
    const ref = this.findId(blob, hint);
    return ref === undefined ? undefined : this.counts(ref);
  }

  /** The same, for the blob id at bytes[at, at + 20) (a work tree's index of ids), copied nowhere. */
  factAt(bytes: Buffer, at: number, hint: string): Fact | undefined {
    const ref = this.find(bytes, at, hint);
    return ref === undefined ? undefined : this.counts(ref);
  }

  private findId(blob: BlobId, hint: string): number | undefined {
    if (typeof blob === 'string') {
      // Fewer than 20 bytes written would leave the last lookup's in place.
      return this.scratch.write(blob, 0, 20, 'hex') === 20 ? this.find(this.scratch, 0, hint) : undefined;
    }
    return this.find(Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength), 0, hint);
  }

  /** The reference of (the blob id at bytes[at], hint), or undefined. */
  private find(bytes: Buffer, at: number, hint: string): number | undefined {
    const slot = this.slotOf(bytes, at, hint);
    const ref = this.refs[slot]!;
    return ref === 0 ? undefined : ref - 1;
  }

  /** The slot that holds (blob, hint), or the empty one where it would go. */
  private slotOf(bytes: Buffer, at: number, hint: string): number {
    const key = bytes.readInt32LE(at);
    const mask = this.refs.length - 1;
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      const ref = this.refs[slot]!;
      if (ref === 0) return slot;
      if (this.keys[slot] !== key) continue;
      const { body, names } = this.segments[Math.floor((ref - 1) / REF_SPAN)]!;
      const from = ((ref - 1) % REF_SPAN) * RECORD;
      if (!sameTail(body, from, bytes, at)) continue;
      const id = body.readUInt16LE(from + AT.hint);
      if ((id === NONE ? '' : names[id]) === hint) return slot;
    }
  }

  /** Makes room for this many facts in all, so that indexing them never has to grow the table. */
  reserve(facts: number): void {
    while ((facts + 1) * 2 > this.refs.length) this.grow();
  }

  /** Indexes every record of a packed segment body (whose name table is names). */
  addSegment(body: Buffer, names: string[]): void {
    const s = this.segments.push({ body, names }) - 1;
    for (let k = 0; k * RECORD < body.length; k++) {
      if ((this.used + 1) * 2 > this.refs.length) this.grow();
      const id = body.readUInt16LE(k * RECORD + AT.hint);
      // The same (blob, hint) again replaces the older fact.
      const slot = this.slotOf(body, k * RECORD, id === NONE ? '' : names[id]!);
      if (this.refs[slot] === 0) this.used++;
      this.refs[slot] = s * REF_SPAN + k + 1;
      this.keys[slot] = body.readInt32LE(k * RECORD);
    }
  }

  /** Twice the slots, every entry placed again: the table stays at most half full. */
  private grow(): void {
    const { refs, keys } = this;
    this.refs = new Float64Array(refs.length * 2);
    this.keys = new Int32Array(refs.length * 2);
    const mask = this.refs.length - 1;
    for (let i = 0; i < refs.length; i++) {
      if (refs[i] === 0) continue;
      let slot = keys[i]! & mask;
      while (this.refs[slot] !== 0) slot = (slot + 1) & mask;
      this.refs[slot] = refs[i]!;
      this.keys[slot] = keys[i]!;
    }
  }

  private counts(ref: number): Fact {
    const { body, names } = this.segments[Math.floor(ref / REF_SPAN)]!;
    return readCounts(body, (ref % REF_SPAN) * RECORD, names);
  }

  private read(ref: number): FactRow {
    const { body, names } = this.segments[Math.floor(ref / REF_SPAN)]!;
    return readFact(body, (ref % REF_SPAN) * RECORD, names);
  }
}

/** Whether two blob ids whose first four bytes are equal are equal: their other sixteen compared. */
function sameTail(a: Buffer, at: number, b: Buffer, bt: number): boolean {
  return (
    a.readInt32LE(at + 4) === b.readInt32LE(bt + 4) &&
    a.readInt32LE(at + 8) === b.readInt32LE(bt + 8) &&
    a.readInt32LE(at + 12) === b.readInt32LE(bt + 12) &&
    a.readInt32LE(at + 16) === b.readInt32LE(bt + 16)
  );
}

/** How long a run waits for another run's write lock on the same store. */
const BUSY_TIMEOUT_MS = 120_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fact_segments (id INTEGER PRIMARY KEY, extractor TEXT NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS fact_segments_by_extractor ON fact_segments (extractor);
DROP TABLE IF EXISTS stat_snapshot_parts;
CREATE TABLE IF NOT EXISTS snapshot_generations (id INTEGER PRIMARY KEY, root TEXT NOT NULL, extractor TEXT NOT NULL, started INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot_parts (generation INTEGER NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (generation, part));
CREATE TABLE IF NOT EXISTS snapshots (root TEXT PRIMARY KEY, generation INTEGER NOT NULL, parts INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blob_documents (extractor TEXT NOT NULL, blob BLOB NOT NULL, data TEXT NOT NULL, PRIMARY KEY (extractor, blob)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS commit_documents (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, commit_id TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (kind, commit_id));
`;

/** Names (languages, hints) as small numbers in packed records, with their table for the header. */
class NameTable {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(initial: string[] = []) {
    for (const name of initial) this.id(name);
  }

  id(name: string | null): number {
    if (name === null || name === '') return NONE;
    let i = this.index.get(name);
    if (i === undefined) this.index.set(name, (i = this.names.push(name) - 1));
    return i;
  }
}

/** A blob id as 40 hex digits (from git) or 20 raw bytes (hashed here). */
export type BlobId = string | Uint8Array;

function writeFact(body: Buffer, at: number, blob: BlobId, hint: string, r: Fact, names: NameTable): void {
  writeBlob(body, at, blob);
  body.writeUInt16LE(names.id(hint), at + AT.hint);
  body.writeUInt16LE(names.id(r.language), at + AT.language);
  body.writeUInt8(r.status, at + AT.status);
  body.fill(0, at + AT.status + 1, at + AT.code);
  body.writeUInt32LE(r.code, at + AT.code);
  body.writeUInt32LE(r.comment, at + AT.comment);
  body.writeUInt32LE(r.blank, at + AT.blank);
  body.writeDoubleLE(r.bytes, at + AT.bytes);
}

function writeBlob(body: Buffer, at: number, blob: BlobId): void {
  if (typeof blob === 'string') body.write(blob, at + AT.blob, 20, 'hex');
  else body.set(blob, at + AT.blob);
}

function readCounts(data: Buffer, at: number, names: string[]): Fact {
  const lang = data.readUInt16LE(at + 22);
  return {
    language: lang === NONE ? null : names[lang]!,
    status: data.readUInt8(at + 24),
    code: data.readUInt32LE(at + 28),
    comment: data.readUInt32LE(at + 32),
    blank: data.readUInt32LE(at + 36),
    bytes: data.readDoubleLE(at + 40),
  };
}

function readFact(data: Buffer, at: number, names: string[]): FactRow {
  const hint = data.readUInt16LE(at + 20);
  return { blob: data.toString('hex', at, at + 20), hint: hint === NONE ? '' : names[hint]!, ...readCounts(data, at, names) };
}

/** A value's checksum: flipped bytes in a stored value make a cache miss, never a wrong total. */
function checksum(...parts: (Buffer | string)[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest().subarray(0, 8);
}

/** Why a stored value was not used. */
export class CorruptValue extends Error {}

/**
 * [8-byte checksum][u32 header length][JSON header][body]: the layout of every packed value. Written
 * into one buffer: a tree's snapshot is ~11 MB, and joining copies of it raised a cold scan's peak.
 */
function withHeader(header: unknown, body: Buffer, scratch?: { buffer: Buffer }): Buffer {
  const json = JSON.stringify(header);
  const n = Buffer.byteLength(json);
  const size = 12 + n + body.length;
  // With scratch space, the value is written there (grown when too small) and valid until its next use.
  if (scratch && scratch.buffer.length < size) scratch.buffer = Buffer.allocUnsafe(size);
  const out = scratch ? scratch.buffer.subarray(0, size) : Buffer.allocUnsafe(size);
  out.writeUInt32LE(n, 8);
  out.write(json, 12);
  body.copy(out, 12 + n);
  checksum(out.subarray(8)).copy(out, 0);
  return out;
}

/** Throws CorruptValue when the checksum or the header does not hold. */
function splitHeader<T>(data: Buffer): { header: T; body: Buffer } {
  if (data.length < 12 || !checksum(data.subarray(8)).equals(data.subarray(0, 8))) throw new CorruptValue('checksum mismatch');
  const n = data.readUInt32LE(8);
  try {
    return { header: JSON.parse(data.toString('utf8', 12, 12 + n)) as T, body: data.subarray(12 + n) };
  } catch {
    throw new CorruptValue('header is not JSON');
  }
}

/** A JSON document as stored: 16 hex digits of checksum, then the JSON text. */
function sealDocument(value: unknown): string {
  const json = JSON.stringify(value);
  return checksum(json).toString('hex') + json;
}

function openDocument<T>(data: unknown): T {
  if (typeof data !== 'string' || data.length < 16) throw new CorruptValue('not a document');
  const json = data.slice(16);
  if (checksum(json).toString('hex') !== data.slice(0, 16)) throw new CorruptValue('checksum mismatch');
  return JSON.parse(json) as T;
}

/** Records packed as they are added, in a buffer that grows: no object is kept per record. */
class RecordWriter {
  private body: Buffer;
  // A 32-bit view of body (a buffer of its own, never from the shared pool: 4-byte aligned).
  private words: Uint32Array = new Uint32Array(0);
  length = 0;

  constructor(
    private readonly size: number,
    readonly names = new NameTable(),
    /** How many records to make room for at once (more grow the buffer). */
    room = 1024,
  ) {
    this.body = Buffer.allocUnsafe(size * room);
  }

  /**
   * The offset of a new record (its bytes are all written before use). The room not yet used is
   * never touched, so it takes no memory: the buffer doubles, and a zeroed one held ~3 MB unused
   * at the end of a kernel scan.
   */
  next(): number {
    if ((this.length + 1) * this.size > this.body.length) {
      const grown = Buffer.allocUnsafe(this.body.length * 2);
      this.body.copy(grown, 0, 0, this.length * this.size);
      this.body = grown;
    }
    return this.length++ * this.size;
  }

  add(blob: BlobId, hint: string, fact: Fact): number {
    const at = this.next();
    writeFact(this.body, at, blob, hint, fact, this.names);
    return at;
  }

  /**
   * A record copied as it is from `from`, a 32-bit view of records, at byte `offset` (its names are
   * ids of this writer's table). Word by word: Buffer#copy makes a view object per call, and on a
   * kernel tree's main thread, two per file, ~16 of its young-generation collections.
   */
  copy(from: Uint32Array, offset: number): number {
    const at = this.next();
    if (this.words.buffer !== this.body.buffer) this.words = new Uint32Array(this.body.buffer, this.body.byteOffset, this.body.length / 4);
    const to = this.words;
    for (let i = 0, t = at / 4, f = offset / 4; i < this.size / 4; i++) to[t + i] = from[f + i]!;
    return at;
  }

  get buffer(): Buffer {
    return this.body;
  }

  bytes(): Buffer {
    return this.body.subarray(0, this.length * this.size);
  }

  /** Empty again, its buffer and name table kept (ids stay as they were). */
  clear(): void {
    this.length = 0;
  }
}

/**
 * New facts gathered for one segment of the store. `names`: the table the ids in records added
 * with addRecord refer to (the counting threads' list of languages).
 */
export class FactRecords {
  private readonly records: RecordWriter;

  /** `room`: how many records to make room for at once (a buffer that doubles leaves each smaller one behind). */
  constructor(names: string[] = [], room?: number) {
    this.records = new RecordWriter(RECORD, new NameTable(names), room);
  }

  add(blob: BlobId, hint: string, fact: Fact): void {
    this.records.add(blob, hint, fact);
  }

  /** A record as a counting thread wrote it, from `records` (a 32-bit view) at byte `offset`; `blob`, when given, is its blob id (else the record's own). */
  addRecord(records: Uint32Array, offset: number, blob?: BlobId): void {
    const at = this.records.copy(records, offset);
    if (blob !== undefined) writeBlob(this.records.buffer, at, blob);
  }

  get length(): number {
    return this.records.length;
  }

  /** The records, valid until the next add or clear. */
  get bytes(): Buffer {
    return this.records.bytes();
  }

  get names(): string[] {
    return this.records.names.names;
  }

  /**
   * Empty again, for the next segment: its buffer is reused, so a scan that writes a segment every
   * 8 K files leaves no buffers behind (on the main thread, which allocates little, they waited
   * for a garbage collection until the run ended).
   */
  clear(): void {
    this.records.clear();
  }
}

function unpackFacts(data: Buffer, into: FactIndex): void {
  const { header: names, body } = splitHeader<string[]>(data);
  into.addSegment(body.subarray(0, body.length - (body.length % RECORD)), names);
}

/**
 * Entries of a snapshot per stored part. A kernel tree's snapshot is ~11 MB: written as one value,
 * SQLite held two more copies of it (the bound value and the row it builds) at the end of a scan,
 * ~17 MB of a cold scan's peak; read as one, as much at the start of a rescan. Parts of 4,096
 * entries keep each copy near 300 KB (with parts of 8,192, the buffers a part is built in and
 * SQLite's copy were ~4 MB more of a kernel tree's first scan: median peak 116 -> 112 MB, 8 runs).
 */
const SNAPSHOT_PART_ENTRIES = 4096;

/**
 * The layout of a snapshot: 2 since its stats are Node's numbers (ms), not BigInts (ns); 3 since
 * its parts hold 4,096 entries, not 8,192.
 */
const SNAPSHOT_FORMAT = 3;

/** Where record i of records kept a part's worth to a buffer lies. */
function recordInParts(bodies: (i: number) => Buffer, i: number): { body: Buffer; at: number } {
  return { body: bodies(Math.floor(i / SNAPSHOT_PART_ENTRIES)), at: (i % SNAPSHOT_PART_ENTRIES) * SNAPSHOT_RECORD };
}

/** A directory tree as the store last saw it, packed; entries are decoded only when asked for. */
export class StatSnapshot {
  /**
   * Entry numbers by path, made only when a path is not where the walk's order puts it: a walk
   * of an unchanged tree meets its files in the order it met them last time.
   */
  private byPath: Map<string, number> | undefined;
  readonly names: string[];
  readonly size: number;
  /** The records and the paths of each part, SNAPSHOT_PART_ENTRIES to a part (the last one fewer). */
  private readonly bodies: Buffer[] = [];
  private readonly paths: string[][] = [];

  private constructor(parts: { names: string[]; paths: string[]; body: Buffer }[]) {
    // Parts written as a scan went may name more languages as they go: each table extends the last.
    this.names = parts[parts.length - 1]?.names ?? [];
    let size = 0;
    for (const part of parts) {
      if (part.body.length !== part.paths.length * SNAPSHOT_RECORD || part.names.some((name, i) => name !== this.names[i]))
        throw new CorruptValue('parts that do not fit together');
      this.bodies.push(part.body);
      this.paths.push(part.paths);
      size += part.paths.length;
    }
    this.size = size;
  }

  /** The parts, in order, as stored. */
  /** The parts, in order, as stored; undefined when they are of another format (an older ferrometer's: a cache miss, nothing damaged). */
  static decode(parts: Buffer[]): StatSnapshot | undefined {
    const decoded = parts.map((data) => splitHeader<{ format?: number; names: string[]; paths: string[] }>(data));
    if (decoded.some(({ header }) => header.format !== SNAPSHOT_FORMAT)) return undefined;
    return new StatSnapshot(
      decoded.map(({ header, body }, i) => {
        if (i < parts.length - 1 && header.paths.length !== SNAPSHOT_PART_ENTRIES) throw new CorruptValue('a part cut short');
        return { ...header, body };
      }),
    );
  }

  /** Entry i's path, as stored (a string of its own: a walk's path, built piece by piece, can be let go for it). */
  path(i: number): string {
    return this.paths[Math.floor(i / SNAPSHOT_PART_ENTRIES)]![i % SNAPSHOT_PART_ENTRIES]!;
  }

  /** The entry's number for a path, or -1. `guess`, the number it most likely has, is tried first. */
  find(path: string, guess = -1): number {
    if (guess >= 0 && guess < this.size && this.path(guess) === path) return guess;
    if (!this.byPath) {
      this.byPath = new Map();
      for (const part of this.paths) for (const p of part) this.byPath.set(p, this.byPath.size);
    }
    return this.byPath.get(path) ?? -1;
  }

  /** Where entry i's record lies. */
  record(i: number): { body: Buffer; at: number } {
    return recordInParts((part) => this.bodies[part]!, i);
  }

  /**
   * Entry i's stat as STAT_BYTES (mtime, inode, ctime) copied into `into` at `offset`, as bytes; its
   * size. What a file must still have to count as unchanged.
   */
  copyStat(i: number, into: Uint8Array, offset: number): number {
    const { body, at } = this.record(i);
    body.copy(into, offset, at + AT.mtime, at + AT.mtime + STAT_BYTES);
    return body.readDoubleLE(at + AT.bytes);
  }

  /** The facts of entry i, without decoding its blob id. */
  fact(i: number): Fact {
    const { body, at } = this.record(i);
    return readCounts(body, at, this.names);
  }
}

/**
 * The next snapshot of a tree, built as the scan goes: new entries packed, entries kept from the
 * last snapshot only noted (a rescan that finds nothing changed writes nothing, and copying every
 * record of a kernel tree to find that out held ~9 MB). Entries are placed by the file's index in
 * the scan, not in the order batches come back, so that the next walk of an unchanged tree meets
 * them in the stored order; once streaming, each part is written as soon as every file it covers
 * has its place.
 */
export class SnapshotWriter {
  /**
   * New records, a part's worth to a buffer: a buffer that doubled as a kernel tree's 6 MB of
   * records came in left each smaller one (9 MB in all) for a garbage collection.
   */
  private readonly records: (RecordWriter | undefined)[] = [];
  /** New records written so far, per buffer of records. */
  private readonly writtenIn: number[] = [];
  /**
   * Buffers whose records are all written, for the next ones: let go instead, each waited for a
   * full garbage collection (two in a kernel scan), and the streamed snapshot held as much as a whole one.
   */
  private readonly spare: RecordWriter[] = [];
  private readonly names: NameTable;
  private added = 0;
  /** Where the snapshot is written, once streaming; parts written; the file index the next part starts from. */
  private draft: SnapshotDraft | undefined;
  private written = 0;
  private cursor = 0;
  /** Files below `counted` have their place, and `ready` of their entries are not written yet. */
  private counted = 0;
  private ready = 0;
  private part: { body: Buffer; scratch: { buffer: Buffer } } | undefined;
  /** By file index: its path, where it has an entry. */
  private readonly paths: string[] = [];
  /** By file index: 0, no entry; > 0, the last snapshot's entry + 1, kept; < 0, -1 - the number of its new record. */
  private sources = new Int32Array(1024);
  /** The ids in the last snapshot's records as ids of this one's table, where the two tables differ. */
  private readonly lastIds: Uint16Array | undefined;

  /** `names`: the table the ids in records added with addRecord refer to (the counting threads' list of languages). */
  constructor(
    private readonly last?: StatSnapshot,
    names: string[] = last?.names ?? [],
  ) {
    this.names = new NameTable(names);
    // Most often the two tables are the same, and kept records are copied byte for byte.
    const ids = Uint16Array.from(last?.names ?? [], (name) => this.names.id(name));
    this.lastIds = ids.every((id, i) => id === i) ? undefined : ids;
  }

  private place(index: number, source: number, path: string): void {
    if (index >= this.sources.length) {
      const grown = new Int32Array(Math.max(index + 1, this.sources.length * 2));
      grown.set(this.sources);
      this.sources = grown;
    }
    this.sources[index] = source;
    this.paths[index] = path;
  }

  /** File `index` of the scan, at path: entry `entry` of the last snapshot, unchanged. */
  keep(index: number, entry: number, path: string): void {
    this.place(index, entry + 1, path);
  }

  /** File `index` of the scan, at path, with these facts and stat. */
  add(index: number, path: string, blob: BlobId, hint: string, fact: Fact, mtimeMs: number, ino: number, ctimeMs: number): void {
    const records = this.newRecords();
    const at = records.add(blob, hint, fact);
    records.buffer.writeDoubleLE(mtimeMs, at + AT.mtime);
    records.buffer.writeDoubleLE(ino, at + AT.ino);
    records.buffer.writeDoubleLE(ctimeMs, at + AT.ctime);
    this.place(index, -1 - this.added++, path);
  }

  /** File `index` of the scan, at path: its entry as a counting thread wrote it, from `records` (a 32-bit view) at byte `offset`. */
  addRecord(index: number, path: string, records: Uint32Array, offset: number): void {
    this.newRecords().copy(records, offset);
    this.place(index, -1 - this.added++, path);
  }

  private newRecords(): RecordWriter {
    if (this.added % SNAPSHOT_PART_ENTRIES === 0) {
      const spare = this.spare.pop();
      spare?.clear();
      this.records.push(spare ?? new RecordWriter(SNAPSHOT_RECORD, this.names, SNAPSHOT_PART_ENTRIES));
    }
    return this.records[this.records.length - 1]!;
  }

  /** A name id copied from the last snapshot, as an id of this one's table. */
  private renumber(body: Buffer, at: number): void {
    const id = body.readUInt16LE(at);
    if (id !== NONE) body.writeUInt16LE(this.lastIds![id] ?? NONE, at);
  }

  /** Where new record r lies. */
  private record(r: number): { body: Buffer; at: number } {
    return recordInParts((part) => this.records[part]!.buffer, r);
  }

  /**
   * Files below `index` all have their place (their batches came back): when streaming, each whole
   * part among them is written at once, and the new records it took are let go.
   */
  placedBelow(index: number): void {
    for (; this.counted < index; this.counted++) if (this.sources[this.counted]) this.ready++;
    while (this.draft && this.ready >= SNAPSHOT_PART_ENTRIES) this.writePart(SNAPSHOT_PART_ENTRIES);
  }

  /**
   * From now on, parts go to `draft` as soon as they are whole: a kernel tree's 6.5 MB of new
   * records were held to the end of its first scan, and written there on one thread.
   */
  stream(draft: SnapshotDraft): void {
    this.draft = draft;
    this.placedBelow(this.counted);
  }

  /** Every file has its place: what is not written yet goes to `draft` (an empty snapshot as one empty part). */
  finish(draft: SnapshotDraft): void {
    if (this.draft && this.draft !== draft) throw new Error('a snapshot finished into another draft than it streamed to');
    this.stream(draft);
    this.placedBelow(this.sources.length);
    if (this.ready > 0 || this.written === 0) this.writePart(this.ready);
  }

  /**
   * The next n entries, by file index, as one part: one buffer and one scratch value serve every
   * part (a kernel tree's eleven parts are ~20 MB, which would otherwise be left, unreachable, for
   * a garbage collection that may not come before the run ends).
   */
  private writePart(n: number): void {
    this.part ??= { body: Buffer.allocUnsafe(SNAPSHOT_PART_ENTRIES * SNAPSHOT_RECORD), scratch: { buffer: Buffer.alloc(0) } };
    const { body, scratch } = this.part;
    const paths: string[] = [];
    while (paths.length < n) {
      const index = this.cursor++;
      const source = this.sources[index]!;
      if (source === 0) continue;
      const from = source > 0 ? this.last!.record(source - 1) : this.record(-1 - source);
      const at = paths.length * SNAPSHOT_RECORD;
      from.body.copy(body, at, from.at, from.at + SNAPSHOT_RECORD);
      if (source < 0) this.recordWritten(-1 - source);
      else if (this.lastIds) for (const field of [AT.hint, AT.language]) this.renumber(body, at + field);
      paths.push(this.paths[index]!);
    }
    this.ready -= n;
    this.written++;
    this.draft!.write(
      withHeader({ format: SNAPSHOT_FORMAT, names: this.names.names, paths }, body.subarray(0, n * SNAPSHOT_RECORD), scratch),
    );
  }

  /** New record r is written: its buffer serves again once all of its records are. */
  private recordWritten(r: number): void {
    const chunk = Math.floor(r / SNAPSHOT_PART_ENTRIES);
    this.writtenIn[chunk] = (this.writtenIn[chunk] ?? 0) + 1;
    if (this.writtenIn[chunk] === SNAPSHOT_PART_ENTRIES) {
      this.spare.push(this.records[chunk]!);
      this.records[chunk] = undefined;
    }
  }
}

/** A snapshot being written (Store.draftStatSnapshot): parts in order, then commit, or abandon. */
export interface SnapshotDraft {
  write(part: Buffer): void;
  commit(): void;
  abandon(): void;
}

/** A snapshot draft older than this was left by a run cut short (a directory scan takes minutes at most). */
const DRAFT_LIFETIME_MS = 3_600_000;

export interface StoreOptions {
  /** Told once per kind of problem (a damaged value, a read that failed): the run goes on without it. */
  onProblem?: (message: string) => void;
}

export class Store {
  private readonly db: Database.Database;
  private readonly loaded = new Map<string, FactIndex>();
  private readonly told = new Set<string>();
  /** Stored values found damaged and left out (then deleted, to be written again). */
  damaged = 0;
  /** Where a fact segment is packed before SQLite copies it in: one buffer for them all. */
  private readonly scratch = { buffer: Buffer.alloc(0) };

  private constructor(
    db: Database.Database,
    readonly path: string,
    private readonly options: StoreOptions,
  ) {
    this.db = db;
  }

  /** Opens (creating it if need be) the store at path; refuses, untouched, a database that is not a ferrometer store. */
  static open(path: string, options: StoreOptions = {}): Store {
    let db: Database.Database | undefined;
    const bad = (why: string, hint = 'give another --db, or --no-store') =>
      new FerrometerError('ESTORE_BAD', `cannot use the store ${path}: ${why}`, hint);
    try {
      makeDirectory(dirname(path));
      // Another run may hold the write lock for a while on a loaded machine (a batch of a kernel
      // scan): wait for it, as long as a run can reasonably take, rather than fail after SQLite's 5 s.
      db = openDatabase(path, { timeout: BUSY_TIMEOUT_MS });
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      const app = db.pragma('application_id', { simple: true }) as number;
      if (tables.length && app !== APPLICATION_ID && !(app === 0 && tables.every((t) => OWN_TABLES.has(t)))) {
        throw bad(
          `it is not a ferrometer store (it holds other tables: ${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''}); it was left untouched`,
        );
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new FerrometerError(
          'ESTORE_NEWER',
          `the store ${path} was written by a newer ferrometer (schema ${version}, this one knows ${SCHEMA_VERSION})`,
          'upgrade ferrometer, or give another --db',
        );
      }
      // A new store gets 64 KB pages: its values are segments and snapshot parts of up to a megabyte,
      // which 4 KB pages cut into overflow chains (SQLite wrote a kernel tree's 11 MB snapshot in
      // ~91 ms with them, ~51 ms with these). It can only be set before the first table and WAL.
      if (tables.length === 0) db.pragma('page_size = 65536');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // SQLite's own default page cache (2 MB), not the driver's 16 MB: the store's values are big
      // and read or written once a run, so a larger cache only holds copies of them. With it, a
      // rescan of 6.12 held its 10 MB snapshot twice, and a first scan its new facts.
      db.pragma('cache_size = -2000');
      // An older schema of ours holds only cached facts: drop them and count again.
      if (version < SCHEMA_VERSION) for (const t of tables) db.exec(`DROP TABLE "${t.replace(/"/g, '""')}"`);
      db.exec(SCHEMA);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (e) {
      db?.close();
      if (e instanceof FerrometerError) throw e;
      const code = (e as { code?: string }).code ?? '';
      if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
        throw bad(
          `SQLite says it is damaged (${(e as Error).message})`,
          `delete ${path} to start a new store, give another --db, or --no-store`,
        );
      }
      throw bad((e as Error).message);
    }
    return new Store(db, path, options);
  }

  /** A damaged value or a failed read: a cache miss, said once per kind. */
  private problem(kind: string, e: unknown): void {
    this.damaged++;
    if (this.told.has(kind)) return;
    this.told.add(kind);
    this.options.onProblem?.(`the store ${this.path}: ${kind} damaged (${(e as Error).message}); recounted and written again`);
  }

  /** Runs a read; SQLite errors on a page become a cache miss (undefined) instead of a stack trace. */
  private read<T>(kind: string, f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e instanceof CorruptValue || (e as { code?: string }).code?.startsWith('SQLITE_') || e instanceof SyntaxError) {
        this.problem(kind, e);
        return undefined;
      }
      throw e;
    }
  }

  /** Every fact stored under an extractor version; read once per store. Damaged segments are left out and deleted. */
  facts(extractor: string): FactIndex {
    let map = this.loaded.get(extractor);
    if (!map) {
      map = new FactIndex();
      const rows =
        this.read(
          'fact segments',
          () =>
            this.db.prepare('SELECT id, data FROM fact_segments WHERE extractor = ? ORDER BY id').raw().all(extractor) as [
              number,
              Buffer,
            ][],
        ) ?? [];
      const bad: number[] = [];
      map.reserve(rows.reduce((n, [, data]) => n + Math.floor(data.length / RECORD), 0));
      for (const [id, data] of rows) {
        try {
          unpackFacts(data, map);
        } catch (e) {
          if (!(e instanceof CorruptValue)) throw e;
          this.problem('fact segments', e);
          bad.push(id);
        }
      }
      for (const id of bad) this.db.prepare('DELETE FROM fact_segments WHERE id = ?').run(id);
      this.loaded.set(extractor, map);
    }
    return map;
  }

  /** Whether any fact is stored (or loaded) under an extractor version: on a new store, none is. */
  hasFacts(extractor: string): boolean {
    if (this.loaded.get(extractor)?.size) return true;
    return (
      this.read('fact segments', () =>
        this.db.prepare('SELECT 1 FROM fact_segments WHERE extractor = ? LIMIT 1').pluck().get(extractor),
      ) !== undefined
    );
  }

  /** Saves new facts as one segment, in one transaction: a run cut short leaves whole segments. */
  addFacts(extractor: string, facts: FactRecords | FactRow[]): void {
    if (Array.isArray(facts)) {
      const records = new FactRecords();
      for (const r of facts) records.add(r.blob, r.hint, r);
      facts = records;
    }
    if (!facts.length) return;
    // The segment as stored: its name table, then the records.
    this.db
      .prepare('INSERT INTO fact_segments (extractor, data) VALUES (?, ?)')
      .run(extractor, withHeader(facts.names, facts.bytes, this.scratch));
    // An index already loaded learns them too (a copy: the records' buffer is reused).
    this.loaded.get(extractor)?.addSegment(Buffer.from(facts.bytes), [...facts.names]);
  }

  /** The snapshot of a directory tree taken with this extractor version, if any (none when damaged). */
  statSnapshot(root: string, extractor: string): StatSnapshot | undefined {
    // A damaged one is said once and is a cache miss: the scan writes a new one over it. Read in
    // one transaction: another run may put a newer snapshot in its place meanwhile.
    return this.read('a tree snapshot', () =>
      this.db.transaction(() => {
        const current = this.db
          .prepare(
            'SELECT s.generation, s.parts, g.extractor FROM snapshots s JOIN snapshot_generations g ON g.id = s.generation WHERE s.root = ?',
          )
          .raw()
          .get(root) as [number, number, string] | undefined;
        if (!current || current[2] !== extractor) return undefined;
        const parts: Buffer[] = [];
        const rows = this.db.prepare('SELECT part, data FROM snapshot_parts WHERE generation = ? ORDER BY part').raw().iterate(current[0]);
        for (const [part, data] of rows as Iterable<[number, Buffer]>) {
          if (part !== parts.length) break;
          parts.push(data);
        }
        if (parts.length !== current[1]) throw new CorruptValue('a part missing');
        return StatSnapshot.decode(parts);
      })(),
    );
  }

  /** Replaces a tree's snapshot with a whole one. */
  saveStatSnapshot(root: string, extractor: string, snapshot: SnapshotWriter): void {
    const draft = this.draftStatSnapshot(root, extractor);
    snapshot.finish(draft);
    draft.commit();
  }

  /**
   * A tree's next snapshot, written a part at a time as a scan goes, under a generation of its
   * own: no run reads it until commit() makes it the tree's snapshot, in one transaction, and a
   * run cut short leaves the last one in place (its parts are deleted by a later commit).
   */
  draftStatSnapshot(root: string, extractor: string): SnapshotDraft {
    const generation = Number(
      this.db.prepare('INSERT INTO snapshot_generations (root, extractor, started) VALUES (?, ?, ?)').run(root, extractor, Date.now())
        .lastInsertRowid,
    );
    const insert = this.db.prepare('INSERT INTO snapshot_parts (generation, part, data) VALUES (?, ?, ?)');
    let parts = 0;
    return {
      write: (data) => {
        insert.run(generation, parts++, data);
      },
      commit: () => {
        this.db.transaction(() => {
          // A draft so old that another run took it for abandoned has lost parts: the snapshot there is stays.
          if (this.db.prepare('SELECT count(*) FROM snapshot_parts WHERE generation = ?').pluck().get(generation) !== parts) return;
          this.db.prepare('INSERT OR REPLACE INTO snapshots (root, generation, parts) VALUES (?, ?, ?)').run(root, generation, parts);
          // Gone with it: the tree's older generations (the last snapshot, drafts of runs cut short),
          // and any tree's draft older than a run can take. Newer drafts of the tree are other runs' at work.
          const stale =
            'SELECT id FROM snapshot_generations WHERE id NOT IN (SELECT generation FROM snapshots) AND ((root = ? AND id < ?) OR started < ?)';
          const args = [root, generation, Date.now() - DRAFT_LIFETIME_MS];
          this.db.prepare(`DELETE FROM snapshot_parts WHERE generation IN (${stale})`).run(...args);
          this.db.prepare(`DELETE FROM snapshot_generations WHERE id IN (${stale})`).run(...args);
        })();
      },
      abandon: () => {
        this.db.prepare('DELETE FROM snapshot_parts WHERE generation = ?').run(generation);
        this.db.prepare('DELETE FROM snapshot_generations WHERE id = ?').run(generation);
      },
    };
  }

  /**
   * Facts stored as one JSON document per blob, for extractors with few files and rich facts (the
   * Rust audit: ~500 files a release): every document of an extractor version, by blob id.
   * A damaged document is left out (and deleted): its blob is analysed again.
   */
  documents<T>(extractor: string): Map<string, T> {
    const rows =
      this.read(
        'blob documents',
        () => this.db.prepare('SELECT blob, data FROM blob_documents WHERE extractor = ?').raw().all(extractor) as [Buffer, string][],
      ) ?? [];
    const out = new Map<string, T>();
    for (const [blob, data] of rows) {
      const doc = this.read('blob documents', () => openDocument<T>(data));
      if (doc === undefined) this.db.prepare('DELETE FROM blob_documents WHERE extractor = ? AND blob = ?').run(extractor, blob);
      else out.set(blob.toString('hex'), doc);
    }
    return out;
  }

  /** Saves documents by blob id in one transaction. */
  addDocuments(extractor: string, documents: Iterable<[blob: string, document: unknown]>): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO blob_documents (extractor, blob, data) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const [blob, doc] of documents) insert.run(extractor, Buffer.from(blob, 'hex'), sealDocument(doc));
    })();
  }

  /** What was worked out for a whole commit (its history, say) under a kind, or undefined (also when damaged). */
  commitDocument<T>(kind: string, commit: string): T | undefined {
    const data = this.read('commit documents', () =>
      this.db.prepare('SELECT data FROM commit_documents WHERE kind = ? AND commit_id = ?').pluck().get(kind, commit),
    );
    if (data === undefined) return undefined;
    const doc = this.read('commit documents', () => openDocument<T>(data));
    if (doc === undefined) this.db.prepare('DELETE FROM commit_documents WHERE kind = ? AND commit_id = ?').run(kind, commit);
    return doc;
  }

  /** The commits that have a document of a kind, newest first. */
  commitDocumentIds(kind: string): string[] {
    return this.db.prepare('SELECT commit_id FROM commit_documents WHERE kind = ? ORDER BY id DESC').pluck().all(kind) as string[];
  }

  /**
   * Saves a commit's document (a commit's tree listing never changes); with `keep`, only the newest
   * `keep` of its kind stay (documents that a newer commit's supersedes).
   */
  saveCommitDocument(kind: string, commit: string, document: unknown, keep?: number): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO commit_documents (kind, commit_id, data) VALUES (?, ?, ?)')
        .run(kind, commit, sealDocument(document));
      if (keep !== undefined) {
        this.db
          .prepare(
            'DELETE FROM commit_documents WHERE kind = ? AND id NOT IN (SELECT id FROM commit_documents WHERE kind = ? ORDER BY id DESC LIMIT ?)',
          )
          .run(kind, kind, keep);
      }
    })();
  }

  close(): void {
    this.db.close();
  }
}
