// Git fixtures built in a temp dir, with fixed authors and dates so that commits are reproducible.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function git(dir: string, args: string[], date = '2024-01-01T00:00:00Z'): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Fixture Author',
      GIT_AUTHOR_EMAIL: 'author@example.org',
      GIT_COMMITTER_NAME: 'Fixture Committer',
      GIT_COMMITTER_EMAIL: 'committer@example.org',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: dir,
    },
  });
}

/** A new repository whose work tree starts as a copy of `from` (when given). */
export function makeRepo(from?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferrometer-git-'));
  if (from) cpSync(from, dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  return dir;
}

/** Commits everything in the work tree, tagged `tag`, at `date`. */
export function commitAll(dir: string, tag: string, date: string): string {
  git(dir, ['add', '-A'], date);
  git(dir, ['commit', '-q', '--allow-empty', '-m', tag], date);
  git(dir, ['tag', tag], date);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}
