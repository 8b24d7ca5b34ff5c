// Kernel release numbers are not decimals: 6.10 comes after 6.9, and parseFloat("6.10") is 6.1.

/** The numeric parts of "v6.10", "6.10.3" or "7.0-rc2" (the -rc part left aside). */
function parts(version: string): number[] {
  return version
    .replace(/^v/, '')
    .replace(/-.*$/, '')
    .split('.')
    .map((p) => Number.parseInt(p, 10))
    .map((n) => (Number.isNaN(n) ? 0 : n));
}

/** Orders kernel versions or release tags: 6.9 < 6.10 < 7.0. */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** "6.14" of a tag or version ("v6.14", "6.14.3"); null when it names no MAJOR.MINOR release. */
export function releaseOf(version: string): string | null {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return m ? `${m[1]}.${m[2]}` : null;
}

/** The release a kernel Makefile builds ("7.3"), from its VERSION and PATCHLEVEL; null when it has none. */
export function makefileRelease(text: string | undefined): string | null {
  if (!text) return null;
  const field = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\d+)\\s*$`, 'm').exec(text.slice(0, 4096))?.[1];
  const version = field('VERSION');
  const patchlevel = field('PATCHLEVEL');
  return version !== undefined && patchlevel !== undefined ? `${version}.${patchlevel}` : null;
}

/** A release's place in the sequence, for distances between releases: 7.0 comes right after 6.19. */
export function releaseOrdinal(release: string): number {
  const [major = 0, minor = 0] = release
    .replace(/^v/, '')
    .split('.')
    .map((p) => Number.parseInt(p, 10) || 0);
  return major * 20 + minor;
}
