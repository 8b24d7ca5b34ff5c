// Who keeps the Rust code: every MAINTAINERS section that covers a .rs file, with its people and
// the Rust it covers; the Rust only the catch-all covers; sections without a reviewer, or with one
// maintainer (bus factor 1 on paper).
import { LineExtractor } from '../extract/file-facts.js';
import { fieldsOf, parseList, statusOf, type Person, type Section } from '../kernel/maintainers-file.js';
import { peopleOf } from '../kernel/mailmap.js';
import type { TreeMaintainers } from '../kernel/maintainers.js';

export interface RustSection {
  name: string;
  status: string;
  maintainers: Person[];
  reviewers: Person[];
  lists: string[];
  /** .rs files the section covers, and their code lines. */
  files: number;
  code: number;
}

export interface RustMaintainers {
  rustFiles: number;
  rustCode: number;
  sections: RustSection[];
  /** .rs files no section covers but the catch-all (THE REST). */
  onlyCatchAll: { path: string; code: number }[];
  /** Names of sections covering Rust code that have no R: line. */
  noReviewer: string[];
  /** Names of sections covering Rust code with exactly one M: line. */
  singleMaintainer: string[];
}

/** The catch-all section (THE REST): an F pattern of "*" or "*" plus a slash covers every path. */
export function isCatchAll(section: Section): boolean {
  return fieldsOf(section, 'F').some((f) => f.value.trim() === '*' || f.value.trim() === '*/');
}

/** Code lines of each .rs file of the tree, counted by the line counter. */
export function rustCodeLines(m: TreeMaintainers): { path: string; code: number }[] {
  const extractor = new LineExtractor();
  return m.tree
    .files()
    .filter((p) => p.endsWith('.rs'))
    .sort()
    .map((path) => {
      const bytes = m.tree.readBytes(path);
      return { path, code: bytes ? extractor.extract(path, bytes).code : 0 };
    });
}

export function rustMaintainers(m: TreeMaintainers, rustFiles: { path: string; code: number }[]): RustMaintainers {
  const covered = new Map<number, { files: number; code: number }>();
  const onlyCatchAll: { path: string; code: number }[] = [];
  for (const file of rustFiles) {
    const sections = m.index.match(file.path).map((s) => m.file.sections[s.section]!);
    const own = sections.filter((s) => !isCatchAll(s));
    if (!own.length) onlyCatchAll.push(file);
    for (const s of own) {
      const c = covered.get(s.index) ?? { files: 0, code: 0 };
      c.files++;
      c.code += file.code;
      covered.set(s.index, c);
    }
  }
  const sections = [...covered]
    .map(([i, c]): RustSection => {
      const s = m.file.sections[i]!;
      return {
        name: s.name,
        status: statusOf(s),
        maintainers: peopleOf(s, 'M', m.mailmap),
        reviewers: peopleOf(s, 'R', m.mailmap),
        lists: fieldsOf(s, 'L').map((f) => parseList(f.value).address),
        ...c,
      };
    })
    .sort((a, b) => b.code - a.code || a.name.localeCompare(b.name));
  return {
    rustFiles: rustFiles.length,
    rustCode: rustFiles.reduce((n, f) => n + f.code, 0),
    sections,
    onlyCatchAll,
    noReviewer: sections.filter((s) => !s.reviewers.length).map((s) => s.name),
    singleMaintainer: sections.filter((s) => s.maintainers.length === 1).map((s) => s.name),
  };
}
