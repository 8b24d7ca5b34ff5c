// `maintainers PATCH --rust-users`: the people who keep the Rust that uses what a C patch changes.
// get_maintainer.pl answers for the files a patch touches; a C change that breaks a Rust
// abstraction reaches nobody on the Rust side. Here the C names the patch touches are met with the
// names the Rust code uses (bindings:: directly, or a rust/helpers wrapper that calls them, as
// `impact` finds them), and each Rust file hit brings its sections' maintainers and reviewers.
import { getOrCreate } from '../../core/maps.js';
import { compareText } from '../../core/types.js';
import { subsystemName, type Recipient } from '../../kernel/get-maintainer.js';
import { formatEmail } from '../../kernel/maintainers-file.js';
import { peopleOf } from '../../kernel/mailmap.js';
import { coveringSections, type TreeMaintainers } from '../../kernel/maintainers.js';
import { impactOfNames } from './bindings.js';
import type { RustTree } from './rust-tree.js';

export interface RustUsers {
  /** Each C name of the patch the Rust uses, with the Rust files that use it. */
  hits: { symbol: string; files: string[] }[];
  /** Their sections' M and R people, role "rust-user:SECTION for SYMBOL…", each once (first section wins). */
  recipients: Recipient[];
}

export function rustUsers(m: TreeMaintainers, tree: RustTree, names: Set<string>): RustUsers {
  const impact = impactOfNames(tree, names, () => '');
  const helperCalls = new Map(impact.helpers.map((h) => [h.name, h.calls]));
  const symbolsByFile = new Map<string, Set<string>>();
  for (const site of impact.sites) {
    const symbols = site.via === 'helper' ? (helperCalls.get(site.name) ?? []) : [site.name];
    const set = getOrCreate(symbolsByFile, site.path, () => new Set<string>());
    for (const s of symbols) set.add(s);
  }
  const files = [...symbolsByFile.keys()].sort(compareText);
  const bySymbol = new Map<string, string[]>();
  for (const f of files) for (const s of symbolsByFile.get(f)!) getOrCreate(bySymbol, s, () => []).push(f);

  // Per person: the first section that brought them, and every symbol that did.
  const people = new Map<string, { recipient: Recipient; section: string; symbols: Set<string> }>();
  for (const f of files) {
    for (const section of coveringSections(m, f)) {
      for (const p of [...peopleOf(section, 'M', m.mailmap), ...peopleOf(section, 'R', m.mailmap)]) {
        if (!p.address) continue;
        const entry = getOrCreate(people, p.address.toLowerCase(), () => ({
          recipient: { email: formatEmail(p), name: p.name, address: p.address, role: '', kind: 'person' as const },
          section: subsystemName(section),
          symbols: new Set<string>(),
        }));
        for (const s of symbolsByFile.get(f)!) entry.symbols.add(s);
      }
    }
  }
  return {
    hits: [...bySymbol].sort(([a], [b]) => compareText(a, b)).map(([symbol, fs]) => ({ symbol, files: fs })),
    recipients: [...people.values()].map((e) => ({
      ...e.recipient,
      role: `rust-user:${e.section} for ${[...e.symbols].sort(compareText).join(' ')}`,
    })),
  };
}
