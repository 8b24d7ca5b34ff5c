// The claims catalogue (data/claims.json): one entry per claim the press repeats, with who said it,
// where and when, the measure that checks it, the figures it states and the inputs it needs.
// Validated on load; adding a claim is adding an entry (and, for a new kind of figure, a measure).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FerrometerError } from '../../core/errors.js';
import { packageFile } from '../../core/shipped-files.js';

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
  return parseCatalogue(readFileSync(packageFile('data/claims.json'), 'utf8'), 'data/claims.json');
}

/** How each measure checks a claim, in a sentence (docs/CLAIMS.md). */
export const MEASURE_DESCRIPTIONS: Record<Measure, string> = {
  lines:
    'At the release nearest the claim date (a clone) or the tree of the release named (else the nearest tree), C is read four ways (code or physical lines; .c files with or without headers) and Rust four ways (code or physical; own or with vendored crates), as `scan` counts them; the verdict names the readings within the tolerance. Another release than the one named gives at best "reproduced with nuance", and "not comparable" when no reading matches.',
  'first-rust-cve':
    "The CVE's record must exist, touch Rust, and have no Rust CVE published before it; that day's CVEs are counted by language as `cves --on DAY` counts them, with the records published that day and later rejected. The SAFETY comment is read from the code the record quotes and, with a tree that has the file, from the tree; a SAFETY comment documents an argument, not soundness.",
  'memory-safety-share':
    'The share of the kernel CNA\'s records whose class is one safe Rust rules out (docs/CVES.md), overall and per year. The claim\'s base is another: within the tolerance gives "reproduced with nuance", else "not comparable" — never a bare "contradicted".',
  'section-people':
    "The section's M: and R: lines in each release read (MAINTAINERS, people matched by name): who left and between which releases (pinned only by consecutive releases), the sole holder of a role, or how many hold it.",
  'maintainer-flow':
    'Arrivals against departures among the M:/R: people of the Rust sections (named RUST) between consecutive releases, with every section holding Rust beside it; with a clone, first-time and gone-quiet Rust authors per release interval (`people --rust`).',
  'rust-drivers':
    'Each named driver must have own Rust files in the newest release read; the first release with Rust under drivers/ is pinned only by consecutive releases; the Rust driver directories the claim does not name are listed, and drivers outside mainline are named as not checkable with mainline inputs.',
  toolchain:
    'The minimum rustc and bindgen scripts/min-tool-version.sh states per release (the unconditional one), and the architectures whose Kconfig selects HAVE_RUST, as `bindings` prints them.',
  'rust-growth':
    'Own Rust code lines, and Rust with vendored crates, at the release tags nearest the two dates (each within 60 days); the factor between them. Needs release dates: a git clone with tags.',
  'cves-per-day':
    "Records first published in the period (published now, or published then rejected), per day, from the vulns clone history; the period ends at the date given or at the clone's last commit.",
  'drm-new-drivers':
    'Directories right under drivers/gpu/drm/ holding code, per release, by language (Rust when one of their own .rs files does); new ones are those absent from the previous release read. "Not checkable" until the date the claim looks to, then judged on the releases dated after it.',
};
