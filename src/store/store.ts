// The store: per-blob facts in an embedded SQLite database, keyed by (git blob id, name hint,
// extractor version), so the same content is never analysed twice, across revisions, runs and
// sources. The only module that imports the database driver.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { FerrometerError } from '../core/errors.js';

/** Bump when the schema changes; a store with a higher number was written by a newer ferrometer. */
export const SCHEMA_VERSION = 2;

export interface LineFactRow {
  blob: string;
  /** The language the file name implies, or '' when the content decides (shebang, binary). */
  hint: string;
  language: string | null;
  /** 0 counted, 1 unrecognised, 2 binary (the statuses that depend on content alone). */
  status: number;
  code: number;
  comment: number;
  blank: number;
  /** The blob's size. */
  bytes: number;
}

export interface StatRow {
  root: string;
  path: string;
  size: number;
  mtimeNs: string;
  ino: string;
  blob: string;
}

export function defaultStorePath(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'ferrometer', 'store.db');
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS line_facts (
  blob TEXT NOT NULL, hint TEXT NOT NULL, extractor TEXT NOT NULL,
  language TEXT, status INTEGER NOT NULL, code INTEGER NOT NULL, comment INTEGER NOT NULL, blank INTEGER NOT NULL, bytes INTEGER NOT NULL,
  PRIMARY KEY (blob, hint, extractor)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fs_stat (
  root TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns TEXT NOT NULL, ino TEXT NOT NULL, blob TEXT NOT NULL,
  PRIMARY KEY (root, path)) WITHOUT ROWID;
`;

export class Store {
  private readonly db: Database.Database;
  private readonly getFact: Database.Statement<[string, string, string], LineFactRow>;
  private readonly putFact: Database.Statement;
  private readonly getStat: Database.Statement<[string, string], StatRow>;
  private readonly putStat: Database.Statement;

  private constructor(db: Database.Database, readonly path: string) {
    this.db = db;
    this.getFact = db.prepare('SELECT blob, hint, language, status, code, comment, blank, bytes FROM line_facts WHERE blob = ? AND hint = ? AND extractor = ?');
    this.putFact = db.prepare(
      'INSERT OR REPLACE INTO line_facts (blob, hint, extractor, language, status, code, comment, blank, bytes) VALUES (@blob, @hint, @extractor, @language, @status, @code, @comment, @blank, @bytes)',
    );
    this.getStat = db.prepare('SELECT root, path, size, mtime_ns AS mtimeNs, ino, blob FROM fs_stat WHERE root = ? AND path = ?');
    this.putStat = db.prepare('INSERT OR REPLACE INTO fs_stat (root, path, size, mtime_ns, ino, blob) VALUES (@root, @path, @size, @mtimeNs, @ino, @blob)');
  }

  /** Opens (creating it if need be) the store at path; readOnly for worker threads. */
  static open(path: string, readOnly = false): Store {
    let db: Database.Database;
    try {
      if (!readOnly) mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, { readonly: readOnly, fileMustExist: readOnly });
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        db.close();
        throw new FerrometerError('ESTORE_NEWER', `the store ${path} was written by a newer ferrometer (schema ${version}, this one knows ${SCHEMA_VERSION})`, 'upgrade ferrometer, or give another --db');
      }
      if (!readOnly) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        // Blob ids are random keys: inserts touch pages all over the tables. A larger page cache keeps them in memory.
        db.pragma('cache_size = -262144');
        // An older schema holds only cached facts: drop them and count again.
        if (version < SCHEMA_VERSION) db.exec('DROP TABLE IF EXISTS line_facts; DROP TABLE IF EXISTS fs_stat;');
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }
    } catch (e) {
      if (e instanceof FerrometerError) throw e;
      throw new FerrometerError('ESTORE_BAD', `cannot use the store ${path}: ${(e as Error).message}`, 'give another --db, or --no-store');
    }
    return new Store(db, path);
  }

  lineFact(blob: string, hint: string, extractor: string): LineFactRow | undefined {
    return this.getFact.get(blob, hint, extractor);
  }

  stat(root: string, path: string): StatRow | undefined {
    return this.getStat.get(root, path);
  }

  /** Writes a batch of facts (and stat rows) in one transaction: a run cut short leaves whole batches. */
  save(extractor: string, facts: LineFactRow[], stats: StatRow[]): void {
    this.db.transaction(() => {
      for (const f of facts) this.putFact.run({ ...f, extractor });
      for (const s of stats) this.putStat.run(s);
    })();
  }

  close(): void {
    this.db.close();
  }
}
