// Every measure of one revision, as the single-tree commands compute it (scan, unsafe, bindings,
// maintainers --rust), for `history --measures`: the same functions on the same facts, so a row of
// the history equals what the command prints for that tree. Pure: the facts in, numbers out.
import { FerrometerError } from '../../core/errors.js';
import { compareText, type ScanResult } from '../../core/types.js';
import { primarySection, type TreeMaintainers } from '../../kernel/maintainers.js';
import type { MinVersion } from '../../kernel/toolchain.js';
import { auditBindings } from '../rust/bindings.js';
import { rustCodeFiles, rustMaintainers } from '../people/maintainers-rust.js';
import { directoryPrefix } from './rollup.js';
import type { RustTree } from '../rust/rust-tree.js';
import { auditUnsafe } from '../rust/unsafe.js';

export const MEASURES = ['lines', 'rust', 'unsafe', 'glue', 'toolchain', 'maintainers'] as const;
export type Measure = (typeof MEASURES)[number];

/** `--measures a,b` or `all`; an unknown name is one line listing the valid ones. */
export function parseMeasures(spec: string): Measure[] {
  const names = spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.includes('all')) return [...MEASURES];
  const unknown = names.filter((n) => !(MEASURES as readonly string[]).includes(n));
  if (unknown.length || !names.length)
    throw new FerrometerError('EBAD_OPTION', `unknown measure: ${unknown.join(', ') || '(none)'}`, `valid: ${MEASURES.join(', ')}, all`);
  return MEASURES.filter((m) => names.includes(m));
}

/** Whether the measures need the Rust files audited (anything but lines). */
export function needsRust(measures: Measure[]): boolean {
  return measures.some((m) => m !== 'lines');
}

export interface RustMeasures {
  ownFiles: number;
  ownCode: number;
  vendoredFiles: number;
  vendoredCode: number;
  /** MAINTAINERS sections holding own Rust (by the one "by subsystem" rule); null without MAINTAINERS. */
  sections: number | null;
  /** Top-level subsystems (dir:2) with own Rust code. */
  subsystems: number;
  /** Directories outside rust/ with own Rust, the outermost of each nest: the Rust drivers. */
  drivers: string[];
}

export interface UnsafeMeasures {
  blocks: number;
  fns: number;
  impls: number;
  traits: number;
  /** Per 1,000 lines of own Rust code. */
  blocksPerKloc: number;
  fnsPerKloc: number;
  implsPerKloc: number;
  traitsPerKloc: number;
  /** Own unsafe blocks with a SAFETY comment, in percent of those clippy's lint applies to (null: none). */
  safetyCoverage: number | null;
  /** Own unsafe fns with a `# Safety` section, in percent (null: none). */
  safetySectionCoverage: number | null;
  /** Own unsafe blocks without SAFETY where the lint applies (what `unsafe --fail-undocumented` fails on). */
  undocumented: number;
}

export interface GlueMeasures {
  /** Headers rust/bindings/bindings_helper.h includes. */
  headers: number;
  /** rust/helpers files (rust/helpers.c counts as one) and the rust_helper_* functions in them. */
  helperFiles: number;
  helpers: number;
  /** Distinct C symbols named through bindings::. */
  symbols: number;
  /** Own Rust files outside rust/ that name bindings:: themselves. */
  filesOutsideRust: number;
}

export interface ToolchainMeasures {
  /** The unconditional minimum (or the first one), as scripts/min-tool-version.sh echoes it; null when absent. */
  rustc: string | null;
  bindgen: string | null;
  /** Architectures whose Kconfig selects HAVE_RUST. */
  architectures: string[];
}

export interface MaintainersMeasures {
  /** Sections covering own Rust files (the catch-all aside). */
  sections: number;
  /** Distinct people (by address) in M: and R: lines of those sections, and either. */
  maintainers: number;
  reviewers: number;
  people: number;
  singleMaintainer: number;
  noReviewer: number;
  noMaintainer: number;
}

export interface RevisionMeasures {
  rust?: RustMeasures;
  unsafe?: UnsafeMeasures;
  glue?: GlueMeasures;
  toolchain?: ToolchainMeasures;
  /** null: the revision has no (readable) MAINTAINERS. */
  maintainers?: MaintainersMeasures | null;
}

const perKloc = (n: number, code: number) => (code ? Math.round((n * 1000 * 100) / code) / 100 : 0);
const percentOf = (part: number, whole: number) => (whole ? Math.round((10000 * part) / whole) / 100 : null);

