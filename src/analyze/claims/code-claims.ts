// Claims about the code: lines of C and Rust, the Rust drivers, the toolchain, Rust's growth and
// the language of new DRM drivers. Each reads the releases' facts only.
import type { Counts } from '../../core/types.js';
import { compareVersions, releaseOrdinal } from '../../core/versions.js';
import { rustDrivers } from '../code/measures.js';
import type { ClaimOf } from './catalogue.js';
import type { ReleaseFacts } from './releases.js';
import {
  commandFor,
  grouped,
  offBy,
  releaseLabel,
  releaseRead,
  within,
  type ClaimInputs,
  type Finding,
  asDay,
  daysBetween,
} from './verdicts.js';

const physical = (c: Counts) => c.code + c.comment + c.blank;

interface Reading {
  label: string;
  value: number;
}

export function lineReadings(r: ReleaseFacts): { c: Reading[]; rust: Reading[] } {
  const { c, cHeader, rust, vendoredRust } = r.lines;
  return {
    c: [
      { label: 'code lines of .c files and headers', value: c.code + cHeader.code },
      { label: 'physical lines of .c files and headers', value: physical(c) + physical(cHeader) },
      { label: 'code lines of .c files', value: c.code },
      { label: 'physical lines of .c files', value: physical(c) },
    ],
    rust: [
      { label: 'code lines of own Rust', value: rust.code - vendoredRust.code },
      { label: 'code lines of Rust, vendored crates included', value: rust.code },
      { label: 'physical lines of own Rust', value: physical(rust) - physical(vendoredRust) },
      { label: 'physical lines of Rust, vendored crates included', value: physical(rust) },
    ],
  };
}

/** The reading nearest the claimed figure, and whether it is within the tolerance. */
function bestReading(readings: Reading[], expected: number, tolerance: number): Reading & { matches: boolean } {
  const best = readings.reduce((a, b) => (Math.abs(b.value - expected) < Math.abs(a.value - expected) ? b : a));
  return { ...best, matches: within(best.value, expected, tolerance) };
}

/** The release a dated claim speaks of: the tag nearest its date, or a tree of one of its releases, or the nearest tree. */
function releaseAt(releases: ReleaseFacts[], at: string, named: string[], dated: boolean): { release: ReleaseFacts; exact: boolean } {
  if (dated) {
    const release = releases.reduce((a, b) => (daysBetween(b.date!, at) < daysBetween(a.date!, at) ? b : a));
    return { release, exact: named.includes(release.release ?? '') || daysBetween(release.date!, at) <= 45 };
  }
  const exact = releases.find((r) => r.release && named.includes(r.release));
  if (exact) return { release: exact, exact: true };
  const target = releaseOrdinal(named[0]!);
  const distance = (r: ReleaseFacts) => (r.release ? Math.abs(releaseOrdinal(r.release) - target) : Number.POSITIVE_INFINITY);
  return { release: releases.reduce((a, b) => (distance(b) < distance(a) ? b : a)), exact: false };
}

