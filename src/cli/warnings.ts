import type { ScanWarning } from '../core/types.js';

const SHOWN = 20;

/** Warnings go to stderr, a bounded number of them, so a broken tree cannot flood the terminal. */
export function printWarnings(warnings: ScanWarning[]): void {
  for (const w of warnings.slice(0, SHOWN)) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
  if (warnings.length > SHOWN) process.stderr.write(`warning: … and ${warnings.length - SHOWN} more (see "warnings" in --format json)\n`);
}
