// On a real 6.12 tree, C, C Header, Rust and Assembly counts agree with cloc's (run on the same
// files in this test) within 1 %, and every Rust file agrees exactly unless its difference is one of
// cloc's documented mistakes (docs/CLOC.md). Runs when FERROMETER_KERNEL_6_12 names the tree
// (.ci/run sets it under CI=true); skipped with a message otherwise.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scanTree } from '../../src/analyze/code/scan.js';
import type { FileFacts } from '../../src/core/types.js';

const tree = process.env.FERROMETER_KERNEL_6_12;
const hasCloc = spawnSync('cloc', ['--version']).status === 0;
const skip = !tree ? 'set FERROMETER_KERNEL_6_12 to a linux 6.12 tree to run' : !hasCloc ? 'cloc is not installed' : false;

/** Subtrees compared: all the Rust, core C, a large driver subsystem, and an architecture's assembly. */
const SUBTREES = ['rust', 'kernel', 'drivers/gpu/drm', 'arch/x86'];
const CLOC_NAMES: Record<string, string> = { C: 'C', 'C/C++ Header': 'C Header', Rust: 'Rust', Assembly: 'Assembly' };

/** Rust files where cloc is wrong, each with the reason (docs/CLOC.md): our count has more code. */
const RUST_EXPLAINED: Record<string, string> = {
  'rust/macros/module.rs': 'multi-line string literals whose lines start with `//`: cloc strips them as comments',
  'rust/macros/vtable.rs': 'a multi-line string literal whose line starts with `///`: cloc strips it as a comment',
};

const PREPROCESSOR = /^[ \t]*#[ \t]*(include|define|undef|if|ifdef|ifndef|elif|else|endif|error|warning|pragma|line)\b/gm;

type Lines = { code: number; comment: number; blank: number };

describe('agreement with cloc on linux 6.12', { skip }, async () => {
  const cloc = new Map<string, Lines & { language: string }>();
  const ours: FileFacts[] = [];
  if (!skip) {
    const csv = execFileSync('cloc', ['--skip-uniqueness', '--quiet', '--by-file', '--csv', ...SUBTREES], {
      cwd: tree,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    for (const line of csv.split('\n').slice(1)) {
      const [language, path, blank, comment, code] = line.split(',');
      if (language && path && CLOC_NAMES[language])
        cloc.set(path, { language: CLOC_NAMES[language]!, blank: +blank!, comment: +comment!, code: +code! });
    }
    for (const sub of SUBTREES) {
      const r = await scanTree(join(tree!, sub));
      for (const f of r.files) ours.push({ ...f, path: `${sub}/${f.path}` });
    }
  }

  for (const language of ['C', 'C Header', 'Rust', 'Assembly']) {
    it(`${language}: code, comment and blank within 1 %`, () => {
      const a: Lines = { code: 0, comment: 0, blank: 0 };
      const b: Lines = { code: 0, comment: 0, blank: 0 };
      for (const f of ours.filter((f) => f.language === language)) {
        const c = cloc.get(f.path);
        assert.ok(c, `cloc did not count ${f.path}`);
        // cloc's Assembly filter takes every line starting with # for a comment, #include and
        // #define included; move those lines back before comparing (docs/CLOC.md).
        const moved = language === 'Assembly' ? (readFileSync(join(tree!, f.path), 'latin1').match(PREPROCESSOR) ?? []).length : 0;
        a.code += f.code;
        a.comment += f.comment;
        a.blank += f.blank;
        b.code += c.code + moved;
        b.comment += c.comment - moved;
        b.blank += c.blank;
      }
      assert.ok(b.code > 0, `no ${language} files compared`);
      for (const k of ['code', 'comment', 'blank'] as const) {
        const off = Math.abs(a[k] - b[k]) / Math.max(1, b[k]);
        assert.ok(off <= 0.01, `${language} ${k}: ours ${a[k]}, cloc ${b[k]} (${(100 * off).toFixed(2)} %)`);
      }
    });
  }

  it('every Rust file agrees exactly, or differs for a documented reason', () => {
    const rust = ours.filter((f) => f.language === 'Rust');
    assert.ok(rust.length > 50);
    for (const f of rust) {
      const c = cloc.get(f.path)!;
      const same = c.code === f.code && c.comment === f.comment && c.blank === f.blank;
      const why = RUST_EXPLAINED[f.path];
      if (why) {
        assert.ok(
          !same && f.code > c.code && f.code + f.comment === c.code + c.comment,
          `${f.path} no longer differs as documented: ${why}`,
        );
      } else {
        assert.ok(same, `${f.path}: ours ${f.code}/${f.comment}/${f.blank}, cloc ${c.code}/${c.comment}/${c.blank} (code/comment/blank)`);
      }
    }
  });
});
