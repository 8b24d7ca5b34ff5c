// The one streamed `git log` that people read: each commit's author, committer, dates, message
// trailers and, with diffs, per file the lines added and removed. One git process per call, read
// as it comes; a commit is handed over as soon as its last line is in, so memory holds one commit.
import { spawn } from 'node:child_process';
import { FerrometerError } from '../core/errors.js';
import { readFailure, type GitRepo } from './git.js';

export interface FileChange {
  path: string;
  /** The path before a rename or copy, when there was one. */
  from?: string;
  added: number;
  removed: number;
  /** Added lines whose text begins with '+', removed lines whose text begins with '-': lines gitdm's patterns skip. */
  addedPlus: number;
  removedMinus: number;
}

export interface LoggedCommit {
  commit: string;
  authorName: string;
  authorEmail: string;
  /** Seconds since the epoch. */
  authorDate: number;
  committerName: string;
  committerEmail: string;
  commitDate: number;
  /** The raw message (subject, body, trailers); '' when read with noMessage. */
  message: string;
  files: FileChange[];
}

export interface LogOptions {
  /** Read each commit's diff (files and lines); without it only the header is read. */
  diffs: boolean;
  /** Without diffs: the names of the files each commit touched (lines stay 0). */
  names?: boolean;
  /** Leave the message (and so the trailers) out: a lighter read of long histories. */
  noMessage?: boolean;
  /** Revisions and exclusions (`B`, `^A`), pathspecs after `--`. */
  revisions: string[];
  paths?: string[];
}

const HEADER = '%x00%H%x1f%an%x1f%ae%x1f%at%x1f%cn%x1f%ce%x1f%ct%x1f';

/** The git arguments of a log read: settings a user's configuration could change are pinned. */
export function logArguments(repo: GitRepo, options: LogOptions): string[] {
  return [
    '-c',
    'core.quotePath=true',
    '-c',
    'diff.suppressBlankEmpty=false',
    '-c',
    'log.showSignature=false',
    '--git-dir',
    repo.gitDir,
    'log',
    '--no-merges',
    '--no-color',
    '--no-notes',
    `--format=${HEADER}${options.noMessage ? '' : '%B'}%x00`,
    ...(options.diffs
      ? ['-p', '-M', '--no-ext-diff', '--no-textconv', '--diff-algorithm=myers', '--src-prefix=a/', '--dst-prefix=b/']
      : []),
    // Without -M: a rename lists both names, and rename detection would cost more than the read.
    ...(!options.diffs && options.names ? ['--name-only', '--no-renames'] : []),
    ...options.revisions,
    '--',
    ...(options.paths ?? []),
  ];
}

/** Streams `git log` and hands each commit to onCommit, newest first. */
export function readLog(repo: GitRepo, options: LogOptions, onCommit: (c: LoggedCommit) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn('git', logArguments(repo, options), { stdio: ['ignore', 'pipe', 'pipe'] });
    const parser = new LogParser(onCommit, !options.diffs && options.names === true);
    let stderr = '';
    let failed: unknown;
    proc.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        parser.push(chunk);
      } catch (e) {
        failed = e;
        proc.kill();
      }
    });
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    proc.on('error', (e) =>
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new FerrometerError('EGIT_MISSING', 'git is not installed or not on PATH', 'install git to read history')
          : new FerrometerError('EGIT_READ', `git log failed: ${e.message}`),
      ),
    );
    proc.on('close', (code) => {
      if (failed) return reject(failed);
      if (code !== 0) {
        return reject(readFailure('git log failed', stderr, 'the repository may be corrupt or miss objects; try `git fsck`'));
      }
      parser.end();
      resolve();
    });
  });
}

const NUL = 0;
const NL = 10;
const PLUS = 43;
const MINUS = 45;
const AT = 64;

/** Turns git log's output, in chunks of any size, into commits. Exported for tests. */
export class LogParser {
  private rest: Buffer = Buffer.alloc(0);
  private header: Buffer[] | undefined;
  private nuls = 0;
  private commit: LoggedCommit | undefined;
  private file: FileChange | undefined;
  private inHunk = false;

  constructor(
    private readonly onCommit: (c: LoggedCommit) => void,
    /** --name-only output: each line after the header names a file. */
    private readonly namesOnly = false,
  ) {}

