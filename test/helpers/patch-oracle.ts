// Patches answered by a tree's own scripts/get_maintainer.pl (the oracle) and by ferrometer, side
// by side: real commits of a repository rendered by git format-patch, or patches made from the
// differences between two unpacked kernel trees. Shared by the real-data test and bench/maintainers.js.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMaintainers } from '../../src/kernel/maintainers.js';
import { answerPatches } from '../../src/kernel/get-maintainer.js';
import { readPatch } from '../../src/kernel/patch.js';
import { renderGetMaintainer } from '../../src/report/maintainers.js';
import { diskTree } from '../../src/source/kernel-tree.js';

/** `n` commits spread over the last `span` non-merge commits of a repository, each as a format-patch file. */
export function commitPatches(gitDir: string, n: number, span = 4000): string[] {
  const commits = execFileSync('git', ['--git-dir', gitDir, 'log', '--no-merges', '--format=%H', '-n', String(span), 'HEAD'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  const step = Math.max(1, Math.floor(commits.length / n));
  const dir = mkdtempSync(join(tmpdir(), 'ferrometer-patches-'));
  return commits
    .filter((_, i) => i % step === 0)
    .slice(0, n)
    .map((c, i) => {
      const path = join(dir, `${String(i).padStart(4, '0')}.patch`);
      writeFileSync(path, execFileSync('git', ['--git-dir', gitDir, 'format-patch', '-1', '--stdout', c], { maxBuffer: 1 << 28 }));
      return path;
    });
}

/**
 * Patches from the differences between two trees: `files` paths changed between them, `perPatch`
 * to a patch, each with a mail header and a message (so K patterns see a subject too).
 */
export function treePatches(oldTree: string, newTree: string, files: string[], perPatch = 2): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ferrometer-tree-patches-'));
  const out: string[] = [];
  for (let i = 0; i < files.length; i += perPatch) {
    const group = files.slice(i, i + perPatch);
    let text = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: Some One <some.one@example.org>\nSubject: [PATCH] ${group[0]}: update\n\nUpdate ${group.join(', ')} to the newer release.\n\nSigned-off-by: Some One <some.one@example.org>\n---\n`;
    for (const f of group) {
      let diff = '';
      try {
        execFileSync('diff', ['-u', '--label', `a/${f}`, '--label', `b/${f}`, join(oldTree, f), join(newTree, f)], { maxBuffer: 1 << 28 });
      } catch (e) {
        diff = String((e as { stdout?: Buffer }).stdout ?? '');
      }
      text += `diff --git a/${f} b/${f}\n${diff}`;
    }
    const path = join(dir, `${String(i).padStart(4, '0')}.patch`);
    writeFileSync(path, text);
    out.push(path);
  }
  return out;
}

/** Files of both trees whose contents differ, evenly spread, Rust files among them. */
export function changedFiles(oldTree: string, newTree: string, candidates: string[], n: number): string[] {
  const differ = candidates.filter((f) => {
    try {
      return !readFileSync(join(oldTree, f)).equals(readFileSync(join(newTree, f)));
    } catch {
      return false;
    }
  });
  const step = Math.max(1, differ.length / n);
  return Array.from({ length: Math.min(n, differ.length) }, (_, i) => differ[Math.floor(i * step)]!);
}

export function scriptAnswer(tree: string, patch: string, args: string[] = [], seed = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('perl', ['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', ...args, patch], {
      cwd: tree,
      env: { ...process.env, PERL_HASH_SEED: String(seed) },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`get_maintainer.pl ${patch}: ${err.trim()}`))));
  });
}

export interface PatchComparison {
  patches: number;
  identical: number;
  /** The same lines in another order: sections that tie in depth come in Perl's hash order in the script. */
  sameSet: number;
  /**
   * As the script answers under other hash seeds: which of two tied sections names a person or a
   * list is Perl's hash order, each tie on its own, so each of our lines is one the script gives
   * under some seed, for the same people.
   */
  otherSeed: number;
  disagreements: { patch: string; ours: string; theirs: string }[];
}

/**
 * A patch with many tied sections has more hash orders than seeds tried (u-boot's tree-wide patches
 * name ~100 board maintainers): the same people, and each of our lines one that some seed gives.
 */
function lineBySeeds(ours: string, answers: string[]): boolean {
  const person = (line: string) => line.slice(0, Math.max(0, line.lastIndexOf(' (')));
  const people = (text: string) => text.split('\n').map(person).sort().join('\n');
  const given = new Set(answers.flatMap((a) => a.split('\n')));
  return people(ours) === people(answers[0]!) && ours.split('\n').every((line) => given.has(line));
}

/** Our answers (--no-fixes: the script takes tied signers in hash order) against the script's, run two at a time. */
export async function comparePatches(tree: string, patches: string[], args: string[] = []): Promise<PatchComparison> {
  const m = loadMaintainers(diskTree(tree));
  const result: PatchComparison = { patches: patches.length, identical: 0, sameSet: 0, otherSeed: 0, disagreements: [] };
  let next = 0;
  const worker = async () => {
    while (next < patches.length) {
      const patch = patches[next++]!;
      const theirs = await scriptAnswer(tree, patch, ['--no-fixes', ...args]);
      const answer = answerPatches(m, [readPatch(readFileSync(patch, 'utf8'))], { readFile: (p) => m.tree.read(p) });
      const ours = renderGetMaintainer(answer, m.file, 'table');
      const lines = (s: string) => s.split('\n').sort().join('\n');
      if (ours === theirs) result.identical++;
      else if (lines(ours) === lines(theirs)) result.sameSet++;
      else {
        const answers = [theirs];
        for (let seed = 1; seed <= 12 && lines(answers.at(-1)!) !== lines(ours); seed++)
          answers.push(await scriptAnswer(tree, patch, ['--no-fixes', ...args], seed));
        if (lines(answers.at(-1)!) === lines(ours) || lineBySeeds(ours, answers)) result.otherSeed++;
        else result.disagreements.push({ patch, ours, theirs });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return result;
}
