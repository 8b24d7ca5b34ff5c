// The MAINTAINERS file, read the way scripts/get_maintainer.pl reads it: a line "X:<space>value"
// is a field; any other line that is neither blank nor a comment names the section whose fields
// follow it. Blank lines do not end a section; the next name line does. Nothing here throws: a
// line the format does not expect becomes a warning with its line number.

export interface Field {
  /** One capital letter: M, R, L, S, W, Q, B, C, P, T, F, X, N, K. */
  letter: string;
  /** The text after the colon, as the script keeps it (leading space removed). */
  value: string;
  line: number;
  /** Its index in get_maintainer.pl's @typevalue (fields and name lines, no blanks or comments): keywords are ordered by it. */
  position: number;
}

export interface Section {
  /** Position among the file's sections: MAINTAINERS order, the tie-break everywhere. */
  index: number;
  name: string;
  line: number;
  fields: Field[];
}

export interface FileWarning {
  line: number;
  message: string;
  /** The file, when not the top MAINTAINERS (a tree whose script reads several). */
  file?: string;
}

export interface MaintainersFile {
  sections: Section[];
  warnings: FileWarning[];
}

/** What each field letter means (MAINTAINERS' own preface). */
export const FIELD_LETTERS: Record<string, string> = {
  M: 'maintainer',
  R: 'reviewer',
  L: 'mailing list',
  S: 'status',
  W: 'web page',
  Q: 'patchwork',
  B: 'bug reports',
  C: 'chat',
  P: 'subsystem profile',
  T: 'SCM tree',
  F: 'files',
  X: 'excluded files',
  N: 'file name regex',
  K: 'content regex',
};

const FIELD = /^([A-Z]):\s*(.*)/;

export function parseMaintainers(text: string): MaintainersFile {
  const sections: Section[] = [];
  const warnings: FileWarning[] = [];
  let header: { name: string; line: number } | undefined;
  let current: Section | undefined;
  let lastWasField = false;
  let position = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const field = FIELD.exec(text);
    if (field) {
      const letter = field[1]!;
      if (!(letter in FIELD_LETTERS)) warnings.push({ line, message: `unknown field "${letter}:" (ignored)` });
      if (!current) {
        if (!header) warnings.push({ line, message: 'a field before any section name' });
        current = { index: sections.length, name: header?.name ?? text, line: header?.line ?? line, fields: [] };
        sections.push(current);
      }
      current.fields.push({ letter, value: field[2]!, line, position: position++ });
      lastWasField = true;
      return;
    }
    if (/^\s*$/.test(text)) {
      lastWasField = false;
      return;
    }
    if (/^\s*#/.test(text)) return;
    if (/^([a-z]\s*|[A-Z]\s+):/.test(text)) {
      warnings.push({
        line,
        message: `"${text.slice(0, 40)}" looks like a field but is not one ("X:" with a capital letter); read as a section name`,
      });
    } else if (lastWasField && FIELD.test(lines[i + 1] ?? '')) {
      warnings.push({ line, message: `"${text.slice(0, 40)}" starts a new section in the middle of one (a missing blank line?)` });
    }
    header = { name: text, line };
    position++;
    current = undefined;
    lastWasField = false;
  });
  if (!sections.length) warnings.push({ line: 1, message: 'no sections (no "X:" field lines): not a MAINTAINERS file?' });
  return { sections, warnings };
}

/** The fields of a section with a given letter, in order. */
export function fieldsOf(section: Section, letter: string): Field[] {
  return section.fields.filter((f) => f.letter === letter);
}

export interface Person {
  name: string;
  address: string;
}

/**
 * A "Name <address>" as get_maintainer.pl's parse_email splits it: surrounding quotes dropped,
 * a name with anything but ASCII word characters, spaces and dashes put back in quotes.
 */
export function parseEmail(text: string): Person {
  let name = '';
  let address = '';
  let m: RegExpExecArray | null;
  if ((m = /^([^<]+)<(.+@.*)>.*$/.exec(text))) {
    name = m[1]!;
    address = m[2]!;
  } else if ((m = /^\s*<(.+@\S*)>.*$/.exec(text))) address = m[1]!;
  else if ((m = /^(.+@\S*).*$/.exec(text))) address = m[1]!;
  return { name: escapeName(unquote(name.trim())), address: address.trim() };
}

function unquote(name: string): string {
  return name.replace(/^"|"$/g, '');
}

export function escapeName(name: string): string {
  if (!/[^\w \-]/.test(name)) return name;
  return `"${name.replace(/(?<!\\)"/g, '\\"')}"`;
}

/** "Name <address>", or the address alone: format_email with names on. */
export function formatEmail(p: Person): string {
  const name = escapeName(unquote(p.name.trim()));
  const address = p.address.trim();
  return name === '' ? address : `${name} <${address}>`;
}

export interface MailingList {
  address: string;
  /** What follows the address, e.g. "(moderated for non-subscribers)". */
  note: string;
  kind: 'open' | 'moderated' | 'subscribers-only';
}

export function parseList(value: string): MailingList {
  const m = /([^\s]+)\s+(.*)$/.exec(value);
  const address = m ? m[1]! : value;
  const note = m ? m[2]! : '';
  const kind = /subscribers-only/.test(note) ? 'subscribers-only' : /moderated/.test(note) ? 'moderated' : 'open';
  return { address, note, kind };
}

/** The statuses MAINTAINERS defines; anything else is kept as written. */
const STATUSES = ['Supported', 'Maintained', 'Odd Fixes', 'Orphan', 'Obsolete', 'Buried alive in reporters'];

/** A section's status, folded to one of the defined words when it starts with one ("Odd fixes", "Orphaned"). */
export function statusOf(section: Section): string {
  const values = fieldsOf(section, 'S').map((f) => f.value.trim());
  const last = values[values.length - 1];
  if (last === undefined) return 'Unknown';
  const known = STATUSES.find((s) => last.toLowerCase().startsWith(s.toLowerCase()));
  return known ?? last;
}
