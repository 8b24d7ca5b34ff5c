// The answer `scripts/get_maintainer.pl --no-git --no-git-fallback -f FILE…` gives, computed from
// the index: maintainers and reviewers with their roles, then mailing lists, deduplicated by name
// and address and mapped through .mailmap as the script does, Linus's catch-all entry left out.
import { compareText } from '../core/types.js';
import { fieldsOf, formatEmail, parseEmail, parseList, type Person, type Section } from './maintainers-file.js';
import type { MaintainersIndex, ScriptDialect, SectionMatch } from './maintainers-index.js';
import type { Mailmap } from './mailmap.js';
import type { TreeMaintainers } from './maintainers.js';
import { sortAndUniq, type PatchReading } from './patch.js';

export interface Recipient {
  /** "Name <address>" (or the address alone), as printed. */
  email: string;
  name: string;
  address: string;
  /** e.g. "maintainer:RUST", "reviewer:RUST", "open list:RUST", "open list". */
  role: string;
  kind: 'person' | 'list';
}

export interface FileSections {
  path: string;
  /** Matching sections, deepest first (ties in MAINTAINERS order). */
  sections: SectionMatch[];
}

export interface GetMaintainerAnswer {
  files: FileSections[];
  /** Sections that K patterns matched in file contents (only with keywords in files), or in a patch. */
  keywords: { section: number; keyword: string }[];
  recipients: Recipient[];
  /** --subsystem: the names of the sections taken, in order, each once (THE REST too). */
  subsystems: string[];
  /** --status: their S: values (with a keyword's suffix), each once. */
  statuses: string[];
  /** --rust-users: each C name of the patch the Rust uses, with the Rust files that use it. */
  rustUsers?: { symbol: string; files: string[] }[];
}

export interface GetMaintainerOptions {
  /** Match K patterns against the files' contents; default: what the tree's script does. */
  keywordsInFile?: boolean;
  /** A file's content, for K patterns; undefined when it cannot be read. */
  readFile?: (path: string) => string | undefined;
  /** Reorders a file's matching sections: how a check tries the other orders of sections that tie in depth. */
  reorder?: (path: string, sections: SectionMatch[]) => SectionMatch[];
  /** For a patch: the K matches in its lines (keywordMatchesInPatch), used instead of file contents. */
  patchKeywords?: { section: number; keyword: string; position: number }[];
  /** For each commit a patch's Fixes: lines name, its signers (fixesSigners): added as the script's --fixes adds them. */
  fixes?: string[][];
  /** Roles with statistics ("blamed_fixes:1/1=100%"), the script's default; false: --norolestats. */
  rolestats?: boolean;
  /** --no-m, --no-r: leave out M: or R: people (default: both in). */
  maintainers?: boolean;
  reviewers?: boolean;
}

/** The chief penguin, whom the script drops unless asked (--git-chief-penguins). */
const CHIEF_PENGUIN = /Linus Torvalds <torvalds@linux-foundation.org>/;
const SECTION_NAME_MAX = 50;
/** The script's --git-max-maintainers default, which also bounds the signers of fixed commits. */
const MAX_FIXES_SIGNERS = 5;

/** A section's name as roles quote it: over 50 characters cut to 47 and "...". */
export function subsystemName(section: Section): string {
  const chars = Array.from(section.name);
  if (chars.length <= SECTION_NAME_MAX) return section.name;
  return (
    chars
      .slice(0, SECTION_NAME_MAX - 3)
      .join('')
      .replace(/\s*$/, '') + '...'
  );
}

const ROLE_BY_STATUS: Record<string, string> = {
  supported: 'supporter',
  maintained: 'maintainer',
  'odd fixes': 'odd fixer',
  orphan: 'orphan minder',
  obsolete: 'obsolete minder',
  'buried alive in reporters': 'chief penguin',
};

export function maintainerRole(section: Section, dialect: ScriptDialect): string {
  const statuses = fieldsOf(section, 'S');
  const status = (statuses[statuses.length - 1]?.value ?? 'unknown').toLowerCase();
  let role: string;
  if (dialect.rolesFromStatus) role = ROLE_BY_STATUS[status] ?? status;
  else role = status === 'buried alive in reporters' ? 'chief penguin' : 'maintainer';
  return `${role}:${subsystemName(section)}`;
}