function minimum(versions: MinVersion[]): string | null {
  return (versions.find((v) => v.when === null) ?? versions[0])?.version ?? null;
}

/** The outermost directories outside rust/ that hold own Rust. */
export function rustDrivers(paths: string[]): string[] {
  const dirs = [...new Set(paths.filter((p) => !p.startsWith('rust/') && p.includes('/')).map((p) => p.slice(0, p.lastIndexOf('/'))))].sort(
    compareText,
  );
  const out: string[] = [];
  for (const d of dirs) if (!out.some((o) => d.startsWith(`${o}/`))) out.push(d);
  return out;
}

/**
 * The measures of one revision. `scan` is its line scan (own and vendored Rust as `scan` counts
 * them); `rust` its audited Rust; `m` its MAINTAINERS, or undefined when it has none.
 */
export function measureRevision(
  measures: Measure[],
  scan: ScanResult,
  rust: RustTree | undefined,
  m: TreeMaintainers | undefined,
): RevisionMeasures {
  const out: RevisionMeasures = {};
  const want = new Set(measures);
  const subsystemOf = (p: string) => (m ? (primarySection(m, p)?.name ?? '(no section)') : directoryPrefix(p, 2));
  const byMaintainers = m && rust && (want.has('rust') || want.has('maintainers')) ? rustMaintainers(m, rustCodeFiles(rust)) : undefined;
  const own = rust?.files.filter((f) => f.vendored === null) ?? [];
  if (want.has('rust')) {
    const rustRow = (rows: ScanResult['languages']) => rows.find((l) => l.language === 'Rust');
    const all = rustRow(scan.languages);
    const vendored = rustRow(scan.vendored.languages);
    out.rust = {
      ownFiles: (all?.files ?? 0) - (vendored?.files ?? 0),
      ownCode: (all?.code ?? 0) - (vendored?.code ?? 0),
      vendoredFiles: vendored?.files ?? 0,
      vendoredCode: vendored?.code ?? 0,
      sections: byMaintainers ? byMaintainers.sections.filter((s) => s.files > 0).length : null,
      subsystems: new Set(own.filter((f) => f.facts.code > 0).map((f) => directoryPrefix(f.path, 2))).size,
      drivers: rustDrivers(own.map((f) => f.path)),
    };
  }
  if (want.has('unsafe') && rust) {
    const u = auditUnsafe(rust, { kind: 'file' });
    const s = u.summary;
    const applicable = u.sites.filter((x) => x.kind === 'block' && !x.allowed && !x.vendored && !x.exempt);
    out.unsafe = {
      blocks: s.unsafeBlocks,
      fns: s.unsafeFns,
      impls: s.unsafeImpls,
      traits: s.unsafeTraits,
      blocksPerKloc: perKloc(s.unsafeBlocks, s.code),
      fnsPerKloc: perKloc(s.unsafeFns, s.code),
      implsPerKloc: perKloc(s.unsafeImpls, s.code),
      traitsPerKloc: perKloc(s.unsafeTraits, s.code),
      safetyCoverage: percentOf(applicable.filter((x) => x.documented).length, applicable.length),
      safetySectionCoverage: percentOf(s.documentedUnsafeFns, s.unsafeFns),
      undocumented: u.undocumentedUnsafeBlocks,
    };
  }
  if ((want.has('glue') || want.has('toolchain')) && rust) {
    const b = auditBindings(rust, subsystemOf);
    if (want.has('glue'))
      out.glue = {
        headers: b.headers.length,
        helperFiles: new Set(b.helpers.map((h) => h.file)).size,
        helpers: b.helpers.length,
        symbols: b.summary.symbols,
        filesOutsideRust: b.summary.filesOutsideRust,
      };
    if (want.has('toolchain'))
      out.toolchain = {
        rustc: minimum(b.toolchain.rustc),
        bindgen: minimum(b.toolchain.bindgen),
        architectures: b.toolchain.architectures.map((a) => a.arch),
      };
  }
  if (want.has('maintainers')) {
    if (!byMaintainers) out.maintainers = null;
    else {
      const addresses = (people: { address: string }[]) => people.map((p) => p.address.toLowerCase());
      const maintainers = new Set(byMaintainers.sections.flatMap((s) => addresses(s.maintainers)));
      const reviewers = new Set(byMaintainers.sections.flatMap((s) => addresses(s.reviewers)));
      out.maintainers = {
        sections: byMaintainers.sections.length,
        maintainers: maintainers.size,
        reviewers: reviewers.size,
        people: new Set([...maintainers, ...reviewers]).size,
        singleMaintainer: byMaintainers.singleMaintainer.length,
        noReviewer: byMaintainers.noReviewer.length,
        noMaintainer: byMaintainers.noMaintainer.length,
      };
    }
  }
  return out;
}

