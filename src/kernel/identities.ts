// Who is who in a history: each (name, address) a commit names goes through the repository's
// .mailmap (git's rules), then one person is the union of the addresses (without case) and the
// exact names that occur together, as gitdm merges them. A name that is empty or is itself an
// address joins nobody; a mailing list is not a person (see isListAddress).
import type { GitMailmap } from './mailmap.js';

export interface PersonName {
  name: string;
  email: string;
}

export class Identities {
  private readonly parent: number[] = [];
  private readonly names: string[] = [];
  private readonly emails: string[] = [];
  private readonly byEmail = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  /**
   * With `gitdm`, gitdm's own rule instead of the union: an address already seen is that person; else
   * a name that started a person is that person; else a new person. Only the name a person was first
   * seen under can join addresses to it, so the outcome depends on the order of reading (newest first).
   */
  constructor(
    private readonly mailmap?: GitMailmap,
    private readonly gitdm = false,
  ) {}

  /** A (name, address) as the .mailmap names it. */
  mapped(name: string, address: string): { name: string; address: string } {
    return this.mailmap ? this.mailmap.apply(name.trim(), address.trim()) : { name: name.trim(), address: address.trim() };
  }

  /** The person a (name, address) pair is, registering it; ids are stable, find() gives the representative. */
  add(rawName: string, rawEmail: string, useMailmap = true): number {
    const { name, address } = useMailmap ? this.mapped(rawName, rawEmail) : { name: rawName.trim(), address: rawEmail.trim() };
    const email = address.toLowerCase();
    const usableName = name !== '' && !name.includes('@') ? name : '';
    const byEmail = email ? this.byEmail.get(email) : undefined;
    const byName = usableName ? this.byName.get(usableName) : undefined;
    let id: number;
    if (byEmail !== undefined) {
      id = byEmail;
      if (!this.gitdm && byName !== undefined) this.union(id, byName);
      else if (!this.gitdm && usableName) this.byName.set(usableName, id);
    } else if (byName !== undefined) {
      id = byName;
      if (email) this.byEmail.set(email, id);
    } else {
      id = this.parent.push(this.parent.length) - 1;
      this.names.push(usableName || email);
      this.emails.push(email);
      if (email) this.byEmail.set(email, id);
      if (usableName) this.byName.set(usableName, id);
    }
    return this.find(id);
  }

  find(id: number): number {
    while (this.parent[id] !== id) {
      this.parent[id] = this.parent[this.parent[id]!]!;
      id = this.parent[id]!;
    }
    return id;
  }

  /** The earliest-registered name and address of a person (the first ids win a union). */
  person(id: number): PersonName {
    const root = this.find(id);
    return { name: this.names[root]!, email: this.emails[root]! };
  }

  private union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    // The person registered first keeps their name, as gitdm names a person by the first line it read.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

/** Addresses of mailing lists and role accounts: they appear in MAINTAINERS but are not people. */
export function isListAddress(email: string): boolean {
  const e = email.toLowerCase();
  return (
    /@(vger\.kernel\.org|lists\.|googlegroups\.com$)/.test(e) ||
    /^(soc|arm|patches|stable|linux-[a-z0-9-]+)@/.test(e) ||
    /@lists?\./.test(e)
  );
}