  push(chunk: Buffer): void {
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(NL, start); nl !== -1; nl = buf.indexOf(NL, start)) {
      this.line(buf, start, nl);
      start = nl + 1;
    }
    this.rest = Buffer.from(buf.subarray(start));
  }

  end(): void {
    if (this.rest.length) this.line(this.rest, 0, this.rest.length);
    this.rest = Buffer.alloc(0);
    this.finish();
  }

  private line(buf: Buffer, start: number, end: number): void {
    if (this.header) {
      this.headerLine(buf.subarray(start, end + 1));
      return;
    }
    const first = buf[start];
    if (first === NUL) {
      this.finish();
      this.header = [];
      this.nuls = 0;
      this.headerLine(buf.subarray(start, end + 1));
      return;
    }
    if (!this.commit) return;
    if (this.namesOnly) {
      if (end > start)
        this.commit.files.push({
          path: unquotePath(buf.toString('utf8', start, end)),
          added: 0,
          removed: 0,
          addedPlus: 0,
          removedMinus: 0,
        });
      return;
    }
    if (this.inHunk && this.file) {
      if (first === PLUS) {
        this.file.added++;
        if (buf[start + 1] === PLUS) this.file.addedPlus++;
        return;
      }
      if (first === MINUS) {
        this.file.removed++;
        if (buf[start + 1] === MINUS) this.file.removedMinus++;
        return;
      }
      if (first === 32 || first === 92 /* \ No newline */) return;
    }
    this.diffHeader(buf.toString('utf8', start, end));
  }

  private diffHeader(text: string): void {
    if (text.startsWith('diff --git ')) {
      const [from, to] = splitDiffPaths(text.slice(11));
      this.file = { path: to, added: 0, removed: 0, addedPlus: 0, removedMinus: 0 };
      if (from !== to) this.file.from = from;
      this.commit!.files.push(this.file);
      this.inHunk = false;
    } else if (!this.file) {
      return;
    } else if (text.charCodeAt(0) === AT && text.startsWith('@@')) {
      this.inHunk = true;
    } else if (text.startsWith('rename from ') || text.startsWith('copy from ')) {
      this.file.from = unquotePath(text.slice(text.indexOf(' from ') + 6));
    } else if (text.startsWith('rename to ') || text.startsWith('copy to ')) {
      this.file.path = unquotePath(text.slice(text.indexOf(' to ') + 4));
    }
  }

  private headerLine(bytes: Buffer): void {
    this.header!.push(bytes);
    for (const b of bytes) if (b === NUL) this.nuls++;
    if (this.nuls < 2) return;
    const text = Buffer.concat(this.header!).toString('utf8');
    this.header = undefined;
    const body = text.slice(text.indexOf('\0') + 1, text.lastIndexOf('\0'));
    const f = body.split('\x1f');
    const message = f.slice(7).join('\x1f');
    this.commit = {
      commit: f[0] ?? '',
      authorName: f[1] ?? '',
      authorEmail: f[2] ?? '',
      authorDate: Number(f[3]) || 0,
      committerName: f[4] ?? '',
      committerEmail: f[5] ?? '',
      commitDate: Number(f[6]) || 0,
      message,
      files: [],
    };
    this.file = undefined;
    this.inHunk = false;
  }

  private finish(): void {
    if (this.commit) this.onCommit(this.commit);
    this.commit = undefined;
    this.file = undefined;
  }
}

/** "a/X b/Y" (either side C-quoted when it holds unusual bytes) → [X, Y]. */
export function splitDiffPaths(rest: string): [string, string] {
  if (rest.startsWith('"')) {
    const end = quotedEnd(rest, 0);
    const from = unquotePath(rest.slice(0, end + 1));
    return [from, unquotePath(rest.slice(end + 2))];
  }
  // Unquoted on both sides: the same path twice, unless a rename (whose "rename to" line follows).
  const half = (rest.length - 5) / 2;
  if (Number.isInteger(half) && rest.slice(2, 2 + half) === rest.slice(half + 5)) {
    const p = rest.slice(2, 2 + half);
    return [p, p];
  }
  const b = rest.lastIndexOf(' b/');
  if (b === -1) return [rest, rest];
  const to = rest.slice(b + 1);
  return [rest.slice(2, b), to.startsWith('"') ? unquotePath(to) : to.slice(2)];
}

function quotedEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return s.length - 1;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** A path as git prints it, with its "a/" or "b/" prefix: C-quoted ones decoded to their bytes. */
export function unquotePath(s: string): string {
  if (!s.startsWith('"')) return s.replace(/^[ab]\//, '');
  const bytes: number[] = [];
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
      continue;
    }
    const next = s[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes)
    .toString('utf8')
    .replace(/^[ab]\//, '');
}

/**
 * The distinct (name, address) pairs, raw (no .mailmap), of the authors of a history; with
 * `includes`, of the commits that touch a file it accepts (read with --name-only, limited to the
 * pathspecs, which must name a superset of those files).
 */
export async function readAuthors(
  repo: GitRepo,
  revisions: string[],
  pathspecs: string[] = [],
  includes?: (path: string) => boolean,
): Promise<[name: string, email: string][]> {
  const seen = new Map<string, [string, string]>();
  await readLog(repo, { diffs: false, names: includes !== undefined, noMessage: true, revisions, paths: pathspecs }, (c) => {
    if (includes && !c.files.some((f) => includes(f.path))) return;
    const key = `${c.authorName}\x1f${c.authorEmail}`;
    if (!seen.has(key)) seen.set(key, [c.authorName, c.authorEmail]);
  });
  return [...seen.values()];
}
