// A revision of a git repository as a tree: `git ls-tree -r -z --long` lists it, one long-lived
// `git cat-file --batch` process per reader thread delivers contents. Never a checkout; works on
// bare and shallow clones.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { FerrometerError } from '../core/errors.js';
import { closestNames } from '../core/names.js';

export interface GitRepo {
  /** The directory the user named. */
  path: string;
  /** Absolute path of the git directory (the repository itself for a bare clone). */
  gitDir: string;
}

export interface Revision {
  /** As the user wrote it (a tag, a branch, a hash). */
  name: string;
  commit: string;
  /** Committer date, seconds since the epoch. */
  date: number;
}

export interface GitTreeFile {
  path: string;
  blob: string;
}

export interface GitTree {
  files: GitTreeFile[];
  symlinks: number;
  submodules: number;
}

const MAX_OUTPUT = 1 << 30;

/** A git command that failed reading the repository: what failed and the first line git said. */
export function readFailure(what: string, stderr: string, hint = 'the repository may be corrupt; try `git fsck`'): FerrometerError {
  return new FerrometerError('EGIT_READ', `${what}: ${stderr.trim().split('\n')[0] ?? ''}`, hint);
}

function git(gitDir: string | undefined, args: string[]) {
  const r = spawnSync('git', gitDir ? ['--git-dir', gitDir, ...args] : args, { maxBuffer: MAX_OUTPUT });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FerrometerError('EGIT_MISSING', 'git is not installed or not on PATH', 'install git to read revisions');
    }
    throw r.error;
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

/** Opens the repository at path (its top, or a bare repository); `hint` says what else the user could do. */
export function openRepo(path: string, hint = 'give the top of a git clone (bare or not)'): GitRepo {
  const ask = (...args: string[]) => {
    const r = git(undefined, ['-C', path, 'rev-parse', ...args]);
    return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
  };
  const r = ask('--absolute-git-dir', '--is-bare-repository');
  const notRepo = () => new FerrometerError('ENOT_GIT_REPO', `not a git repository: ${path}`, hint);
  if (r.status !== 0 && /dubious ownership/.test(r.stderr)) {
    // git's safe.directory check: the repository is there, git will not read it for this user.
    throw new FerrometerError(
      'ENOT_GIT_REPO',
      `git refuses to read ${path}: it is owned by another user`,
      `if you trust it: git config --global --add safe.directory ${realpathSync(path)}`,
    );
  }
  if (r.status !== 0) throw notRepo();
  const [gitDir, bare] = r.stdout.trim().split('\n');
  // A directory inside someone else's work tree is not the repository it names.
  const real = realpathSync(path);
  if (bare === 'true' ? realpathSync(gitDir!) !== real : ask('--show-toplevel').stdout.trim() !== real) throw notRepo();
  return { path, gitDir: gitDir! };
}

export function tagNames(repo: GitRepo): string[] {
  const r = git(repo.gitDir, ['for-each-ref', '--format=%(refname:short)', 'refs/tags']);
  return r.stdout.toString('utf8').split('\n').filter(Boolean);
}

