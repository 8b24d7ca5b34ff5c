// The store: per-blob facts in an embedded SQLite database, keyed by (git blob id, name hint,
// extractor version), so the same content is never analysed twice, across revisions, runs and
// sources. The only module that imports the database driver.
//
// Facts are written as packed segments (one row per batch of new facts) and read back whole into
// a map: a kernel tree is ~95 K blobs, and one SQLite row per blob costs seconds to insert on this
// kind of machine, where a segment costs milliseconds. Stat snapshots of directory trees (size,
// mtime, inode and blob id per path) let a rescan skip unchanged files without opening them.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { FerrometerError } from '../core/errors.js';

/** Bump when the schema changes; a store with a higher number was written by a newer ferrometer. */
export const SCHEMA_VERSION = 4;

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

/** A file of a directory tree as the store last saw it: its stat, its blob id and its facts. */
export interface SnapshotEntry extends FactRow {
  path: string;
  mtimeNs: bigint;
  ino: bigint;
}

/**
 * Facts by (blob, hint). Keyed by blob alone, with the rare other hints of the same blob chained
 * behind: a lookup then costs no string building, which shows over 95 K files per revision.
 */
export class FactIndex {
  private readonly byBlob = new Map<string, FactRow[]>();

  get(blob: string, hint: string): Fact | undefined {
    const rows = this.byBlob.get(blob);
    if (rows) for (const r of rows) if (r.hint === hint) return r;
    return undefined;
  }

  set(row: FactRow): void {
    const rows = this.byBlob.get(row.blob);
    if (!rows) this.byBlob.set(row.blob, [row]);
    else {
      const i = rows.findIndex((r) => r.hint === row.hint);
      if (i === -1) rows.push(row);
      else rows[i] = row;
    }
  }
}

