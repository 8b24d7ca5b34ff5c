// Employers from email addresses through a dated map shipped as data (data/employers.json, sources
// in docs/EMPLOYERS.md), extended by a user's file of the same shape. An address the map does not
// know is "(Unknown)": never guessed from the domain's look.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FerrometerError } from '../core/errors.js';
import { readRegularFile } from '../source/read-file.js';
import { packageFile } from '../core/shipped-files.js';

export const UNKNOWN_EMPLOYER = '(Unknown)';

const Entry = z.object({
  employer: z.string().min(1),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
const EmployerFile = z.object({
  domains: z.array(Entry.extend({ domain: z.string().min(1) })).default([]),
  addresses: z.array(Entry.extend({ address: z.string().min(3) })).default([]),
});
type EmployerFile = z.infer<typeof EmployerFile>;

interface Dated {
  employer: string;
  /** Seconds since the epoch; the entry holds for earlier dates only. */
  until: number;
}

export class Employers {
  private readonly domains = new Map<string, Dated[]>();
  private readonly addresses = new Map<string, Dated[]>();

  /** Entries of a later file take precedence over those already added. */
  add(file: EmployerFile): this {
    const prepend = (map: Map<string, Dated[]>, entries: { key: string; employer: string; until?: string }[]) => {
      const fresh = new Map<string, Dated[]>();
      for (const e of entries) {
        const list = fresh.get(e.key.toLowerCase()) ?? [];
        list.push({ employer: e.employer, until: e.until ? Date.parse(`${e.until}T00:00:00Z`) / 1000 : Infinity });
        fresh.set(e.key.toLowerCase(), list);
      }
      for (const [k, v] of fresh) map.set(k, [...v, ...(map.get(k) ?? [])]);
    };
    prepend(
      this.domains,
      file.domains.map((e) => ({ ...e, key: e.domain })),
    );
    prepend(
      this.addresses,
      file.addresses.map((e) => ({ ...e, key: e.address })),
    );
    return this;
  }

  /** The employer of an address on a date (seconds): the whole address, then the longest known domain. */
  of(email: string, date: number): string {
    const e = email.toLowerCase();
    const hit = (list: Dated[] | undefined) => list?.find((d) => date < d.until)?.employer;
    const byAddress = hit(this.addresses.get(e));
    if (byAddress) return byAddress;
    const labels = e.slice(e.lastIndexOf('@') + 1).split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const found = hit(this.domains.get(labels.slice(i).join('.')));
      if (found) return found;
    }
    return UNKNOWN_EMPLOYER;
  }
}

export function parseEmployerFile(text: string, path: string): EmployerFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FerrometerError('EBAD_FILE', `${path} is not JSON: ${(e as Error).message}`);
  }
  const r = EmployerFile.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new FerrometerError('EBAD_FILE', `${path}: ${issue.path.join('.')}: ${issue.message}`, 'see docs/EMPLOYERS.md for the shape');
  }
  return r.data;
}

function readJson(path: string): string {
  const bytes = readRegularFile(path, path, 1 << 24);
  if (!bytes) throw new FerrometerError('EBAD_FILE', `cannot read ${path}: no such file`);
  return bytes.toString('utf8');
}

/** The shipped map, then each of the user's files (which take precedence). */
export function loadEmployers(userFiles: string[] = []): Employers {
  const shipped = readFileSync(packageFile('data/employers.json'), 'utf8');
  const employers = new Employers().add(parseEmployerFile(shipped, 'data/employers.json'));
  for (const f of userFiles) employers.add(parseEmployerFile(readJson(f), f));
  return employers;
}
