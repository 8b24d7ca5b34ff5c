// The claims catalogue (data/claims.json): one entry per claim the press repeats, with who said it,
// where and when, the measure that checks it, the figures it states and the inputs it needs.
// Validated on load; adding a claim is adding an entry (and, for a new kind of figure, a measure).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FerrometerError } from '../../core/errors.js';

const Day = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date: YYYY[-MM[-DD]]');
const Release = z.string().regex(/^\d+\.\d+$/, 'a release: MAJOR.MINOR');

/** What a measure reads; a claim whose inputs are missing is "not checkable", with the flag that gives them. */
export const INPUTS = ['tree', 'maintainers', 'releases', 'dates', 'vulns'] as const;
export type Input = (typeof INPUTS)[number];

const Source = z.object({
  /** Who said it: a person, or the publication. */
  by: z.string().min(1),
  /** The article, talk or post, as its title reads. */
  where: z.string().min(1),
  url: z.string().url().nullable(),
  date: Day,
});

const base = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The claim as quoted. */
  claim: z.string().min(1),
  source: Source,
  /** How far ferrometer's figure may be from the claim's, relative (0.1: ±10 %). */
  tolerance: z.number().min(0).max(1).default(0.1),
  inputs: z.array(z.enum(INPUTS)).min(1),
};

const SectionPeople = z.discriminatedUnion('state', [
  /** The person held the role in an earlier release and no longer does; optionally gone by a release. */
  z.object({ state: z.literal('left'), person: z.string(), role: z.enum(['M', 'R']), by: Release.optional() }),
  /** The person is the only one holding the role in the last release. */
  z.object({ state: z.literal('sole'), person: z.string(), role: z.enum(['M', 'R']) }),
  /** At least this many people hold the role in the last release. */
  z.object({ state: z.literal('atLeast'), role: z.enum(['M', 'R']), count: z.number().int().min(1) }),
]);

const Driver = z.object({ name: z.string(), paths: z.array(z.string().min(1)).min(1) });

export const Claim = z.discriminatedUnion('measure', [
  z.object({
    ...base,
    measure: z.literal('lines'),
    expect: z.object({ c: z.number().positive(), rust: z.number().positive() }),
    /** When the figures were true: the release nearest this date is read (with release dates). */
    at: Day,
    /** The releases of that time, for trees without dates. */
    releases: z.array(Release).min(1),
  }),
  z.object({
    ...base,
    measure: z.literal('first-rust-cve'),
    expect: z.object({ cve: z.string().regex(/^CVE-\d{4}-\d+$/), cSameDay: z.number().int().min(0) }),
  }),
  z.object({
    ...base,
    measure: z.literal('memory-safety-share'),
    expect: z.object({ share: z.number().min(0).max(100), also: z.array(z.number().min(0).max(100)).default([]) }),
    /** What the claim's share was computed over. */
    claimBase: z.string().min(1),
  }),
  z.object({ ...base, measure: z.literal('section-people'), section: z.string().min(1), expect: SectionPeople }),
  z.object({ ...base, measure: z.literal('maintainer-flow'), expect: z.object({ trend: z.enum(['shrinking', 'growing']) }) }),
  z.object({
    ...base,
    measure: z.literal('rust-drivers'),
    expect: z.object({
      drivers: z.array(Driver).min(1),
      /** The release that first shipped a Rust driver (under drivers/). */
      firstRelease: Release,
      /** The release current when the claim was made: an older newest tree cannot check it. */
      asOf: Release.optional(),
      /** Named drivers that live outside mainline, and the tree that would check them. */
      elsewhere: z.array(z.object({ name: z.string(), where: z.string() })).default([]),
    }),
  }),
  z.object({ ...base, measure: z.literal('toolchain'), expect: z.object({ tools: z.array(z.enum(['rustc', 'bindgen'])).min(1) }) }),
  z.object({
    ...base,
    measure: z.literal('rust-growth'),
    expect: z.object({ factor: z.number().positive(), from: Day, to: Day }),
  }),
  z.object({
    ...base,
    measure: z.literal('cves-per-day'),
    expect: z.object({ perDay: z.number().positive(), from: Day, to: Day.optional() }),
  }),
  z.object({
    ...base,
    measure: z.literal('drm-new-drivers'),
    /** New DRM drivers in this language from this date on. */
    expect: z.object({ language: z.literal('Rust'), from: Day }),
  }),
]);
export type Claim = z.infer<typeof Claim>;
export type Measure = Claim['measure'];
export type ClaimOf<M extends Measure> = Extract<Claim, { measure: M }>;

const Catalogue = z.object({ claims: z.array(Claim).min(1) }).refine((c) => new Set(c.claims.map((x) => x.id)).size === c.claims.length, {
  message: 'claim ids must be unique',
});

/** Parses a catalogue's text; a bad one is one line naming the entry and the field. */
export function parseCatalogue(text: string, label: string): Claim[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FerrometerError('EBAD_FILE', `${label}: not JSON: ${(e as Error).message}`);
  }
  const parsed = Catalogue.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FerrometerError('EBAD_FILE', `${label}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data.claims;
}

/** The catalogue shipped with ferrometer. */
export function shippedCatalogue(): Claim[] {
  return parseCatalogue(readFileSync(new URL('../../../../data/claims.json', import.meta.url), 'utf8'), 'data/claims.json');
}
