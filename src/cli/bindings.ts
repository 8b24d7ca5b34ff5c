// `ferrometer bindings TREE` (the C↔Rust binding surface and toolchain readiness) and
// `ferrometer impact NAME TREE` (the Rust a change to a C symbol or header reaches, and whom to Cc).
import { writeResult } from './output.js';
import type { Command } from 'commander';
import { auditBindings, bindingSites, impactOf } from '../analyze/rust/bindings.js';
import { FerrometerError } from '../core/errors.js';
import { getMaintainer } from '../kernel/get-maintainer.js';
import { renderBindings, renderImpact } from '../report/bindings.js';
import type { Format } from '../report/format.js';
import { parseFormat } from './options.js';
import { addSourceOptions, readRustSource, type SourceFlags, rustProvenance } from './source.js';
import { subsystems } from './subsystems.js';

interface GlueFlags extends SourceFlags {
  rev?: string;
  format: Format;
}

function glueCommand(cmd: Command): Command {
  return addSourceOptions(
    cmd
      .option('--rev <revision>', 'read this revision from the git repository at <tree>, without a checkout')
      .option('--format <format>', 'table | json | csv | md', parseFormat, 'table' as Format),
  );
}

export function registerBindings(program: Command): void {
  glueCommand(
    program
      .command('bindings')
      .description('the C↔Rust binding surface: bindgen headers, rust/helpers, bindings:: uses per file and subsystem; toolchain readiness')
      .argument('<tree>', 'root directory of a kernel tree, or of a git repository with --rev'),
  ).action(async (tree: string, flags: GlueFlags) => {
    const rust = await readRustSource(tree, flags.rev, flags);
    writeResult(
      renderBindings(auditBindings(rust, subsystems(tree, flags.rev, true).subsystemOf), flags.format, rustProvenance(tree, rust)),
      flags.format,
    );
  });

  glueCommand(
    program
      .command('impact')
      .description(
        'every Rust site a change to a C function, type, constant or header reaches (directly or through a helper), and whom to Cc',
      )
      .argument('<name>', 'a C symbol (kmalloc, struct name, constant) or a header path (include/linux/refcount.h)')
      .argument('<tree>', 'root directory of a kernel tree, or of a git repository with --rev'),
  ).action(async (given: string, tree: string, flags: GlueFlags) => {
    const name = cSymbol(given);
    const header = name.includes('/') || name.endsWith('.h') ? name.replace(/^\.\//, '') : undefined;
    const rust = await readRustSource(tree, flags.rev, flags, header ? (p) => p === header : undefined);
    const headerText = header === undefined ? undefined : rust.support.get(header);
    if (header !== undefined && headerText === undefined) {
      throw new FerrometerError(
        'ENOTFOUND_PATH',
        `no such header in ${rust.label}: ${header}`,
        'give a path relative to the tree, e.g. include/linux/refcount.h',
      );
    }
    const subs = subsystems(tree, flags.rev, true);
    const result = impactOf(rust, name, headerText, subs.subsystemOf);
    const cc =
      subs.maintainers && result.files.length
        ? getMaintainer(
            subs.maintainers.index,
            subs.maintainers.mailmap,
            result.files.map((f) => f.path),
          ).recipients
        : undefined;
    writeResult(renderImpact(result, cc, flags.format, rustProvenance(tree, rust)), flags.format);
    if (!result.sites.length && !rust.files.some((f) => bindingSites(f).length))
      process.stderr.write(`ferrometer: ${rust.label} has no Rust that uses bindings::\n`);
  });
}

/**
 * What impact looks for: a header path, or a C identifier, also in its C spelling ("struct device",
 * "enum x", "union y": bindgen names the Rust type after the tag alone). Anything else is refused.
 */
export function cSymbol(given: string): string {
  const text = given.trim();
  if (text.includes('/') || text.endsWith('.h')) return text;
  const m = /^(?:(?:struct|union|enum)\s+)?([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
  if (!m)
    throw new FerrometerError(
      'EBAD_OPTION',
      `not a C identifier or a header: "${given}"`,
      'e.g. refcount_inc, struct device, include/linux/refcount.h',
    );
  return m[1]!;
}
