// A .mailmap, read once into its entries (the four line forms git documents) and applied under two
// rules: get_maintainer.pl's (exact keys, by "Name <address>" or by address), which `maintainers`
// must reproduce byte for byte, and git's own (addresses and names compared without case, an entry
// naming the commit's name winning over one that does not), which history must follow.
import { fieldsOf, formatEmail, parseEmail, type Person, type Section } from './maintainers-file.js';

export interface MailmapEntry {
  /** The proper name and address ('' when the line gives none). */
  name: string;
  address: string;
  /** What the commit says: its address always, its name only in the fourth form. */
  commitName: string;
  commitAddress: string;
}

/** Every mapping line of a .mailmap, in order; comments, blank and malformed lines are skipped. */
export function parseMailmap(text: string | undefined): MailmapEntry[] {
  const entries: MailmapEntry[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^<]+)<([^>]+)>$/.exec(line))) {
      entries.push({ name: m[1]!.trim(), address: '', commitName: '', commitAddress: m[2]! });
    } else if ((m = /^<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
      entries.push({ name: '', address: m[1]!, commitName: '', commitAddress: m[2]! });
    } else if ((m = /^(.+)<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
      entries.push({ name: m[1]!.trim(), address: m[2]!, commitName: '', commitAddress: m[3]! });
    } else if ((m = /^(.+)<([^>]+)>\s*(.+?)\s*<([^>]+)>$/.exec(line))) {
      entries.push({ name: m[1]!.trim(), address: m[2]!, commitName: m[3]!, commitAddress: m[4]! });
    }
  }
  return entries;
}

/** get_maintainer.pl's maps: by the exact key, "Name <address>" or the address. */
interface ScriptMaps {
  names: Map<string, string>;
  addresses: Map<string, string>;
}

function scriptMaps(entries: MailmapEntry[]): ScriptMaps {
  const maps: ScriptMaps = { names: new Map(), addresses: new Map() };
  for (const e of entries) {
    const real = parseEmail(`${e.name} <${e.address || e.commitAddress}>`);
    const key = e.commitName ? formatEmail(parseEmail(`${e.commitName.trimEnd()} <${e.commitAddress}>`)) : e.commitAddress;
    if (e.name) maps.names.set(key, real.name);
    if (e.address) maps.addresses.set(key, real.address);
  }
  return maps;
}

/**
 * After this many lookups the whole file is read into the maps; before, each lookup reads only the
 * lines that hold its address (a key always holds it): `maintainers -f` looks up ~10 people, and
 * reading all of the kernel's ~1,000 lines was a tenth of its time.
 */
const LOOKUPS_BEFORE_READING_ALL = 32;

/** get_maintainer.pl's reading: keys are exact, "Name <address>" first, else the address. */
export class Mailmap {
  private all: ScriptMaps | undefined;
  private lookups = 0;

  private constructor(private readonly text: string) {}

  static parse(text: string | undefined): Mailmap {
    return new Mailmap(text ?? '');
  }

  /** The maps, or the part of them an address's lines give (the same answers for that address). */
  private mapsFor(address: string): ScriptMaps {
    if (this.all || address === '' || ++this.lookups > LOOKUPS_BEFORE_READING_ALL) {
      this.all ??= scriptMaps(parseMailmap(this.text));
      return this.all;
    }
    const lines: string[] = [];
    for (let at = this.text.indexOf(address); at !== -1; ) {
      const start = this.text.lastIndexOf('\n', at) + 1;
      let end = this.text.indexOf('\n', at);
      if (end === -1) end = this.text.length;
      lines.push(this.text.slice(start, end));
      at = this.text.indexOf(address, end);
    }
    return scriptMaps(parseMailmap(lines.join('\n')));
  }

  /** "Name <address>" as the map names it: looked up by the whole of it first, else by the address. */
  apply(email: string): string {
    const p = parseEmail(email);
    const whole = formatEmail(p);
    const { names, addresses } = this.mapsFor(p.address);
    const key = names.has(whole) || addresses.has(whole) ? whole : p.address;
    return formatEmail({ name: names.get(key) ?? p.name, address: addresses.get(key) ?? p.address });
  }
}

/** git's reading (`git log --use-mailmap`, `%aN`): addresses and names match without case. */
export class GitMailmap {
  /** By lower-cased commit address: the entry for any name ('') and those for one name (lower-cased). */
  private readonly byAddress = new Map<string, Map<string, MailmapEntry>>();

  constructor(entries: MailmapEntry[]) {
    for (const e of entries) {
      const key = e.commitAddress.toLowerCase();
      let forAddress = this.byAddress.get(key);
      if (!forAddress) this.byAddress.set(key, (forAddress = new Map()));
      // A later line for the same key fills in what an earlier one left out, as git merges them.
      const name = e.commitName.toLowerCase();
      const before = forAddress.get(name);
      forAddress.set(name, { ...e, name: e.name || before?.name || '', address: e.address || before?.address || '' });
    }
  }

  static parse(text: string | undefined): GitMailmap {
    return new GitMailmap(parseMailmap(text));
  }

  get size(): number {
    return this.byAddress.size;
  }

  apply(name: string, address: string): { name: string; address: string } {
    const forAddress = this.byAddress.get(address.toLowerCase());
    const e = forAddress?.get(name.toLowerCase()) ?? forAddress?.get('');
    return e ? { name: e.name || name, address: e.address || address } : { name, address };
  }
}

/** A section's maintainers (M) or reviewers (R), named as the tree's .mailmap names them. */
export function peopleOf(section: Section, letter: 'M' | 'R', mailmap: Mailmap): Person[] {
  return fieldsOf(section, letter).map((f) => parseEmail(mailmap.apply(f.value)));
}
