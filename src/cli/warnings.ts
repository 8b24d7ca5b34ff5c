import type { ScanWarning } from '../core/types.js';
import { visible } from '../report/visible.js';
import type { TreeMaintainers } from '../kernel/maintainers.js';

const SHOWN = 20;

/** Warnings go to stderr, a bounded number of them, so a broken tree cannot flood the terminal. */
export function printWarnings(warnings: ScanWarning[], rest = ' (see "warnings" in --format json)'): void {
  for (const w of warnings.slice(0, SHOWN)) process.stderr.write(`warning: ${visible(w.path)}: ${visible(w.message)}\n`);
  if (warnings.length > SHOWN) process.stderr.write(`warning: … and ${warnings.length - SHOWN} more${rest}\n`);
}

/** What in MAINTAINERS did not read as expected, by line: every command that reads the file says so. */
export function printMaintainersWarnings(m: TreeMaintainers): void {
  printWarnings(
    m.warnings.map((w) => ({ path: `${w.file ?? 'MAINTAINERS'}:${w.line}`, message: w.message })),
    '',
  );
}
