// Every command, by the names that run it, and the module that registers it: loaded only when
// named, so that `maintainers PATCH` (run once per patch under `git send-email --cc-cmd`) does not
// pay for what `cves` or `people` need. scripts/build-cli.js reads this table to bundle each
// command on its own.
import type { Command } from 'commander';

export type Register = (program: Command) => void;
export type CommandTable = readonly (readonly [names: readonly string[], load: () => Promise<Register>])[];

export const COMMANDS: CommandTable = [
  [['scan'], async () => (await import('./scan.js')).registerScan],
  [['history'], async () => (await import('./history.js')).registerHistory],
  [['maintainers'], async () => (await import('./maintainers.js')).registerMaintainers],
  [['unsafe'], async () => (await import('./unsafe.js')).registerUnsafe],
  [['bindings', 'impact'], async () => (await import('./bindings.js')).registerBindings],
  [['cves'], async () => (await import('./cves.js')).registerCves],
  [['people'], async () => (await import('./people.js')).registerPeople],
  [['claims'], async () => (await import('./claims.js')).registerClaims],
  [['report', 'serve'], async () => (await import('./report.js')).registerReport],
];
