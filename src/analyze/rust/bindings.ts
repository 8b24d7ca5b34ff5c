// The binding surface between C and Rust: which C symbols each Rust file names through the
// kernel's bindings crate, directly or through a rust/helpers wrapper; the Rust outside rust/ that
// does so (leaf drivers should go through abstractions); and `impact`: the Rust a C change reaches.
import { compareText } from '../../core/types.js';
import { declaredNames, helpersOf, includesOf, wrappedBy, type RustHelper } from '../../kernel/rust-glue.js';
import { toolchainOf, type Toolchain } from '../../kernel/toolchain.js';
import type { Revision } from '../../source/git.js';
import type { RustFile, RustTree } from './rust-tree.js';
import { getOrCreate } from '../../core/maps.js';

export interface BindingUseSite {
  path: string;
  line: number;
  name: string;
}

export interface BindingsFile {
  path: string;
  subsystem: string;
  /** Distinct C symbols the file names, sorted. */
  symbols: string[];
  uses: number;
}

export interface BindingsResult {
  tree: string;
  revision?: Revision;
  /** Headers rust/bindings/bindings_helper.h includes. */
  headers: string[];
  helpers: { name: string; file: string; line: number; wraps: string | null }[];
  summary: { rustFiles: number; symbols: number; uses: number; helpersUsed: number; filesOutsideRust: number };
  files: BindingsFile[];
  subsystems: { name: string; files: number; symbols: number; uses: number }[];
  /** Own Rust outside rust/ that names bindings:: itself. */
  outsideRust: BindingsFile[];
  /** Files whose `bindings` is not the kernel's (a local module, another crate renamed). */
  localBindings: string[];
  toolchain: Toolchain;
}

/** Crates that define the bindings rather than use them. */
const DEFINING = ['rust/bindings/', 'rust/uapi/'];

/** The kernel C names a file uses: `crate::bindings` counts only inside the kernel crate. */
export function bindingSites(f: RustFile): BindingUseSite[] {
  if (f.vendored !== null || DEFINING.some((d) => f.path.startsWith(d))) return [];
  const inKernelCrate = f.path.startsWith('rust/kernel/');
  return f.facts.bindings.filter((b) => !b.viaCrate || inKernelCrate).map((b) => ({ path: f.path, line: b.line, name: b.name }));
}

/** rust/helpers/*.c (or the older single rust/helpers.c), parsed. */
export function rustHelpers(tree: RustTree): RustHelper[] {
  return [...tree.support]
    .filter(([path]) => path === 'rust/helpers.c' || path.startsWith('rust/helpers/'))
    .sort(([a], [b]) => compareText(a, b))
    .flatMap(([path, text]) => helpersOf(path, text));
}

export function auditBindings(tree: RustTree, subsystemOf: (path: string) => string): BindingsResult {
  const helpers = rustHelpers(tree);
  const helperNames = new Set(helpers.map((h) => h.name));
  const files: BindingsFile[] = [];
  const subsystems = new Map<string, { files: number; symbols: Set<string>; uses: number }>();
  const allSymbols = new Set<string>();
  for (const f of tree.files) {
    const sites = bindingSites(f);
    if (!sites.length) continue;
    const symbols = [...new Set(sites.map((s) => s.name))].sort(compareText);
    const subsystem = subsystemOf(f.path);
    files.push({ path: f.path, subsystem, symbols, uses: sites.length });
    const g = getOrCreate(subsystems, subsystem, () => ({ files: 0, symbols: new Set<string>(), uses: 0 }));
    g.files++;
    g.uses += sites.length;
    for (const s of symbols) {
      g.symbols.add(s);
      allSymbols.add(s);
    }
  }
  const outsideRust = files.filter((f) => !f.path.startsWith('rust/'));
  return {
    tree: tree.label,
    ...(tree.revision ? { revision: tree.revision } : {}),
    headers: includesOf(tree.support.get('rust/bindings/bindings_helper.h') ?? ''),
    helpers: helpers.map((h) => ({ name: h.name, file: h.file, line: h.line, wraps: wrappedBy(h) ?? null })),
    summary: {
      rustFiles: files.length,
      symbols: allSymbols.size,
      uses: files.reduce((n, f) => n + f.uses, 0),
      helpersUsed: [...allSymbols].filter((s) => helperNames.has(s)).length,
      filesOutsideRust: outsideRust.length,
    },
    files,
    subsystems: [...subsystems]
      .map(([name, g]) => ({ name, files: g.files, symbols: g.symbols.size, uses: g.uses }))
      .sort((a, b) => b.symbols - a.symbols || compareText(a.name, b.name)),
    outsideRust,
    localBindings: tree.files.filter((f) => f.facts.localBindings).map((f) => f.path),
    toolchain: toolchainOf(tree.support),
  };
}

