// Every fixture under test/fixtures/extract/languages states its own counts, worked out by hand.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LineExtractor } from '../../src/extract/file-facts.js';
import { fixtureDir, statedCounts } from '../helpers/fixtures.js';

const dir = fixtureDir('extract', 'languages');
const extractor = new LineExtractor();

describe('fixtures count as they state', () => {
  const names = readdirSync(dir).sort();
  it('has a fixture per kernel language family', () => assert.ok(names.length >= 8));
  for (const name of names) {
    it(name, () => {
      const bytes = readFileSync(join(dir, name));
      const expected = statedCounts(bytes.toString('utf8'));
      assert.ok(expected, `${name} states no counts`);
      const got = extractor.extract(name, bytes);
      assert.equal(got.status, 'counted', `${name} not recognised`);
      assert.deepEqual({ code: got.code, comment: got.comment, blank: got.blank }, expected);
    });
  }
});

describe('language detection', () => {
  const cases: [string, string | undefined][] = [
    ['drivers/android/binder/node.rs', 'Rust'],
    ['kernel/sched/fair.c', 'C'],
    ['include/linux/sched.h', 'C Header'],
    ['arch/x86/kernel/head_64.S', 'Assembly'],
    ['arch/x86/kernel/vmlinux.lds.S', 'Linker Script'],
    ['arch/arm64/boot/dts/foo.dtsi', 'Device Tree'],
    ['drivers/Kconfig', 'Kconfig'],
    ['lib/Kconfig.debug', 'Kconfig'],
    ['scripts/Makefile.build', 'Makefile'],
    ['fs/ext4/Kbuild', 'Makefile'],
    ['scripts/coccinelle/api/foo.cocci', 'Coccinelle'],
    ['Documentation/index.rst', 'reStructuredText'],
    ['scripts/checkpatch.pl', 'Perl'],
    ['foo.png', undefined],
    ['README', undefined],
  ];
  for (const [path, lang] of cases) {
    it(`${path} → ${lang ?? 'unrecognised'}`, () => assert.equal(extractor.languageByName(path), lang));
  }
  it('reads interpreters from shebangs, through env and version suffixes', () => {
    const sb = (s: string) => extractor.detector.byShebang(Buffer.from(s));
    assert.equal(sb('#!/bin/sh\n'), 'Shell');
    assert.equal(sb('#!/usr/bin/env python3\n'), 'Python');
    assert.equal(sb('#!/usr/bin/env -S python3.11 -u\n'), 'Python');
    assert.equal(sb('#!/usr/bin/perl -w\n'), 'Perl');
    assert.equal(sb('#!/usr/bin/awk -f\n'), 'awk');
    assert.equal(sb('no shebang\n'), undefined);
  });
});
