// `claims`: every claim of the catalogue checked against the inputs read, each with its verdict.
// Pure: the catalogue and the inputs in, the verdicts out. A claim whose inputs are missing is
// "not checkable" with the flag that would give them; it never stops the others.
import type { Claim, ClaimOf, Measure } from './catalogue.js';
import { checkDrmNewDrivers, checkLines, checkRustDrivers, checkRustGrowth, checkToolchain } from './code-claims.js';
import { checkCvesPerDay, checkFirstRustCve, checkMemorySafetyShare } from './cve-claims.js';
import { checkMaintainerFlow, checkSectionPeople } from './people-claims.js';
import { INPUT_HINTS, missingInputs, VERDICTS, type ClaimInputs, type ClaimResult, type Finding, type Verdict } from './verdicts.js';

export interface ClaimsResult {
  /** Oldest first: what each release read is, and where it came from. */
  releases: { name: string; release: string | null; date: string | null; commit?: string; maintainers: boolean }[];
  vulns?: { path: string; commit?: string; date?: string };
  today: string;
  counts: Record<Verdict, number>;
  claims: ClaimResult[];
}

/** The check of each measure: adding a kind of claim is adding its measure here. */
const CHECKS: { [M in Measure]: (claim: ClaimOf<M>, inputs: ClaimInputs) => Finding } = {
  lines: checkLines,
  'first-rust-cve': checkFirstRustCve,
  'memory-safety-share': checkMemorySafetyShare,
  'section-people': checkSectionPeople,
  'maintainer-flow': checkMaintainerFlow,
  'rust-drivers': checkRustDrivers,
  toolchain: checkToolchain,
  'rust-growth': checkRustGrowth,
  'cves-per-day': checkCvesPerDay,
  'drm-new-drivers': checkDrmNewDrivers,
};

const check = (claim: Claim, inputs: ClaimInputs): Finding =>
  (CHECKS[claim.measure] as (c: Claim, i: ClaimInputs) => Finding)(claim, inputs);

export function checkClaims(catalogue: Claim[], inputs: ClaimInputs): ClaimsResult {
  const claims = catalogue.map((claim): ClaimResult => {
    const head = { id: claim.id, claim: claim.claim, source: claim.source, measure: claim.measure, tolerance: claim.tolerance };
    const missing = missingInputs(claim, inputs);
    if (missing.length)
      return {
        ...head,
        verdict: 'not checkable',
        figure: '—',
        explanation: missing.map((m) => `${m.why}: ${INPUT_HINTS[m.input]}`).join('; '),
        method: '',
        read: [],
        data: { missing: missing.map((m) => m.input) },
      };
    return { ...head, ...check(claim, inputs) };
  });
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, claims.filter((c) => c.verdict === v).length])) as Record<Verdict, number>;
  return {
    releases: inputs.releases.map((r) => ({
      name: r.name,
      release: r.release,
      date: r.date,
      ...(r.commit ? { commit: r.commit } : {}),
      maintainers: r.maintainers.found,
    })),
    ...(inputs.vulns
      ? { vulns: { path: inputs.vulns.path, commit: inputs.vulns.corpus.source.commit, date: inputs.vulns.corpus.source.date } }
      : {}),
    today: inputs.today,
    counts,
    claims,
  };
}
