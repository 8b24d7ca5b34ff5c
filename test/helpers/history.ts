// A git history built in a temp dir for `people`: each commit with its own author, committer,
// dates and message (trailers), files written or removed, merges and tags; all fixed, so that
// every expected figure can be worked out by hand.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Who {
  name: string;
  email: string;
}

export interface FixtureCommit {
  author: Who;
  committer?: Who;
  /** ISO dates; the commit date defaults to the author date. */
  date: string;
  commitDate?: string;
  message: string;
  /** Path → content (a file written), or null (removed). */
  files?: Record<string, string | null>;
}

export class HistoryRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'ferrometer-people-'));

  constructor() {
    this.git(['init', '-q', '-b', 'main']);
  }

  git(args: string[], env: Record<string, string> = {}, input?: string | Buffer): string {
    return execFileSync('git', ['-C', this.dir, ...args], {
      encoding: 'utf8',
      input,
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: this.dir,
        GIT_AUTHOR_NAME: 'x',
        GIT_AUTHOR_EMAIL: 'x@x',
        GIT_COMMITTER_NAME: 'x',
        GIT_COMMITTER_EMAIL: 'x@x',
        ...env,
      },
    });
  }

  private env(c: { author: Who; committer?: Who; date: string; commitDate?: string }): Record<string, string> {
    const committer = c.committer ?? c.author;
    return {
      GIT_AUTHOR_NAME: c.author.name,
      GIT_AUTHOR_EMAIL: c.author.email,
      GIT_AUTHOR_DATE: c.date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: c.commitDate ?? c.date,
    };
  }

  commit(c: FixtureCommit): string {
    for (const [path, content] of Object.entries(c.files ?? {})) {
      const file = join(this.dir, path);
      if (content === null) rmSync(file);
      else {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    }
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--allow-empty', '--cleanup=verbatim', '-F', '-'], this.env(c), c.message);
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** A merge of `branch` into the current branch (a merge commit even when a fast-forward would do). */
  merge(branch: string, c: Omit<FixtureCommit, 'files'>): void {
    this.git(['merge', '-q', '--no-ff', '-m', c.message, branch], this.env(c));
  }

  /** A commit object written byte by byte (names that are not UTF-8, huge messages), on top of HEAD. */
  rawCommit(bytes: Buffer): string {
    const tree = this.git(['rev-parse', 'HEAD^{tree}']).trim();
    const parent = this.git(['rev-parse', 'HEAD']).trim();
    const body = Buffer.concat([Buffer.from(`tree ${tree}\nparent ${parent}\n`), bytes]);
    const id = this.git(['hash-object', '-t', 'commit', '-w', '--literally', '--stdin'], {}, body).trim();
    this.git(['update-ref', 'HEAD', id]);
    return id;
  }

  tag(name: string): void {
    this.git(['tag', name]);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