export interface ImpactResult {
  tree: string;
  revision?: Revision;
  /** What was asked: a C symbol, or a header path. */
  target: string;
  kind: 'symbol' | 'header';
  /** The C names looked for (the symbol, or what the header declares). */
  names: string[];
  /** Helpers that call one of those names: Rust reaches the C through them. */
  helpers: { name: string; file: string; line: number; calls: string[] }[];
  sites: (BindingUseSite & { via: 'direct' | 'helper'; subsystem: string })[];
  files: { path: string; subsystem: string; sites: number }[];
  subsystems: { name: string; files: number; sites: number }[];
}

/** Every Rust site a change to a C symbol or header reaches, directly or through a helper. */
export function impactOf(tree: RustTree, target: string, header: string | undefined, subsystemOf: (path: string) => string): ImpactResult {
  const names = header !== undefined ? declaredNames(header) : new Set([target]);
  return { ...impactOfNames(tree, names, subsystemOf), target, kind: header !== undefined ? 'header' : 'symbol' };
}

/** Every Rust site that names one of `names` through bindings::, directly or through a helper that calls it. */
export function impactOfNames(
  tree: RustTree,
  names: Set<string>,
  subsystemOf: (path: string) => string,
): Omit<ImpactResult, 'target' | 'kind'> {
  const helpers = rustHelpers(tree).filter((h) => h.calls.some((c) => names.has(c)));
  const viaHelper = new Set(helpers.map((h) => h.name));
  const sites: ImpactResult['sites'] = [];
  for (const f of tree.files) {
    for (const s of bindingSites(f)) {
      // bindings::NAME is the helper when one of that name exists (bindgen sees helpers, not inline C).
      if (viaHelper.has(s.name)) sites.push({ ...s, via: 'helper', subsystem: subsystemOf(s.path) });
      else if (names.has(s.name)) sites.push({ ...s, via: 'direct', subsystem: subsystemOf(s.path) });
    }
  }
  const byFile = new Map<string, { subsystem: string; sites: number }>();
  for (const s of sites) {
    getOrCreate(byFile, s.path, () => ({ subsystem: s.subsystem, sites: 0 })).sites++;
  }
  const bySubsystem = new Map<string, { files: number; sites: number }>();
  for (const [, f] of byFile) {
    const g = getOrCreate(bySubsystem, f.subsystem, () => ({ files: 0, sites: 0 }));
    g.files++;
    g.sites += f.sites;
  }
  return {
    tree: tree.label,
    ...(tree.revision ? { revision: tree.revision } : {}),
    names: [...names].sort(compareText),
    helpers: helpers.map((h) => ({ name: h.name, file: h.file, line: h.line, calls: h.calls.filter((c) => names.has(c)) })),
    sites,
    files: [...byFile].map(([path, f]) => ({ path, ...f })),
    subsystems: [...bySubsystem].map(([name, g]) => ({ name, ...g })).sort((a, b) => b.sites - a.sites || compareText(a.name, b.name)),
  };
}