export function checkLines(claim: ClaimOf<'lines'>, inputs: ClaimInputs): Finding {
  const { release, exact } = releaseAt(inputs.releases, asDay(claim.at), claim.releases, inputs.repository !== undefined);
  const readings = lineReadings(release);
  const c = bestReading(readings.c, claim.expect.c, claim.tolerance);
  const rust = bestReading(readings.rust, claim.expect.rust, claim.tolerance);
  const at = releaseLabel(release);
  const figure = `${at}: C ${grouped(c.value)} (${c.label}), Rust ${grouped(rust.value)} (${rust.label})`;
  const all = (rs: Reading[]) => rs.map((x) => `${x.label} ${grouped(x.value)}`).join('; ');
  const base = {
    figure,
    method: commandFor('scan', release),
    read: [releaseRead(release)],
    data: {
      release: release.name,
      version: release.release,
      c: readings.c,
      rust: readings.rust,
      matches: { c: c.matches, rust: rust.matches },
    },
  };
  const both = c.matches && rust.matches;
  const readingText = `C as ${c.label} (${offBy(c.value, claim.expect.c)}), Rust as ${rust.label} (${offBy(rust.value, claim.expect.rust)})`;
  if (exact)
    return both
      ? { ...base, verdict: 'reproduced', explanation: `at ${at}, the readings that match: ${readingText}` }
      : {
          ...base,
          verdict: 'contradicted',
          explanation: `at ${at}, no reading is within ±${claim.tolerance * 100} % of ${c.matches ? 'the Rust figure' : 'the C figure'}: the nearest are ${readingText}. C: ${all(readings.c)}. Rust: ${all(readings.rust)}`,
        };
  const when = `the claim speaks of ${claim.releases.join('/')} (${claim.at})`;
  return both
    ? {
        ...base,
        verdict: 'reproduced with nuance',
        explanation: `read at ${at}, not at the release the claim speaks of (${claim.releases.join('/')}); the readings that match: ${readingText}`,
      }
    : {
        ...base,
        verdict: 'not comparable',
        explanation: `${when}; the nearest release read is ${at} (${readingText}): give a tree of ${claim.releases.join(' or ')} with --also, or a git clone with release tags`,
      };
}

/** Own Rust files under any of the paths (a directory ends with /, else a file). */
const filesUnder = (r: ReleaseFacts, paths: string[]) =>
  r.ownRust.filter((f) => paths.some((p) => (p.endsWith('/') ? f.path.startsWith(p) : f.path === p)));

export function checkRustDrivers(claim: ClaimOf<'rust-drivers'>, inputs: ClaimInputs): Finding {
  const releases = inputs.releases;
  const last = releases.at(-1)!;
  const drivers = claim.expect.drivers.map((d) => {
    const first = releases.find((r) => filesUnder(r, d.paths).length > 0);
    const files = filesUnder(last, d.paths);
    return { name: d.name, files: files.length, code: files.reduce((n, f) => n + f.code, 0), firstIn: first ? releaseLabel(first) : null };
  });
  // The directories of the Rust files under drivers/ that no named driver covers.
  const named = new Set(
    filesUnder(
      last,
      claim.expect.drivers.flatMap((d) => d.paths),
    ).map((f) => f.path),
  );
  const unnamed = rustDrivers(last.ownRust.map((f) => f.path).filter((p) => p.startsWith('drivers/') && !named.has(p)));
  // The first release read with a Rust driver, and the release read before it.
  const firstIndex = releases.findIndex((r) => r.ownRust.some((f) => f.path.startsWith('drivers/')));
  const first = releases[firstIndex];
  const before = firstIndex > 0 ? releases[firstIndex - 1] : undefined;
  const claimed = claim.expect.firstRelease;
  let firstNote: string;
  let firstOk: boolean | null;
  if (!first?.release) {
    firstOk = null;
    firstNote = 'no release read has a Rust driver';
  } else if (first.release === claimed && before?.release && releaseOrdinal(claimed) - releaseOrdinal(before.release) === 1) {
    firstOk = true;
    firstNote = `the first release read with a Rust driver is ${first.release}`;
  } else if (compareVersions(first.release, claimed) >= 0 && (!before?.release || compareVersions(before.release, claimed) < 0)) {
    firstOk = null;
    firstNote = `the first Rust driver appears between ${before?.release ?? 'the start'} and ${first.release}, consistent with ${claimed}; a tree of each release in between would pin it`;
  } else {
    firstOk = false;
    firstNote = `the first release read with a Rust driver is ${first.release}${before?.release ? ` (none in ${before.release})` : ''}, not ${claimed}`;
  }
  const missing = drivers.filter((d) => d.files === 0).map((d) => d.name);
  const figure = `${releaseLabel(last)}: ${drivers.map((d) => `${d.name} ${d.files ? `${d.files} files` : 'absent'}`).join(', ')}; ${unnamed.length} Rust driver directories the claim does not name`;
  const elsewhere = claim.expect.elsewhere.map((e) => `${e.name}: not checkable with mainline inputs (${e.where})`);
  const base = {
    figure,
    method: `${commandFor('unsafe', last, '--by file')}; ferrometer history REPO --revs 'v6.*,v7.*' --measures rust (each driver's first release)`,
    read: releases.map(releaseRead),
    data: { release: last.name, drivers, unnamed, firstRelease: first?.release ?? null, elsewhere: claim.expect.elsewhere },
  };
  const others = `Not named: ${unnamed.join(', ') || 'none'}. ${elsewhere.join('; ')}`;
  if (claim.expect.asOf && last.release && compareVersions(last.release, claim.expect.asOf) < 0)
    return {
      ...base,
      verdict: 'not comparable',
      explanation: `the newest release read (${last.release}) is older than the claim's time (${claim.expect.asOf}): give a newer tree. ${firstNote}`,
    };
  if (missing.length || firstOk === false)
    return {
      ...base,
      verdict: 'contradicted',
      explanation: `${missing.length ? `absent from ${releaseLabel(last)}: ${missing.join(', ')}. ` : ''}${firstNote}. ${others}`,
    };
  return {
    ...base,
    verdict: firstOk && !elsewhere.length ? 'reproduced' : 'reproduced with nuance',
    explanation: `every named driver is in ${releaseLabel(last)}; ${firstNote}. ${others}`,
  };
}

