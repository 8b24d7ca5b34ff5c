// `maintainers TREE PATCH…`: the patches read (files, or '-' for stdin), answered as
// get_maintainer.pl answers for patches, with what it could not use said on stderr.
import { readFileSync } from 'node:fs';
import { FerrometerError } from '../core/errors.js';
import { sizeText } from '../core/sizes.js';
import type { TreeMaintainers } from '../kernel/maintainers.js';
import { answerPatches, type GetMaintainerAnswer } from '../kernel/get-maintainer.js';
import { readPatch, sortAndUniq, type PatchReading } from '../kernel/patch.js';
import { fixesSigners } from '../kernel/fixes.js';
import type { KernelTree } from '../source/kernel-tree.js';
import { commitMessage, repoAt } from '../source/git.js';
import { readRegularFile } from '../source/read-file.js';
import { printWarnings } from './warnings.js';

/** Larger patches are refused in one line: the script would take minutes on them too. */
const MAX_PATCH = 256 * 1024 * 1024;

function readPatchText(arg: string): string {
  if (arg !== '-') {
    const bytes = readRegularFile(arg, arg, MAX_PATCH);
    if (!bytes) throw new FerrometerError('ENOTFOUND_PATH', `patch not found: ${arg}`);
    return bytes.toString('utf8');
  }
  const bytes = readFileSync(0);
  if (bytes.length > MAX_PATCH)
    throw new FerrometerError('EBAD_FILE', `stdin holds ${sizeText(bytes.length)}, over the ${sizeText(MAX_PATCH)} a patch may have`);
  return bytes.toString('utf8');
}

export interface PatchOptions {
  maintainers: boolean;
  reviewers: boolean;
  /** Add the signers of the commits Fixes: lines name (needs the tree to be a git repository). */
  fixes: boolean;
  rolestats: boolean;
  /** The tree as given: a directory, or the repository a revision is read from. */
  label: string;
}

export function answerPatchFiles(
  tree: KernelTree,
  m: TreeMaintainers,
  args: string[],
  options: PatchOptions,
): { answer: GetMaintainerAnswer; patches: PatchReading[] } {
  const patches = args.map((arg) => {
    const patch = readPatch(readPatchText(arg));
    if (!patch.files.length)
      throw new FerrometerError(
        'EBAD_PATCH',
        `${arg === '-' ? 'stdin' : arg} is not a patch: no diff headers`,
        'give a patch (git format-patch, diff -u), or -f FILE…',
      );
    return patch;
  });
  // Paths neither in the tree nor created by a patch: answered by their patterns, as the script does, and named.
  const created = new Set(patches.flatMap((p) => p.created));
  const missing = sortAndUniq(patches.flatMap((p) => p.files)).filter(
    (f) => f !== 'dev/null' && !created.has(f) && tree.read(f) === undefined && !tree.isDirectory(f),
  );
  if (missing.length)
    printWarnings(
      missing.map((path) => ({ path, message: `not in ${options.label}: answered by MAINTAINERS patterns alone (is it the right tree?)` })),
    );
  const fixes = [...new Set(patches.flatMap((p) => p.fixes))];
  const answer = answerPatches(m, patches, {
    readFile: (p) => tree.read(p),
    maintainers: options.maintainers,
    reviewers: options.reviewers,
    rolestats: options.rolestats,
    fixes: options.fixes ? fixesSignersOf(fixes, options.label) : undefined,
  });
  return { answer, patches };
}

/** The signers of each commit Fixes: lines name, when the tree is a git repository; said once when it is not. */
function fixesSignersOf(commits: string[], label: string): string[][] | undefined {
  if (!commits.length) return undefined;
  const repo = repoAt(label);
  if (!repo) {
    printWarnings([
      { path: label, message: `not a git repository: the signers of the commits Fixes: names (${commits.join(', ')}) are left out` },
    ]);
    return undefined;
  }
  return commits.map((c) => {
    const message = commitMessage(repo, c);
    if (message === undefined) printWarnings([{ path: label, message: `Fixes: ${c} is no commit of this repository: left out` }]);
    return message === undefined ? [] : fixesSigners(message);
  });
}
