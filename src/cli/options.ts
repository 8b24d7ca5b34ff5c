// Parsers for option values shared by commands; a bad value is a typed error (exit 2).
import { InvalidArgumentError } from 'commander';
import { parseGrouping, type Grouping } from '../analyze/code/rollup.js';
import { FORMATS, type Format } from '../report/format.js';

/** A parser for an option that takes one of a few words. */
export function parseChoice<T extends string>(choices: readonly T[]): (v: string) => T {
  return (v) => {
    if ((choices as readonly string[]).includes(v)) return v as T;
    throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
  };
}

export const parseFormat: (v: string) => Format = parseChoice(FORMATS);

export function parseBy(v: string): Grouping {
  const g = parseGrouping(v);
  if (!g) throw new InvalidArgumentError('expected language, file, dir or dir:DEPTH (DEPTH ≥ 1)');
  return g;
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** "64M", "500k", "1048576" → bytes. */
export function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 1048576, 512K, 64M or 1G');
  return Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
}

export function parseJobs(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return n;
}

/** A whole number ≥ 1 (rows of a table, intervals). */
export function parsePositive(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

/** A day, month or year: YYYY[-MM[-DD]], as given. */
export function parseDay(v: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  const date = m && new Date(`${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T00:00:00Z`);
  if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, v.length) !== v)
    throw new InvalidArgumentError('expected a date: YYYY, YYYY-MM or YYYY-MM-DD');
  return v;
}

/** A date to project to: YYYY[-MM[-DD]], its first day where the day or month is left out. */
export function parseTargetDate(v: string): string {
  const day = parseDay(v);
  return day.length === 4 ? `${day}-01-01` : day.length === 7 ? `${day}-01` : day;
}