export function checkToolchain(claim: ClaimOf<'toolchain'>, inputs: ClaimInputs): Finding {
  const rows = inputs.releases.map((r) => ({ release: releaseLabel(r), ...r.measures.toolchain! }));
  const last = rows.at(-1)!;
  const lastFacts = inputs.releases.at(-1)!;
  const stated = claim.expect.tools.map((t) => `${t} ≥ ${last[t] ?? 'none'}`).join(', ');
  const base = {
    figure: `${last.release}: ${stated}; ${last.architectures.length} architectures select HAVE_RUST`,
    method: commandFor('bindings', lastFacts),
    read: inputs.releases.map(releaseRead),
    data: { releases: rows },
  };
  const absent = claim.expect.tools.filter((t) => last[t] === null);
  if (absent.length)
    return {
      ...base,
      verdict: 'not comparable',
      explanation: `${last.release} states no minimum ${absent.join(' or ')} (scripts/min-tool-version.sh): it has no Rust support to compare`,
    };
  const history = rows.map((r) => `${r.release} rustc ${r.rustc ?? '-'} bindgen ${r.bindgen ?? '-'}`).join('; ');
  return {
    ...base,
    verdict: 'reproduced with nuance',
    explanation: `the build requires a minimum rustc and bindgen (scripts/min-tool-version.sh), not one specific version; newer ones are accepted. Per release: ${history}`,
  };
}