export function defaultStorePath(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'ferrometer', 'store.db');
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fact_segments (id INTEGER PRIMARY KEY, extractor TEXT NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS fact_segments_by_extractor ON fact_segments (extractor);
CREATE TABLE IF NOT EXISTS stat_snapshots (root TEXT PRIMARY KEY, extractor TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tree_listings (commit_id TEXT PRIMARY KEY, data BLOB NOT NULL);
`;

/** Bytes per packed fact: blob (20), hint (u16), language (u16), status (u8), 3 spare, code, comment, blank (u32), bytes (f64). */
const RECORD = 48;
const NONE = 0xffff;

/** Names (languages, hints) as small numbers in packed records, with their table for the header. */
class NameTable {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  id(name: string | null): number {
    if (name === null || name === '') return NONE;
    let i = this.index.get(name);
    if (i === undefined) this.index.set(name, (i = this.names.push(name) - 1));
    return i;
  }
}

function writeFact(body: Buffer, at: number, r: FactRow, names: NameTable): void {
  body.write(r.blob, at, 20, 'hex');
  body.writeUInt16LE(names.id(r.hint), at + 20);
  body.writeUInt16LE(names.id(r.language), at + 22);
  body.writeUInt8(r.status, at + 24);
  body.writeUInt32LE(r.code, at + 28);
  body.writeUInt32LE(r.comment, at + 32);
  body.writeUInt32LE(r.blank, at + 36);
  body.writeDoubleLE(r.bytes, at + 40);
}

function readFact(data: Buffer, at: number, names: string[]): FactRow {
  const name = (i: number) => (i === NONE ? null : names[i]!);
  return {
    blob: data.toString('hex', at, at + 20),
    hint: name(data.readUInt16LE(at + 20)) ?? '',
    language: name(data.readUInt16LE(at + 22)),
    status: data.readUInt8(at + 24),
    code: data.readUInt32LE(at + 28),
    comment: data.readUInt32LE(at + 32),
    blank: data.readUInt32LE(at + 36),
    bytes: data.readDoubleLE(at + 40),
  };
}

/** [u32 header length][JSON header][body]: the layout of every packed value. */
function withHeader(header: unknown, body: Buffer): Buffer {
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  return Buffer.concat([len, h, body]);
}

function splitHeader<T>(data: Buffer): { header: T; body: Buffer } {
  const n = data.readUInt32LE(0);
  return { header: JSON.parse(data.toString('utf8', 4, 4 + n)) as T, body: data.subarray(4 + n) };
}

function packFacts(rows: FactRow[]): Buffer {
  const names = new NameTable();
  const body = Buffer.alloc(rows.length * RECORD);
  rows.forEach((r, k) => writeFact(body, k * RECORD, r, names));
  return withHeader(names.names, body);
}

function unpackFacts(data: Buffer, into: FactIndex): void {
  const { header: names, body } = splitHeader<string[]>(data);
  for (let at = 0; at + RECORD <= body.length; at += RECORD) into.set(readFact(body, at, names));
}

/** A snapshot record: a fact record, then mtime (ns) and inode as u64. */
const SNAPSHOT_RECORD = RECORD + 16;

/** A directory tree as the store last saw it, packed; entries are decoded only when asked for. */
export class StatSnapshot {
  private readonly byPath = new Map<string, number>();

  private constructor(
    private readonly names: string[],
    private readonly body: Buffer,
    paths: string[],
  ) {
    paths.forEach((p, i) => this.byPath.set(p, i));
  }

  static decode(data: Buffer): StatSnapshot {
    const { header, body } = splitHeader<{ names: string[]; paths: string[] }>(data);
    return new StatSnapshot(header.names, body, header.paths);
  }

  static encode(entries: SnapshotEntry[]): Buffer {
    const names = new NameTable();
    const body = Buffer.alloc(entries.length * SNAPSHOT_RECORD);
    entries.forEach((e, k) => {
      const at = k * SNAPSHOT_RECORD;
      writeFact(body, at, e, names);
      body.writeBigUInt64LE(e.mtimeNs, at + RECORD);
      body.writeBigUInt64LE(e.ino, at + RECORD + 8);
    });
    return withHeader({ names: names.names, paths: entries.map((e) => e.path) }, body);
  }

  get size(): number {
    return this.byPath.size;
  }

  /** The entry's number for a path, or -1. */
  find(path: string): number {
    return this.byPath.get(path) ?? -1;
  }

  /** Size, mtime and inode of entry i: what a file must still have to count as unchanged. */
  stat(i: number): { size: number; mtimeNs: bigint; ino: bigint } {
    const at = i * SNAPSHOT_RECORD;
    return { size: this.body.readDoubleLE(at + 40), mtimeNs: this.body.readBigUInt64LE(at + RECORD), ino: this.body.readBigUInt64LE(at + RECORD + 8) };
  }

  /** The facts of entry i, without decoding its blob id. */
  fact(i: number): Fact {
    const at = i * SNAPSHOT_RECORD;
    const lang = this.body.readUInt16LE(at + 22);
    return {
      language: lang === NONE ? null : this.names[lang]!,
      status: this.body.readUInt8(at + 24),
      code: this.body.readUInt32LE(at + 28),
      comment: this.body.readUInt32LE(at + 32),
      blank: this.body.readUInt32LE(at + 36),
      bytes: this.body.readDoubleLE(at + 40),
    };
  }

  entry(i: number, path: string): SnapshotEntry {
    const at = i * SNAPSHOT_RECORD;
    return { ...readFact(this.body, at, this.names), path, mtimeNs: this.body.readBigUInt64LE(at + RECORD), ino: this.body.readBigUInt64LE(at + RECORD + 8) };
  }
}

export class Store {
  private readonly db: Database.Database;
  private readonly loaded = new Map<string, FactIndex>();

  private constructor(db: Database.Database, readonly path: string) {
    this.db = db;
  }

  /** Opens (creating it if need be) the store at path. */
  static open(path: string): Store {
    let db: Database.Database;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        db.close();
        throw new FerrometerError('ESTORE_NEWER', `the store ${path} was written by a newer ferrometer (schema ${version}, this one knows ${SCHEMA_VERSION})`, 'upgrade ferrometer, or give another --db');
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // An older schema holds only cached facts: drop them and count again.
      if (version < SCHEMA_VERSION) {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
        for (const t of tables) db.exec(`DROP TABLE "${t.replace(/"/g, '""')}"`);
      }
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    } catch (e) {
      if (e instanceof FerrometerError) throw e;
      throw new FerrometerError('ESTORE_BAD', `cannot use the store ${path}: ${(e as Error).message}`, 'give another --db, or --no-store');
    }
    return new Store(db, path);
  }

  /** Every fact stored under an extractor version; read once per store. */
  facts(extractor: string): FactIndex {
    let map = this.loaded.get(extractor);
    if (!map) {
      map = new FactIndex();
      const rows = this.db.prepare('SELECT data FROM fact_segments WHERE extractor = ? ORDER BY id').pluck().all(extractor) as Buffer[];
      for (const data of rows) unpackFacts(data, map);
      this.loaded.set(extractor, map);
    }
    return map;
  }

  /** Saves new facts as one segment, in one transaction: a run cut short leaves whole segments. */
  addFacts(extractor: string, rows: FactRow[]): void {
    if (!rows.length) return;
    this.db.prepare('INSERT INTO fact_segments (extractor, data) VALUES (?, ?)').run(extractor, packFacts(rows));
    const map = this.loaded.get(extractor);
    if (map) for (const r of rows) map.set(r);
  }

  /** The snapshot of a directory tree taken with this extractor version, if any. */
  statSnapshot(root: string, extractor: string): StatSnapshot | undefined {
    const row = this.db.prepare('SELECT extractor, data FROM stat_snapshots WHERE root = ?').get(root) as { extractor: string; data: Buffer } | undefined;
    return row && row.extractor === extractor ? StatSnapshot.decode(row.data) : undefined;
  }

  saveStatSnapshot(root: string, extractor: string, entries: SnapshotEntry[]): void {
    this.db.prepare('INSERT OR REPLACE INTO stat_snapshots (root, extractor, data) VALUES (?, ?, ?)').run(root, extractor, StatSnapshot.encode(entries));
  }

  /** A commit's tree as git listed it before (a commit's tree never changes), or undefined. */
  treeListing<T>(commit: string): T | undefined {
    const data = this.db.prepare('SELECT data FROM tree_listings WHERE commit_id = ?').pluck().get(commit) as Buffer | undefined;
    return data ? (JSON.parse(data.toString('utf8')) as T) : undefined;
  }

  saveTreeListing(commit: string, listing: unknown): void {
    this.db.prepare('INSERT OR REPLACE INTO tree_listings (commit_id, data) VALUES (?, ?)').run(commit, Buffer.from(JSON.stringify(listing)));
  }

  close(): void {
    this.db.close();
  }
}