/** One numeric series of the history: a measure's values per revision, and each release's change. */
export interface Series {
  /** "rust.ownCode", "unsafe.blocksPerKloc"… */
  key: string;
  label: string;
  values: (number | null)[];
  /** Against the previous revision; null for the first, or when either value is missing. */
  changes: ({ absolute: number; percent: number | null } | null)[];
}

const LABELS: Record<string, string> = {
  'lines.cCode': 'C + C Header code lines',
  'lines.rustCode': 'Rust code lines (vendored included)',
  'lines.ownRustShare': 'own Rust share of C + Rust, %',
  'rust.ownFiles': 'own Rust files',
  'rust.ownCode': 'own Rust code lines',
  'rust.vendoredFiles': 'vendored Rust files',
  'rust.vendoredCode': 'vendored Rust code lines',
  'rust.sections': 'MAINTAINERS sections holding own Rust',
  'rust.subsystems': 'subsystems (dir:2) with own Rust',
  'rust.drivers': 'Rust drivers (directories outside rust/)',
  'unsafe.blocks': 'unsafe blocks',
  'unsafe.fns': 'unsafe fns',
  'unsafe.impls': 'unsafe impls',
  'unsafe.traits': 'unsafe traits',
  'unsafe.blocksPerKloc': 'unsafe blocks per kLOC',
  'unsafe.fnsPerKloc': 'unsafe fns per kLOC',
  'unsafe.implsPerKloc': 'unsafe impls per kLOC',
  'unsafe.traitsPerKloc': 'unsafe traits per kLOC',
  'unsafe.safetyCoverage': 'SAFETY coverage where the lint applies, %',
  'unsafe.safetySectionCoverage': '# Safety coverage of unsafe fns, %',
  'unsafe.undocumented': 'undocumented unsafe blocks',
  'glue.headers': 'bindgen headers',
  'glue.helperFiles': 'rust/helpers files',
  'glue.helpers': 'rust_helper_* functions',
  'glue.symbols': 'C symbols named through bindings::',
  'glue.filesOutsideRust': 'files outside rust/ using bindings::',
  'toolchain.architectures': 'architectures selecting HAVE_RUST',
  'maintainers.sections': 'sections covering Rust',
  'maintainers.maintainers': 'their maintainers (M:)',
  'maintainers.reviewers': 'their reviewers (R:)',
  'maintainers.people': 'people holding a Rust role',
  'maintainers.singleMaintainer': 'sections with a single maintainer',
  'maintainers.noReviewer': 'sections with no reviewer',
  'maintainers.noMaintainer': 'sections with no maintainer',
};

export interface MeasuredRevision {
  languages: ScanResult['languages'];
  rust: { code: number; ownShare: number };
  measures?: RevisionMeasures;
}

/** The numeric series of the measures asked for, in a fixed order; lists count their entries. */
export function seriesOf(rows: MeasuredRevision[], measures: Measure[]): Series[] {
  const cCode = (r: MeasuredRevision) =>
    r.languages.filter((l) => l.language === 'C' || l.language === 'C Header').reduce((n, l) => n + l.code, 0);
  const getters: [string, (r: MeasuredRevision) => number | null | undefined][] = [];
  if (measures.includes('lines'))
    getters.push(['lines.cCode', cCode], ['lines.rustCode', (r) => r.rust.code], ['lines.ownRustShare', (r) => r.rust.ownShare]);
  for (const measure of measures) {
    if (measure === 'lines') continue;
    for (const key of Object.keys(LABELS).filter((k) => k.startsWith(`${measure}.`))) {
      const field = key.slice(measure.length + 1);
      getters.push([
        key,
        (r) => {
          const group = r.measures?.[measure] as Record<string, unknown> | null | undefined;
          const v = group?.[field];
          return Array.isArray(v) ? v.length : (v as number | null | undefined);
        },
      ]);
    }
  }
  return getters.map(([key, get]) => {
    const values = rows.map((r) => get(r) ?? null);
    return {
      key,
      label: LABELS[key]!,
      values,
      changes: values.map((v, i) => {
        const prev = i > 0 ? values[i - 1] : null;
        if (v === null || prev === null || prev === undefined) return null;
        const absolute = Math.round((v - prev) * 100) / 100;
        return { absolute, percent: prev ? Math.round((10000 * (v - prev)) / prev) / 100 : null };
      }),
    };
  });
}
