// What the single-tree commands print for one revision, turned into the measures `history
// --measures all` must give for it: the oracle of the history measures is the rest of ferrometer's
// CLI, run as a user runs it (scan, unsafe, bindings, maintainers --rust, each with --rev).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));

/** Where the commands keep their facts: a store shared by the runs of one test, or none. */
let storeArgs = ['--no-store'];
export function useStore(db: string | undefined): void {
  storeArgs = db ? ['--db', db] : ['--no-store'];
}

function json<T>(...args: string[]): T {
  const r = spawnSync(process.execPath, [bin, ...args, '--format', 'json', ...storeArgs], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`ferrometer ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

interface LanguageRow {
  language: string;
  files: number;
  code: number;
}
interface Scan {
  languages: LanguageRow[];
  vendored: { languages: LanguageRow[] };
}
interface UnsafeJson {
  summary: Record<string, number>;
  undocumentedUnsafeBlocks: number;
  rows: { name: string; code: number }[];
  sites: { kind: string; documented: boolean; allowed?: boolean; vendored?: string; exempt?: string }[];
}
interface BindingsJson {
  headers: string[];
  helpers: { file: string }[];
  summary: { symbols: number; filesOutsideRust: number };
  toolchain: {
    rustc: { version: string; when: string | null }[];
    bindgen: { version: string; when: string | null }[];
    architectures: { arch: string }[];
  };
}
interface RustMaintainersJson {
  sections: { files: number; maintainers: { address: string }[]; reviewers: { address: string }[] }[];
  singleMaintainer: string[];
  noReviewer: string[];
  noMaintainer: string[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The measures of `rev` as the single-tree commands give them; maintainers null when the revision has no MAINTAINERS. */
export function singleTreeMeasures(repo: string, rev: string, hasMaintainers: boolean) {
  const scan = json<Scan>('scan', repo, '--rev', rev);
  const rust = (rows: LanguageRow[]) => rows.find((l) => l.language === 'Rust') ?? { files: 0, code: 0 };
  const byDir = json<UnsafeJson>('unsafe', repo, '--rev', rev, '--by', 'dir:2');
  const byFile = json<UnsafeJson>('unsafe', repo, '--rev', rev, '--by', 'file');
  const b = json<BindingsJson>('bindings', repo, '--rev', rev);
  const m = hasMaintainers ? json<RustMaintainersJson>('maintainers', repo, '--rev', rev, '--rust') : undefined;
  const s = byDir.summary;
  const perKloc = (n: number) => (s.code ? round2((n * 1000) / s.code) : 0);
  const applicable = byDir.sites.filter((x) => x.kind === 'block' && !x.allowed && !x.vendored && !x.exempt);
  const pct = (a: number, b: number) => (b ? round2((100 * a) / b) : null);
  // The outermost directories outside rust/ that hold own Rust files.
  const dirs = [
    ...new Set(
      byFile.rows
        .map((r) => r.name)
        .filter((p) => !p.startsWith('rust/') && p.includes('/'))
        .map((p) => p.replace(/\/[^/]*$/, '')),
    ),
  ].sort();
  const drivers = dirs.filter((d) => !dirs.some((o) => o !== d && d.startsWith(`${o}/`)));
  const min = (v: { version: string; when: string | null }[]) => (v.find((x) => x.when === null) ?? v[0])?.version ?? null;
  const people = (pick: (x: RustMaintainersJson['sections'][number]) => { address: string }[]) =>
    new Set(m!.sections.flatMap((x) => pick(x).map((p) => p.address.toLowerCase())));
  return {
    rust: {
      ownFiles: rust(scan.languages).files - rust(scan.vendored.languages).files,
      ownCode: rust(scan.languages).code - rust(scan.vendored.languages).code,
      vendoredFiles: rust(scan.vendored.languages).files,
      vendoredCode: rust(scan.vendored.languages).code,
      sections: m ? m.sections.filter((x) => x.files > 0).length : null,
      subsystems: byDir.rows.filter((r) => r.code > 0).length,
      drivers,
    },
    unsafe: {
      blocks: s.unsafeBlocks!,
      fns: s.unsafeFns!,
      impls: s.unsafeImpls!,
      traits: s.unsafeTraits!,
      blocksPerKloc: perKloc(s.unsafeBlocks!),
      fnsPerKloc: perKloc(s.unsafeFns!),
      implsPerKloc: perKloc(s.unsafeImpls!),
      traitsPerKloc: perKloc(s.unsafeTraits!),
      safetyCoverage: pct(applicable.filter((x) => x.documented).length, applicable.length),
      safetySectionCoverage: pct(s.documentedUnsafeFns!, s.unsafeFns!),
      undocumented: byDir.undocumentedUnsafeBlocks,
    },
    glue: {
      headers: b.headers.length,
      helperFiles: new Set(b.helpers.map((h) => h.file)).size,
      helpers: b.helpers.length,
      symbols: b.summary.symbols,
      filesOutsideRust: b.summary.filesOutsideRust,
    },
    toolchain: {
      rustc: min(b.toolchain.rustc),
      bindgen: min(b.toolchain.bindgen),
      architectures: b.toolchain.architectures.map((a) => a.arch),
    },
    maintainers: m
      ? {
          sections: m.sections.length,
          maintainers: people((x) => x.maintainers).size,
          reviewers: people((x) => x.reviewers).size,
          people: new Set([...people((x) => x.maintainers), ...people((x) => x.reviewers)]).size,
          singleMaintainer: m.singleMaintainer.length,
          noReviewer: m.noReviewer.length,
          noMaintainer: m.noMaintainer.length,
        }
      : null,
  };
}