/** Resolves a revision to its commit and committer date; an unknown one names the closest tags. */
export function resolveRevision(repo: GitRepo, name: string): Revision {
  const r = git(repo.gitDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`]);
  if (r.status !== 0) {
    // The name may be known and its object unreadable (corrupt, or cut off in a shallow clone).
    const id = git(repo.gitDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', name]);
    if (id.status === 0) {
      throw new FerrometerError(
        'EGIT_READ',
        `cannot read revision ${name}: its object ${id.stdout.toString('utf8').trim().slice(0, 12)} is missing or corrupt`,
        'the repository may be damaged; try `git fsck`',
      );
    }
    if (/[~^]/.test(name) && isShallow(repo)) {
      const since = shallowBoundary(repo);
      throw new FerrometerError(
        'EUNKNOWN_REVISION',
        `unknown revision: ${name}: the clone is shallow${since ? `, its history stops at ${since}` : ''}`,
        'fetch more history (git fetch --deepen=N, or --unshallow)',
      );
    }
    const close = closestNames(name, tagNames(repo), 5);
    throw new FerrometerError(
      'EUNKNOWN_REVISION',
      `unknown revision: ${name}`,
      close.length ? `closest tags: ${close.join(', ')}` : 'the repository has no tags; give a branch or a commit',
    );
  }
  const commit = r.stdout.toString('utf8').trim();
  // `git show -s` would cost 0.4 s on a kernel-sized commit; `log -1` reads only the commit.
  const d = git(repo.gitDir, ['log', '-1', '--format=%ct', commit]);
  return { name, commit, date: Number(d.stdout.toString('utf8').trim()) };
}

/**
 * Lists every blob of a commit's tree (or of the directories `under`); symbolic links and
 * submodules are counted, not listed.
 * Without --long: sizes would make git open every object (seconds on a kernel tree); they come
 * from the store, or from cat-file when a blob is read.
 */
export function listTree(repo: GitRepo, commit: string, under: string[] = []): GitTree {
  const r = git(repo.gitDir, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...under]);
  if (r.status !== 0) throw readFailure(`git ls-tree failed for ${commit}`, r.stderr);
  const out: GitTree = { files: [], symlinks: 0, submodules: 0 };
  const buf = r.stdout;
  // Each record: "<mode> <type> <object>\t<path>\0"; the path is raw bytes.
  for (let start = 0; start < buf.length; ) {
    let end = buf.indexOf(0, start);
    if (end === -1) end = buf.length;
    const tab = buf.indexOf(9, start);
    const [mode, , object] = buf.toString('latin1', start, tab).split(' ');
    const path = buf.toString('utf8', tab + 1, end);
    if (mode === '160000') out.submodules++;
    else if (mode === '120000') out.symlinks++;
    else out.files.push({ path, blob: object! });
    start = end + 1;
  }
  return out;
}

/** The bytes of one path at a commit, or undefined when the commit has no such file. */
export function readPathAt(repo: GitRepo, commit: string, path: string): Buffer | undefined {
  const r = git(repo.gitDir, ['cat-file', 'blob', `${commit}:${path}`]);
  return r.status === 0 ? r.stdout : undefined;
}

/** A commit's message (undefined when the repository has no such commit). */
export function commitMessage(repo: GitRepo, commit: string): string | undefined {
  const r = git(repo.gitDir, ['show', '-s', '--format=%B', `${commit}^{commit}`, '--']);
  return r.status === 0 ? r.stdout.toString('utf8') : undefined;
}

/** The repository a directory is the top of, or undefined when it is none (no error). */
export function repoAt(path: string): GitRepo | undefined {
  try {
    return openRepo(path);
  } catch {
    return undefined;
  }
}

/** Whether the clone is shallow: its oldest commits stand for history it does not have. */
export function isShallow(repo: GitRepo): boolean {
  return git(repo.gitDir, ['rev-parse', '--is-shallow-repository']).stdout.toString('utf8').trim() === 'true';
}

/** The newest commit date (YYYY-MM-DD) among a shallow clone's boundary commits: history before it is missing. */
export function shallowBoundary(repo: GitRepo): string | undefined {
  let commits: string[];
  try {
    commits = readFileSync(join(repo.gitDir, 'shallow'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
  const r = git(repo.gitDir, ['log', '--no-walk', '--format=%cI', ...commits]);
  return r.stdout.toString('utf8').split('\n').filter(Boolean).sort().at(-1)?.slice(0, 10);
}

/** Commits reachable from `commit` but not from `exclude`, newest first. */
export function revList(repo: GitRepo, commit: string, exclude?: string): string[] {
  const r = git(repo.gitDir, ['rev-list', commit, ...(exclude ? [`^${exclude}`] : [])]);
  if (r.status !== 0) throw readFailure(`git rev-list failed for ${commit}`, r.stderr);
  return r.stdout.toString('latin1').split('\n').filter(Boolean);
}

export function isAncestor(repo: GitRepo, ancestor: string, commit: string): boolean {
  return git(repo.gitDir, ['merge-base', '--is-ancestor', ancestor, commit]).status === 0;
}

/** Runs git without waiting for it, so that several can use several cores; resolves to stdout. */
export function gitOutput(repo: GitRepo, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const proc = spawn('git', ['--git-dir', repo.gitDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => out.push(c));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    proc.on('error', (e) => reject(new FerrometerError('EGIT_READ', `git ${args[0]} failed: ${e.message}`)));
    proc.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(readFailure(`git ${args[0]} failed (exit ${code})`, stderr)),
    );
  });
}

/** Every directory of a commit's tree. */
export function listDirectories(repo: GitRepo, commit: string): Set<string> {
  const r = git(repo.gitDir, ['ls-tree', '-r', '-d', '-z', '--name-only', '--full-tree', commit]);
  if (r.status !== 0) throw readFailure(`git ls-tree failed for ${commit}`, r.stderr);
  return new Set(r.stdout.toString('utf8').split('\0').filter(Boolean));
}

/** Tags matching a glob (`v6.*`), release tags only unless includeRc. */
export function matchTags(repo: GitRepo, glob: string, includeRc: boolean): string[] {
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return tagNames(repo).filter((t) => re.test(t) && (includeRc || !/-rc\d*$/.test(t)));
}

/**
 * One long-lived `git cat-file --batch`. read() asks for many objects at once and hands each to
 * onBlob in order, as soon as its bytes are in; reserve() says where to put them.
 */
export class CatFile {
  private readonly proc: ChildProcessWithoutNullStreams;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(gitDir: string) {
    this.proc = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (c: Buffer) => {
      this.chunks.push(c);
      this.buffered += c.length;
      this.wake?.();
    });
    let stderr = '';
    this.proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const fail = (e: Error) => {
      this.failure ??= e;
      this.wake?.();
    };
    this.proc.on('error', (e) => fail(new FerrometerError('EGIT_READ', `git cat-file failed: ${e.message}`)));
    // A corrupt object makes git cat-file die: say what git said, on one line.
    this.proc.on('close', (code) => fail(readFailure(`git cat-file stopped (exit ${code})`, stderr)));
    this.proc.stdin.on('error', () => {}); // the close handler reports why
  }

  private async need(n: number): Promise<void> {
    while (this.buffered < n) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  /** Removes and returns the first n buffered bytes, copied into target when given. */
  private take(n: number, target?: Buffer): Buffer {
    const out = target ?? Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0]!;
      const k = Math.min(c.length, n - at);
      c.copy(out, at, 0, k);
      at += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.buffered -= n;
    return out;
  }

  private async line(): Promise<string> {
    for (;;) {
      let seen = 0;
      for (const c of this.chunks) {
        const nl = c.indexOf(10);
        if (nl !== -1) return this.take(seen + nl + 1).toString('latin1', 0, seen + nl);
        seen += c.length;
      }
      await this.need(this.buffered + 1);
    }
  }

  async read(ids: string[], reserve: (n: number) => Buffer, onBlob: (index: number, bytes: Buffer) => void): Promise<void> {
    this.proc.stdin.write(ids.join('\n') + '\n');
    for (let i = 0; i < ids.length; i++) {
      const header = await this.line();
      const [, type, size] = header.split(' ');
      if (type === 'missing' || size === undefined)
        throw new FerrometerError(
          'EGIT_READ',
          `object ${ids[i]} is missing or corrupt`,
          'the repository may be corrupt or shallow past this revision; try `git fsck`',
        );
      const n = Number(size);
      await this.need(n + 1);
      const bytes = this.take(n, reserve(n).subarray(0, n));
      this.take(1);
      onBlob(i, bytes);
    }
  }

  close(): void {
    this.proc.stdin.end();
    this.proc.kill();
  }
}
