// Kernel-style trailers ("Reviewed-by: Name <address>") read from a commit message. Pure.
//
// As gitdm does, every line of the message is read, not only the last paragraph: kernel commits
// put trailers after "---" cut lines, blank lines and "[ fixed typo ]" notes. Keys are matched
// without case; each trailer also says whether gitdm would have read it (one of its keys, a name
// followed by "<address>"), so the gitdm-compatible tables can be reproduced.

import type { LoggedCommit } from '../source/git-log.js';

export const TRAILER_KINDS = ['signoff', 'reviewed', 'acked', 'tested', 'reported', 'suggested', 'codeveloped', 'reportedtested'] as const;
export type TrailerKind = (typeof TRAILER_KINDS)[number];

export interface Trailer {
  kind: TrailerKind;
  name: string;
  /** As written ('' when the trailer names no address). */
  address: string;
  /** Whether gitdm's patterns match the line (its spelling of the key, a name, then <address>). */
  gitdm: boolean;
}

const KEYS: Record<string, TrailerKind> = {
  'signed-off-by': 'signoff',
  'reviewed-by': 'reviewed',
  'acked-by': 'acked',
  'tested-by': 'tested',
  'reported-by': 'reported',
  'suggested-by': 'suggested',
  'co-developed-by': 'codeveloped',
  'reported-and-tested-by': 'reportedtested',
};

/** The trailers gitdm reads (in any case: u-boot's published tables count "Reviewed-By" and "Tested-By"). */
const GITDM_KINDS = new Set<TrailerKind>(['signoff', 'reviewed', 'tested', 'reported', 'reportedtested']);

const LINE = /^\s*([A-Za-z][A-Za-z-]*-by)\s*:(.*)$/i;
const NAMED = /^\s*"?([^<"]*?)"?\s*<([^>\s]+)>/;
const BARE = /^\s*<?([^\s<>@]+@[^\s<>]+?)>?(?:\s|$)/;

export function parseTrailers(message: string): Trailer[] {
  const out: Trailer[] = [];
  for (const line of message.split('\n')) {
    if (line.length > 1000) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const key = m[1]!;
    const kind = KEYS[key.toLowerCase()];
    if (!kind) continue;
    const value = m[2]!;
    let name = '';
    let address = '';
    let n: RegExpExecArray | null;
    if ((n = NAMED.exec(value))) {
      name = n[1]!.trim();
      address = n[2]!;
    } else if ((n = BARE.exec(value))) address = n[1]!;
    else name = value.trim();
    if (name === '' && address === '') continue;
    // gitdm: "Key:" then white space, a name without '<' or '"', white space, "<address>".
    const gitdm = GITDM_KINDS.has(kind) && /^\s+"?[^<"]+"?\s<[^>]+>/.test(value);
    out.push({ kind, name, address, gitdm });
  }
  return out;
}

/** A commit as `people` reads it: git's header fields and the message's trailers. */
export interface CreditedCommit extends Omit<LoggedCommit, 'message'> {
  trailers: Trailer[];
}

export function withTrailers({ message, ...commit }: LoggedCommit): CreditedCommit {
  return { ...commit, trailers: parseTrailers(message) };
}
