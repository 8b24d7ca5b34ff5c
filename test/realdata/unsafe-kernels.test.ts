// Cross-check of the unsafe audit on real trees against a count made another way: a small lexer
// that drops comments, strings and char literals and counts the `unsafe` keywords left. Every
// keyword must be a site the audit reports, or an `unsafe` function pointer type (which is no site:
// nothing unsafe happens where the type is written). Files tree-sitter could not fully parse are
// reported and left out of the comparison. Runs when FERROMETER_KERNEL_6_12 / _7_3 name the trees.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readRustTree } from '../../src/analyze/rust/rust-tree.js';
import { auditUnsafe } from '../../src/analyze/rust/unsafe.js';

/** Rust source with comments, strings and char literals blanked (not a parser: a different way to look). */
export function codeOnly(src: string): string {
  let out = '';
  let i = 0;
  // Blanked text keeps its newlines, so that lines still line up with the file's.
  const blank = (from: number, to: number, stand: string) => (out += stand + '\n'.repeat(src.slice(from, to).split('\n').length - 1));
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const from = i;
      let depth = 0;
      do {
        if (src.startsWith('/*', i)) {
          depth++;
          i += 2;
        } else if (src.startsWith('*/', i)) {
          depth--;
          i += 2;
        } else i++;
      } while (i < n && depth > 0);
      blank(from, i, ' ');
    } else if (/[rbc]/.test(c) && /^(?:b?r#*"|[bc]?r#*")/.test(src.slice(i, i + 6)) && !/\w/.test(src[i - 1] ?? ' ')) {
      const m = /^[bc]?r(#*)"/.exec(src.slice(i, i + 40))!;
      const close = '"' + m[1]!;
      const end = src.indexOf(close, i + m[0].length);
      const from = i;
      i = end === -1 ? n : end + close.length;
      blank(from, i, '""');
    } else if (c === '"') {
      const from = i++;
      while (i < n && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
      blank(from, i, '""');
    } else if (c === "'" && /^'(?:\\.[^']*|[^\\'\n])'/u.test(src.slice(i, i + 12))) {
      i = src.indexOf("'", i + (src[i + 1] === '\\' ? 3 : 2)) + 1;
      out += "' '";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const FN_POINTER = /\bunsafe\s+(?:extern\s*(?:"[^"]*"\s*)?)?fn\s*\(/g;

for (const [version, root] of [
  ['6.12', process.env.FERROMETER_KERNEL_6_12],
  ['7.3', process.env.FERROMETER_KERNEL_7_3],
] as const) {
  describe(`unsafe audit of ${version} against a token count`, {
    skip: root ? false : `set FERROMETER_KERNEL_${version.replace('.', '_')}`,
  }, () => {
    it('every unsafe keyword is a site or a function pointer type', async () => {
      const tree = await readRustTree(root!, undefined);
      let keywords = 0;
      let pointers = 0;
      let sites = 0;
      const mismatches: string[] = [];
      for (const f of tree.files) {
        if (f.facts.parseErrors > 0) continue;
        const lines = codeOnly(readFileSync(`${root}/${f.path}`, 'utf8')).split('\n');
        const sitesOn = new Map<number, { all: number; macro: number }>();
        for (const s of f.facts.sites) {
          const at = sitesOn.get(s.line) ?? { all: 0, macro: 0 };
          at.all++;
          if (s.kind === 'macro') at.macro++;
          sitesOn.set(s.line, at);
        }
        lines.forEach((line, i) => {
          // `$unsafe` is a macro metavariable named so, not the keyword.
          const k = line.match(/(?<!\$)\bunsafe\b/g)?.length ?? 0;
          const on = sitesOn.get(i + 1) ?? { all: 0, macro: 0 };
          // Inside a macro every unsafe token is a site, function pointer types included.
          const p = on.macro ? 0 : (line.match(FN_POINTER)?.length ?? 0);
          keywords += k;
          pointers += p;
          sites += on.all;
          if (k !== on.all + p) mismatches.push(`${f.path}:${i + 1}: ${k} keywords, ${on.all} sites, ${p} fn pointer types`);
        });
      }
      const r = auditUnsafe(tree, { kind: 'dir', depth: 1 });
      console.log(
        `${version}: ${keywords} unsafe keywords = ${sites} sites + ${pointers} fn pointer types; own blocks ${r.summary.unsafeBlocks} (${r.summary.documentedUnsafeBlocks} with SAFETY), undocumented where the lint applies ${r.undocumentedUnsafeBlocks}`,
      );
      assert.deepEqual(mismatches, []);
      assert.equal(keywords, sites + pointers);
    });
  });
}
