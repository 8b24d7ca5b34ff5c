// What checking a claim gives: a verdict, ferrometer's figure, why, the command that prints the
// same figure, and what was read. Shared by every check.
import type { CveCorpus } from '../cves/cve-corpus.js';
import type { CveRow } from '../cves/cves.js';
import type { Claim, Input } from './catalogue.js';
import type { ReleaseFacts } from './releases.js';

export const VERDICTS = ['reproduced', 'reproduced with nuance', 'contradicted', 'not comparable', 'not checkable'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a check works out; the engine adds the claim's own fields. */
export interface Finding {
  verdict: Verdict;
  /** ferrometer's figure, in one line. */
  figure: string;
  /** Why this verdict: the nuance, the difference, or what is missing and the flag that gives it. */
  explanation: string;
  /** The ferrometer command(s) that print the same figures. */
  method: string;
  /** What was read: trees and commits, the vulns clone and its commit. */
  read: string[];
  /** The numbers behind the figure. */
  data: Record<string, unknown>;
}

export interface ClaimResult extends Finding {
  id: string;
  claim: string;
  source: Claim['source'];
  measure: Claim['measure'];
  tolerance: number;
}

/** Authors of Rust code per release interval, from the clone's history. */
export interface RustAuthorsFlow {
  label: string;
  /** First-time authors of Rust code in the interval (null: a shallow clone cannot say). */
  newAuthors: number | null;
  /** Authors of Rust code who went quiet in the interval. */
  wentQuiet: number;
}

export interface ClaimInputs {
  /** Oldest first. */
  releases: ReleaseFacts[];
  /** When the releases are tags of a clone: its path (the releases then have dates). */
  repository?: string;
  vulns?: {
    path: string;
    corpus: CveCorpus;
    /** Every published CVE as `cves --list` rows it. */
    rows: CveRow[];
    /** A record's description (for the quoted code of a CVE), or undefined. */
    description(id: string): string | undefined;
  };
  /** With a clone: Rust authors arriving and going quiet per release interval. */
  authors?: RustAuthorsFlow[];
  /** YYYY-MM-DD: claims about the future are not checkable before their date. */
  today: string;
}

/** The flag (or input) that makes a missing input available. */
export const INPUT_HINTS: Record<Input, string> = {
  tree: 'give a kernel tree',
  maintainers: 'give a kernel tree that has a MAINTAINERS file',
  releases: 'give older trees with --also TREE…, or a git clone with release tags',
  dates: 'give a git clone with release tags (a directory has no release date)',
  vulns: "give --vulns DIR, a clone of the kernel CNA's vulns repository",
};

/** The inputs a claim needs that are missing, with why. */
export function missingInputs(claim: Claim, inputs: ClaimInputs): { input: Input; why: string }[] {
  const have: Record<Input, string | null> = {
    tree: inputs.releases.length ? null : 'no kernel tree was read',
    maintainers: inputs.releases.some((r) => r.maintainers.found)
      ? null
      : `no tree has a readable MAINTAINERS (${inputs.releases.map((r) => (r.maintainers.found ? '' : r.maintainers.reason)).find(Boolean) ?? 'none read'})`,
    releases: inputs.releases.length >= 2 ? null : `one release was read (${inputs.releases[0]?.name ?? 'none'})`,
    dates: inputs.repository ? null : 'the trees given are directories, with no release dates',
    vulns: inputs.vulns ? null : 'no vulns repository was given',
  };
  return claim.inputs.filter((i) => have[i] !== null).map((i) => ({ input: i, why: have[i]! }));
}

/** A date as YYYY-MM-DD: a month or a year is taken at its first day. */
export function asDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** Days between two YYYY-MM-DD dates, either order. */
export function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

/** Whether `actual` is within `tolerance` (relative) of `expected`. */
export function within(actual: number, expected: number, tolerance: number): boolean {
  return Math.abs(actual - expected) <= tolerance * Math.abs(expected);
}

/** 34,000,000: the same on every machine. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** "+12.5 %" of actual against expected. */
export function offBy(actual: number, expected: number): string {
  const p = expected ? ((actual - expected) / expected) * 100 : 0;
  return `${p >= 0 ? '+' : ''}${p.toFixed(1)} %`;
}

/** "path" or "repo@tag (commit)": how a release is named among what was read. */
export function releaseRead(r: ReleaseFacts): string {
  return r.commit ? `${r.path}@${r.name} (${r.commit})` : `${r.path}${r.release ? ` (${r.release})` : ''}`;
}

/** How a release is named in a sentence. */
export function releaseLabel(r: ReleaseFacts): string {
  if (r.commit) return r.name;
  return r.release ? `${r.release} (${r.path})` : r.path;
}

/** The scan command that reads this release. */
export function commandFor(command: string, r: ReleaseFacts, extra = ''): string {
  return `ferrometer ${command} ${r.path}${r.commit ? ` --rev ${r.name}` : ''}${extra ? ` ${extra}` : ''}`;
}

export function vulnsRead(inputs: ClaimInputs): string[] {
  const v = inputs.vulns;
  return v ? [`${v.path}${v.corpus.source.commit ? ` (${v.corpus.source.commit})` : ''}`] : [];
}