export function checkRustGrowth(claim: ClaimOf<'rust-growth'>, inputs: ClaimInputs): Finding {
  const near = (day: string) => inputs.releases.reduce((a, b) => (daysBetween(b.date!, day) < daysBetween(a.date!, day) ? b : a));
  const from = near(asDay(claim.expect.from));
  const to = near(asDay(claim.expect.to));
  const own = (r: ReleaseFacts) => r.lines.rust.code - r.lines.vendoredRust.code;
  const ownFactor = own(from) ? own(to) / own(from) : 0;
  const allFactor = from.lines.rust.code ? to.lines.rust.code / from.lines.rust.code : 0;
  const base = {
    figure: `${from.name} (${from.date}) → ${to.name} (${to.date}): own Rust ×${ownFactor.toFixed(2)} (${grouped(own(from))} → ${grouped(own(to))} code lines), vendored included ×${allFactor.toFixed(2)}`,
    method: `ferrometer history ${inputs.repository} --revs ${from.name},${to.name} --measures rust`,
    read: [from, to].map(releaseRead),
    data: {
      from: from.name,
      to: to.name,
      ownCode: [own(from), own(to)],
      rustCode: [from.lines.rust.code, to.lines.rust.code],
      ownFactor,
      allFactor,
    },
  };
  const gap = Math.max(daysBetween(from.date!, asDay(claim.expect.from)), daysBetween(to.date!, asDay(claim.expect.to)));
  if (from === to || gap > 60)
    return {
      ...base,
      verdict: 'not checkable',
      explanation: `no release tag read lies within 60 days of ${claim.expect.from} and of ${claim.expect.to}: give a clone whose tags cover that year`,
    };
  const matches = [
    within(ownFactor, claim.expect.factor, claim.tolerance) && 'own Rust',
    within(allFactor, claim.expect.factor, claim.tolerance) && 'Rust with vendored crates',
  ].filter(Boolean);
  return matches.length
    ? {
        ...base,
        verdict: 'reproduced',
        explanation: `${matches.join(' and ')} grew about ×${claim.expect.factor} between the releases nearest those dates`,
      }
    : {
        ...base,
        verdict: 'contradicted',
        explanation: `neither own Rust (×${ownFactor.toFixed(2)}) nor Rust with vendored crates (×${allFactor.toFixed(2)}) is within ±${claim.tolerance * 100} % of ×${claim.expect.factor} between ${from.name} and ${to.name}`,
      };
}

export function checkDrmNewDrivers(claim: ClaimOf<'drm-new-drivers'>, inputs: ClaimInputs): Finding {
  const rs = inputs.releases;
  const steps = rs.slice(1).map((r, i) => {
    const before = new Set(rs[i]!.drm.map((d) => d.dir));
    const added = r.drm.filter((d) => !before.has(d.dir));
    return {
      from: releaseLabel(rs[i]!),
      to: releaseLabel(r),
      date: r.date,
      rust: added.filter((d) => d.language === 'Rust').map((d) => d.dir),
      c: added.filter((d) => d.language === 'C').map((d) => d.dir),
    };
  });
  const last = rs.at(-1)!;
  const lastRust = last.drm.filter((d) => d.language === 'Rust').length;
  const base = {
    figure: `${releaseLabel(last)}: ${last.drm.length} DRM directories, ${lastRust} with Rust; new per release: ${steps.map((s) => `${s.to} +${s.c.length} C, +${s.rust.length} Rust`).join('; ') || 'one release read'}`,
    method: `ferrometer history REPO --revs 'v6.*,v7.*' --by dir:4 (directories under drivers/gpu/drm/)`,
    read: rs.map(releaseRead),
    data: { steps, drm: last.drm },
  };
  const from = asDay(claim.expect.from);
  if (inputs.today < from)
    return {
      ...base,
      verdict: 'not checkable',
      explanation: `a claim about the future: checkable from ${claim.expect.from} on; until then, a figure to watch`,
    };
  const after = steps.filter((s) => s.date !== null && s.date >= from);
  if (!after.length)
    return {
      ...base,
      verdict: 'not checkable',
      explanation: `no release read is dated after ${claim.expect.from}: ${inputs.repository ? 'give a newer clone' : 'give a git clone with release tags'}`,
    };
  const c = after.flatMap((s) => s.c);
  const rust = after.flatMap((s) => s.rust);
  if (c.length)
    return { ...base, verdict: 'contradicted', explanation: `new DRM drivers in C after ${claim.expect.from}: ${c.join(', ')}` };
  return rust.length
    ? { ...base, verdict: 'reproduced', explanation: `every new DRM driver after ${claim.expect.from} is in Rust: ${rust.join(', ')}` }
    : { ...base, verdict: 'not comparable', explanation: `no new DRM driver directory after ${claim.expect.from}` };
}
