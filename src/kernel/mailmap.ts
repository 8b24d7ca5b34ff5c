// A tree's .mailmap, read and applied the way get_maintainer.pl does (its four line forms, keyed
// by address or by "Name <address>"), so that people come out under the names the tree gives them.
import { fieldsOf, formatEmail, parseEmail, type Person, type Section } from './maintainers-file.js';

export class Mailmap {
  private readonly names = new Map<string, string>();
  private readonly addresses = new Map<string, string>();

  static parse(text: string | undefined): Mailmap {
    const map = new Mailmap();
    for (const raw of (text ?? '').split('\n')) {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') continue;
      let m: RegExpExecArray | null;
      if ((m = /^([^<]+)<([^>]+)>$/.exec(line))) {
        const real = parseEmail(`${m[1]!.trimEnd()} <${m[2]}>`);
        map.names.set(real.address, real.name);
      } else if ((m = /^<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
        map.addresses.set(m[2]!, m[1]!);
      } else if ((m = /^(.+)<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
        const real = parseEmail(`${m[1]!.trimEnd()} <${m[2]}>`);
        map.names.set(m[3]!, real.name);
        map.addresses.set(m[3]!, real.address);
      } else if ((m = /^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$/.exec(line))) {
        const real = parseEmail(`${m[1]!.trimEnd()} <${m[2]}>`);
        const wrong = formatEmail(parseEmail(`${m[3]!.trimEnd()} <${m[4]}>`));
        map.names.set(wrong, real.name);
        map.addresses.set(wrong, real.address);
      }
    }
    return map;
  }

  /** "Name <address>" as the map names it: looked up by the whole of it first, else by the address. */
  apply(email: string): string {
    const p = parseEmail(email);
    const whole = formatEmail(p);
    const key = this.names.has(whole) || this.addresses.has(whole) ? whole : p.address;
    return formatEmail({ name: this.names.get(key) ?? p.name, address: this.addresses.get(key) ?? p.address });
  }
}

/** A section's maintainers (M) or reviewers (R), named as the tree's .mailmap names them. */
export function peopleOf(section: Section, letter: 'M' | 'R', mailmap: Mailmap): Person[] {
  return fieldsOf(section, letter).map((f) => parseEmail(mailmap.apply(f.value)));
}
