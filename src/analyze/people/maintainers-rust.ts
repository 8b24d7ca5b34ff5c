// Who keeps the Rust code: every MAINTAINERS section that covers a .rs file of the kernel's own
// Rust, with its people and the Rust it holds; the Rust only the catch-all covers; sections with
// no maintainer, no reviewer, or one maintainer (bus factor 1 on paper). Vendored crates are left
// out and counted apart, as scan and unsafe do, so the three commands give the same totals.
import { getOrCreate } from '../../core/maps.js';
import { fieldsOf, parseList, statusOf, type Person } from '../../kernel/maintainers-file.js';
import { peopleOf } from '../../kernel/mailmap.js';
import { coveringSections, type TreeMaintainers } from '../../kernel/maintainers.js';
import type { RustTree } from '../rust/rust-tree.js';

export interface RustSection {
  name: string;
  status: string;
  maintainers: Person[];
  reviewers: Person[];
  lists: string[];
  /** Own .rs files counted under this section by the one "by subsystem" rule, and their code lines. */
  files: number;
  code: number;
  /** Every own .rs file the section's patterns cover (also those a more specific section holds). */
  coveredFiles: number;
  coveredCode: number;
}

export interface RustCodeFile {
  path: string;
  code: number;
  /** The vendored crate the file belongs to, or null for the kernel's own Rust. */
  vendored: string | null;
}

export interface RustMaintainers {
  /** The kernel's own Rust: files and code lines. */
  rustFiles: number;
  rustCode: number;
  /** Vendored crates' .rs files, left out of everything below. */
  vendored: { files: number; code: number };
  sections: RustSection[];
  /** Own .rs files no section covers but the catch-all (THE REST). */
  onlyCatchAll: { path: string; code: number }[];
  /** Names of sections covering Rust code with no M: line at all. */
  noMaintainer: string[];
  /** Names of sections covering Rust code that have no R: line. */
  noReviewer: string[];
  /** Names of sections covering Rust code with exactly one M: line. */
  singleMaintainer: string[];
}

/** The .rs files of a Rust tree as this view needs them: path, code lines, vendored crate. */
export function rustCodeFiles(tree: RustTree): RustCodeFile[] {
  return tree.files.map((f) => ({ path: f.path, code: f.facts.code, vendored: f.vendored }));
}

export function rustMaintainers(m: TreeMaintainers, rustFiles: RustCodeFile[]): RustMaintainers {
  const own = rustFiles.filter((f) => f.vendored === null);
  const vendored = rustFiles.filter((f) => f.vendored !== null);
  const counts = new Map<number, { files: number; code: number; coveredFiles: number; coveredCode: number }>();
  const onlyCatchAll: { path: string; code: number }[] = [];
  for (const file of own) {
    const sections = coveringSections(m, file.path);
    if (!sections.length) onlyCatchAll.push({ path: file.path, code: file.code });
    sections.forEach((s, i) => {
      const c = getOrCreate(counts, s.index, () => ({ files: 0, code: 0, coveredFiles: 0, coveredCode: 0 }));
      c.coveredFiles++;
      c.coveredCode += file.code;
      if (i === 0) {
        c.files++;
        c.code += file.code;
      }
    });
  }
  const sections = [...counts]
    .map(([i, c]): RustSection => {
      const s = m.file.section(i);
      return {
        name: s.name,
        status: statusOf(s),
        maintainers: peopleOf(s, 'M', m.mailmap),
        reviewers: peopleOf(s, 'R', m.mailmap),
        lists: fieldsOf(s, 'L').map((f) => parseList(f.value).address),
        ...c,
      };
    })
    .sort((a, b) => b.code - a.code || b.coveredCode - a.coveredCode || a.name.localeCompare(b.name));
  return {
    rustFiles: own.length,
    rustCode: own.reduce((n, f) => n + f.code, 0),
    vendored: { files: vendored.length, code: vendored.reduce((n, f) => n + f.code, 0) },
    sections,
    onlyCatchAll,
    noMaintainer: sections.filter((s) => !s.maintainers.length).map((s) => s.name),
    noReviewer: sections.filter((s) => !s.reviewers.length).map((s) => s.name),
    singleMaintainer: sections.filter((s) => s.maintainers.length === 1).map((s) => s.name),
  };
}