function listRole(section: Section, kind: string): string {
  const name = subsystemName(section);
  return name === 'THE REST' ? `${kind} list` : `${kind} list:${name}`;
}

/** Addresses a file mentions, as the script finds them (it reads every .yaml binding this way). */
const FILE_EMAIL = /[\p{L}"' ,.+-]*\s*[,]*\s*[(<{]?[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+\.[A-Za-z0-9]+[)>}]?/gu;

/** clean_file_emails: a "Name <address>" from text around an address, the name cut to its last two (or three) words. */
export function cleanFileEmail(found: string): string {
  const p = parseEmail(found.replace(/[(<{]?([A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+)[)>}]?/g, '<$1>'));
  const words = p.name
    .replace(/^"(.*)"$/, '$1')
    .split(/[^\p{L}',.+-]/u)
    .filter((w) => !/^[',.+-]$/.test(w));
  while (words.length && words[words.length - 1] === '') words.pop(); // Perl's split drops trailing empty fields
  const len = (w: string) => Array.from(w).length;
  let name: string;
  if (words.length > 2) {
    const [first, middle, last] = words.slice(-3) as [string, string, string];
    const initial = (w: string) => (len(w) === 1 && /\p{L}/u.test(w)) || (len(w) === 2 && w.endsWith('.'));
    name =
      initial(first) || len(middle) === 1 || (len(middle) === 2 && middle.endsWith('.'))
        ? `${first} ${middle} ${last}`
        : `${middle} ${last}`;
  } else name = words.join(' ');
  if (/[,.]$/.test(name)) name = name.slice(0, -1);
  if (/^[,.]/.test(name)) name = name.slice(1);
  return formatEmail({ name, address: p.address });
}

export function getMaintainer(
  index: MaintainersIndex,
  mailmap: Mailmap,
  paths: string[],
  options: GetMaintainerOptions = {},
): GetMaintainerAnswer {
  const file = index.maintainers;
  // [printed email, role]; roles grow (",in file") and emails are rewritten in place, as in the script.
  let emailTo: [string, string][] = [];
  const listTo: [string, string][] = [];
  const usedNames = new Set<string>();
  const usedAddresses = new Set<string>();
  const usedLists = new Set<string>();
  const subsystems: string[] = [];
  const statuses: string[] = [];

  const pushEmail = (value: string, role: string) => {
    const p = parseEmail(value);
    if (p.address === '') return;
    if (usedNames.has(p.name.toLowerCase()) && p.name !== '') return;
    if (usedAddresses.has(p.address.toLowerCase())) return;
    emailTo.push([formatEmail(p), role]);
    if (p.name !== '') usedNames.add(p.name.toLowerCase());
    usedAddresses.add(p.address.toLowerCase());
  };
  const addRole = (email: string, role: string) => {
    const p = parseEmail(email);
    for (const entry of emailTo) {
      const e = parseEmail(entry[0]);
      if ((p.name === e.name || p.address === e.address) && !entry[1].includes(role))
        entry[1] = entry[1] === '' ? role : `${entry[1]},${role}`;
    }
  };
  const addCategories = (section: Section, suffix: string) => {
    if (!subsystems.includes(section.name)) subsystems.push(section.name);
    for (const field of section.fields) {
      if (field.letter === 'L') {
        const list = parseList(field.value);
        // Subscriber-only lists are left out by default (--s adds them).
        if (list.kind === 'subscribers-only' || usedLists.has(list.address.toLowerCase())) continue;
        usedLists.add(list.address.toLowerCase());
        listTo.push([list.address, listRole(section, list.kind) + suffix]);
      } else if (field.letter === 'M') {
        if (options.maintainers !== false) pushEmail(field.value, maintainerRole(section, index.dialect) + suffix);
      } else if (field.letter === 'R') {
        if (options.reviewers !== false) pushEmail(field.value, `reviewer:${subsystemName(section)}${suffix}`);
      } else if (field.letter === 'S' && !statuses.includes(field.value + suffix)) statuses.push(field.value + suffix);
    }
  };

  const files = paths.map((path) => {
    const matched = index.match(path);
    return { path, sections: options.reorder ? options.reorder(path, matched) : matched };
  });
  const fileEmails = new Set<string>();
  for (const f of files) {
    for (const m of f.sections) addCategories(file.section(m.section), '');
    // The script reads the addresses in a device-tree binding (.yaml) as people to copy.
    const content = f.path.endsWith('.yaml') ? options.readFile?.(f.path) : undefined;
    for (const found of content?.match(FILE_EMAIL) ?? []) fileEmails.add(cleanFileEmail(found));
  }

  const keywords: { section: number; keyword: string; position: number }[] = [...(options.patchKeywords ?? [])];
  if (!options.patchKeywords && (options.keywordsInFile ?? index.dialect.keywordsInFileByDefault)) {
    const seen = new Set<number>();
    for (const path of paths) {
      const content = path.endsWith('MAINTAINERS') ? undefined : options.readFile?.(path);
      if (content === undefined) continue;
      for (const k of index.keywordMatches(content)) {
        if (seen.has(k.position)) continue;
        seen.add(k.position);
        keywords.push(k);
      }
    }
  }
  // The script sorts the positions of the K lines as text ("10" before "9").
  keywords.sort((a, b) => compareText(String(a.position), String(b.position)));
  for (const k of keywords) addCategories(file.section(k.section), index.dialect.keywordRoles ? `:Keyword:${k.keyword}` : '');

  // deduplicate_email: mailmap, then one spelling per name and per address, then mailmap again.
  const byName = new Map<string, Person>();
  const byAddress = new Map<string, Person>();
  const dedupe = (email: string): string => {
    let q = parseEmail(mailmap.apply(email));
    const known = (q.name !== '' && byName.get(q.name.toLowerCase())) || byAddress.get(q.address.toLowerCase());
    if (known) q = known;
    else {
      byName.set(q.name.toLowerCase(), q);
      byAddress.set(q.address.toLowerCase(), q);
    }
    return mailmap.apply(formatEmail(q));
  };
  for (const entry of [...emailTo, ...listTo]) entry[0] = dedupe(entry[0]);
  emailTo = emailTo.filter(([email]) => !CHIEF_PENGUIN.test(email));
  for (const found of fileEmails) {
    const email = mailmap.apply(found);
    pushEmail(email, '');
    addRole(email, 'in file');
  }
  // vcs_assign("blamed_fixes", 1, signers): each signer once with its count, most first, at most five.
  // Signers that tie are taken in Perl's hash order by the script; here in sorted order.
  for (const signers of options.fixes ?? []) {
    const lines = signers.map((s) => mailmap.apply(dedupe(s))).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
    let taken = 0;
    for (const [line, n] of [...counts].sort((a, b) => b[1] - a[1])) {
      if (++taken > MAX_FIXES_SIGNERS) break;
      pushEmail(line, '');
      addRole(line, options.rolestats === false ? 'blamed_fixes' : `blamed_fixes:${n}/1=100%`);
    }
  }

  const recipients: Recipient[] = [];
  const printed = new Set<string>();
  for (const [group, kind] of [
    [emailTo, 'person'],
    [listTo, 'list'],
  ] as const) {
    for (const [email, role] of group) {
      if (printed.has(email)) continue;
      printed.add(email);
      const p = parseEmail(email);
      recipients.push({ email, name: p.name, address: p.address, role, kind });
    }
  }
  return { files, keywords: keywords.map(({ section, keyword }) => ({ section, keyword })), recipients, subsystems, statuses };
}

export type PatchAnswerOptions = Pick<GetMaintainerOptions, 'readFile' | 'fixes' | 'rolestats' | 'maintainers' | 'reviewers'>;

/**
 * get_maintainer.pl's answer for patches read with readPatch: their files sorted and each taken
 * once (the script sorts after each patch), K patterns matched in their lines.
 */
export function answerPatches(m: TreeMaintainers, patches: PatchReading[], options: PatchAnswerOptions): GetMaintainerAnswer {
  const files = sortAndUniq(patches.flatMap((p) => p.files));
  const lines = patches.flatMap((p) => p.keywordLines);
  return getMaintainer(m.index, m.mailmap, files, { ...options, patchKeywords: m.index.keywordMatchesInPatch(lines) });
}
