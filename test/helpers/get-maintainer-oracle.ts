// Runs a tree's own scripts/get_maintainer.pl (the oracle) on sampled files and compares its
// answers with ours. Shared by the real-data test (a small sample under CI=true) and
// bench/get-maintainer-oracle.js (thousands of files).
import { spawn } from 'node:child_process';
import { getMaintainer } from '../../src/kernel/get-maintainer.js';
import type { SectionMatch } from '../../src/kernel/maintainers-index.js';
import { loadMaintainers } from '../../src/kernel/maintainers.js';
import { renderGetMaintainer } from '../../src/report/maintainers.js';
import { diskTree } from '../../src/source/kernel-tree.js';

/** Every .rs file (up to rustLimit) plus evenly spaced other files, n in all, sorted. */
export function sampleFiles(files: string[], n: number, rustLimit = Infinity): string[] {
  const sorted = [...files].filter((f) => !f.startsWith('.git/')).sort();
  const rust = sorted.filter((f) => f.endsWith('.rs'));
  const rustStep = Math.max(1, rust.length / rustLimit);
  const pickedRust = rust.filter((_, i) => i % rustStep < 1);
  const others = sorted.filter((f) => !f.endsWith('.rs'));
  const want = Math.max(0, n - pickedRust.length);
  const step = others.length / Math.max(1, want);
  const picked = Array.from({ length: Math.min(want, others.length) }, (_, i) => others[Math.floor(i * step)]!);
  return [...pickedRust, ...picked].sort();
}

function runScript(tree: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('perl', ['scripts/get_maintainer.pl', '--no-git', '--no-git-fallback', '-f', file], {
      cwd: tree,
      env: { ...process.env, PERL_HASH_SEED: '0' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`get_maintainer.pl -f ${file}: ${err.trim()}`))));
  });
}

export async function oracleAnswers(tree: string, files: string[], jobs = 2): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      answers.set(file, await runScript(tree, file));
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return answers;
}

export interface Disagreement {
  file: string;
  ours: string;
  theirs: string;
}

export interface OracleComparison {
  files: number;
  identical: number;
  /** Equal once sections that tie in depth are taken in another order (the script's is Perl's hash order). */
  sameSetTied: number;
  disagreements: Disagreement[];
}

export function compareWithOracle(tree: string, files: string[], theirs: Map<string, string>): OracleComparison {
  const m = loadMaintainers(diskTree(tree));
  const result: OracleComparison = { files: files.length, identical: 0, sameSetTied: 0, disagreements: [] };
  for (const file of files) {
    const text = (reorder?: (path: string, sections: SectionMatch[]) => SectionMatch[]) => {
      const answer = getMaintainer(m.index, m.mailmap, [file], { readFile: (p) => m.tree.read(p), reorder });
      return { answer, text: renderGetMaintainer(answer, m.file, 'table') };
    };
    const ours = text();
    const their = theirs.get(file)!;
    if (ours.text === their) result.identical++;
    else if (tieOrders(ours.answer.files[0]!.sections).some((order) => text(() => order).text === their)) result.sameSetTied++;
    else result.disagreements.push({ file, ours: ours.text, theirs: their });
  }
  return result;
}

/** Every order of the sections that keeps deeper ones first (ties permuted), up to a bound. */
function tieOrders(sections: SectionMatch[], bound = 5040): SectionMatch[][] {
  const groups: SectionMatch[][] = [];
  for (const s of sections) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.depth === s.depth) last.push(s);
    else groups.push([s]);
  }
  let orders: SectionMatch[][] = [[]];
  for (const g of groups) {
    orders = orders.flatMap((prefix) => permutations(g).map((p) => [...prefix, ...p]));
    if (orders.length > bound) return orders.slice(0, bound);
  }
  return orders;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}
