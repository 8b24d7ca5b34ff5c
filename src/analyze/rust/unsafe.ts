// Unsafe Rust, counted: totals for the kernel's own code and for vendored crates, rows per file,
// directory or MAINTAINERS section with unsafe sites per thousand code lines, and every site.
import { compareText } from '../../core/types.js';
import { DOCUMENTED_BY_SECTION, type UnsafeKind } from '../../extract/rust/audit.js';
import type { Revision } from '../../source/git.js';
import { directoryPrefix } from '../code/rollup.js';
import { getOrCreate } from '../../core/maps.js';
import type { RustFile, RustTree } from './rust-tree.js';

export interface UnsafeCounts {
  files: number;
  code: number;
  unsafeBlocks: number;
  documentedUnsafeBlocks: number;
  /** unsafe fn with a body, and signatures without one (traits, extern blocks). */
  unsafeFns: number;
  /** Of those, with a `# Safety` doc section. */
  documentedUnsafeFns: number;
  unsafeFnSignatures: number;
  unsafeImpls: number;
  documentedUnsafeImpls: number;
  unsafeTraits: number;
  documentedUnsafeTraits: number;
  unsafeExterns: number;
  unsafeAttributes: number;
  /** `unsafe` tokens in macro definitions and invocations, which tree-sitter leaves unparsed. */
  unsafeInMacros: number;
  safetyComments: number;
  invariantComments: number;
  safetySections: number;
  invariantSections: number;
  /** Every unsafe site (all kinds above) per 1000 code lines. */
  unsafePerKloc: number;
}

export interface UnsafeSiteRow {
  path: string;
  line: number;
  kind: UnsafeKind;
  documented: boolean;
  detail?: string;
  allowed?: boolean;
  vendored?: string;
  exempt?: 'generated' | 'opt-out';
}

export type UnsafeGrouping = { kind: 'file' } | { kind: 'dir'; depth: number } | { kind: 'subsystem' };

export interface UnsafeResult {
  tree: string;
  revision?: Revision;
  /** The kernel's own Rust (vendored crates left out), generated and opted-out files included. */
  summary: UnsafeCounts;
  vendored: UnsafeCounts;
  /** Own unsafe blocks without a SAFETY comment in files the rule applies to: what --fail-undocumented checks. */
  undocumentedUnsafeBlocks: number;
  exempt: { path: string; reason: 'generated' | 'opt-out' }[];
  parseErrors: { path: string; errors: number }[];
  skipped: { path: string; reason: string }[];
  grouping: string;
  /** Own files only. */
  rows: ({ name: string } & UnsafeCounts)[];
  sites: UnsafeSiteRow[];
}

export function emptyUnsafeCounts(): UnsafeCounts {
  return {
    files: 0,
    code: 0,
    unsafeBlocks: 0,
    documentedUnsafeBlocks: 0,
    unsafeFns: 0,
    documentedUnsafeFns: 0,
    unsafeFnSignatures: 0,
    unsafeImpls: 0,
    documentedUnsafeImpls: 0,
    unsafeTraits: 0,
    documentedUnsafeTraits: 0,
    unsafeExterns: 0,
    unsafeAttributes: 0,
    unsafeInMacros: 0,
    safetyComments: 0,
    invariantComments: 0,
    safetySections: 0,
    invariantSections: 0,
    unsafePerKloc: 0,
  };
}

/** Which counter a site adds to, and which counter its documented sites add to. */
const COUNTERS: Record<UnsafeKind, [keyof UnsafeCounts, (keyof UnsafeCounts)?]> = {
  block: ['unsafeBlocks', 'documentedUnsafeBlocks'],
  fn: ['unsafeFns', 'documentedUnsafeFns'],
  'fn-signature': ['unsafeFns', 'documentedUnsafeFns'],
  impl: ['unsafeImpls', 'documentedUnsafeImpls'],
  trait: ['unsafeTraits', 'documentedUnsafeTraits'],
  extern: ['unsafeExterns'],
  attribute: ['unsafeAttributes'],
  macro: ['unsafeInMacros'],
};

function addFile(into: UnsafeCounts, f: RustFile): void {
  const x = f.facts;
  into.files++;
  into.code += x.code;
  into.safetyComments += x.safetyComments;
  into.invariantComments += x.invariantComments;
  into.safetySections += x.safetySections;
  into.invariantSections += x.invariantSections;
  for (const s of x.sites) {
    const [count, documented] = COUNTERS[s.kind];
    into[count]++;
    if (s.kind === 'fn-signature') into.unsafeFnSignatures++;
    if (documented && s.documented) into[documented]++;
  }
}

function withDensity(c: UnsafeCounts): UnsafeCounts {
  const sites = c.unsafeBlocks + c.unsafeFns + c.unsafeImpls + c.unsafeTraits + c.unsafeExterns + c.unsafeAttributes + c.unsafeInMacros;
  return { ...c, unsafePerKloc: c.code ? Math.round((sites * 1000 * 100) / c.code) / 100 : 0 };
}

export function groupingName(g: UnsafeGrouping): string {
  return g.kind === 'dir' ? `dir:${g.depth}` : g.kind;
}

export function auditUnsafe(tree: RustTree, grouping: UnsafeGrouping, subsystemOf?: (path: string) => string): UnsafeResult {
  const own = tree.files.filter((f) => f.vendored === null);
  const summary = emptyUnsafeCounts();
  const vendored = emptyUnsafeCounts();
  const groups = new Map<string, UnsafeCounts>();
  const keyOf = (path: string): string => {
    if (grouping.kind === 'file') return path;
    if (grouping.kind === 'dir') return directoryPrefix(path, grouping.depth);
    if (!subsystemOf) throw new Error('grouping by subsystem needs MAINTAINERS');
    return subsystemOf(path);
  };
  for (const f of tree.files) addFile(f.vendored === null ? summary : vendored, f);
  for (const f of own) {
    addFile(getOrCreate(groups, keyOf(f.path), emptyUnsafeCounts), f);
  }
  const sites: UnsafeSiteRow[] = tree.files.flatMap((f) =>
    f.facts.sites.map((s) => ({
      path: f.path,
      ...s,
      ...(f.vendored ? { vendored: f.vendored } : {}),
      ...(f.exempt ? { exempt: f.exempt } : {}),
    })),
  );
  return {
    tree: tree.label,
    ...(tree.revision ? { revision: tree.revision } : {}),
    summary: withDensity(summary),
    vendored: withDensity(vendored),
    undocumentedUnsafeBlocks: sites.filter(isFailing).length,
    exempt: own.filter((f) => f.exempt).map((f) => ({ path: f.path, reason: f.exempt! })),
    parseErrors: tree.files.filter((f) => f.facts.parseErrors > 0).map((f) => ({ path: f.path, errors: f.facts.parseErrors })),
    skipped: tree.skipped,
    grouping: groupingName(grouping),
    rows: [...groups]
      .map(([name, c]) => ({ name, ...withDensity(c) }))
      .sort((a, b) => b.unsafeBlocks - a.unsafeBlocks || compareText(a.name, b.name)),
    sites,
  };
}

/** An own unsafe block without its SAFETY comment, in a file the rule applies to. */
export function isFailing(s: UnsafeSiteRow): boolean {
  return s.kind === 'block' && !s.documented && !s.allowed && !s.vendored && !s.exempt;
}

/** Whether a site of this kind is documented by a `# Safety` section (else by a SAFETY comment). */
export function documentedBySection(kind: UnsafeKind): boolean {
  return DOCUMENTED_BY_SECTION.has(kind);
}
