// The fast readings of MAINTAINERS and .mailmap (a table of offsets, patterns compiled when a path
// could meet them, .mailmap lines read per address) against plain readings that do everything at
// once: the same sections, fields, warnings, matches and names, on hostile text as on real text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  decodeParse,
  encodeParse,
  FIELD_LETTERS,
  parseMaintainers,
  wideUnits,
  type MaintainersFile,
} from '../../src/kernel/maintainers-file.js';
import { MaintainersIndex, NEWEST_DIALECT, searchAids } from '../../src/kernel/maintainers-index.js';
import { Mailmap } from '../../src/kernel/mailmap.js';
import { loadMaintainers } from '../../src/kernel/maintainers.js';
import { diskTree } from '../../src/source/kernel-tree.js';

/** get_maintainer.pl's reading said plainly: split into lines, each tested against the field regex. */
function plainReading(text: string) {
  const sections: { name: string; line: number; fields: { letter: string; value: string; line: number; position: number }[] }[] = [];
  const warnings: number[] = [];
  let header: { name: string; line: number } | undefined;
  let current: (typeof sections)[number] | undefined;
  let lastWasField = false;
  let position = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const field = /^([A-Z]):\s*(.*)/.exec(t);
    if (field) {
      if (!(field[1]! in FIELD_LETTERS)) warnings.push(line);
      if (!current) {
        if (!header) warnings.push(line);
        current = { name: header?.name ?? t, line: header?.line ?? line, fields: [] };
        sections.push(current);
      }
      current.fields.push({ letter: field[1]!, value: field[2]!, line, position: position++ });
      lastWasField = true;
      return;
    }
    if (/^\s*$/.test(t)) {
      lastWasField = false;
      return;
    }
    if (/^\s*#/.test(t)) return;
    if (/^([a-z]\s*|[A-Z]\s+):/.test(t) || (lastWasField && /^([A-Z]):\s*(.*)/.test(lines[i + 1] ?? ''))) warnings.push(line);
    header = { name: t, line };
    position++;
    current = undefined;
    lastWasField = false;
  });
  if (!sections.length) warnings.push(1);
  return { sections, warnings };
}

function read(file: MaintainersFile) {
  return {
    sections: file.sections.map((s) => ({ name: s.name, line: s.line, fields: s.fields })),
    warnings: file.warnings.map((w) => w.line),
  };
}

/** A deterministic stream of numbers (a linear congruential generator), so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

// Lines a MAINTAINERS file holds, and lines it should not: CRs, Unicode spaces and line breaks,
// unknown letters, lower-case "fields", names in the middle of a section, empty values.
const PIECES = [
  'F:\tdrivers/x/',
  'M:\tA Person <a@example.org>',
  'SECTION NAME',
  '',
  ' ',
  '\t',
  '# a comment',
  '  # an indented comment',
  'f: not a field',
  'F :not a field either',
  'F:',
  'F:\t\u00a0value after a no-break space',
  'F:\v\fvalue after odd spaces',
  'Z:\tunknown letter',
  'X:\tvalue\r',
  'N:\tbefore\u2028after',
  'K:\tbefore\rafter',
  'F:no space',
  '\u00e9t\u00e9 (a name)',
  'F:\t\u00dfstarts beyond ASCII',
  '\r',
  'NAME\r',
  'M:  two  spaces  ',
  'F:\t*',
  'F:\tdrivers/x/*.c',
];

/** count texts of up to 13 pieces, each ended by LF, CRLF or nothing, from the seed's stream. */
function* hostileTexts(seed: number, count: number): Generator<string> {
  const next = random(seed);
  for (let t = 0; t < count; t++) {
    let text = '';
    for (let i = next(14); i > 0; i--) text += PIECES[next(PIECES.length)] + (next(5) ? '\n' : next(2) ? '\r\n' : '');
    yield text;
  }
}

describe('MAINTAINERS read into a table', () => {
  it('gives the sections, fields (value, line, position) and warnings of a plain line-by-line reading, on 20,000 hostile files', () => {
    for (const text of hostileTexts(1, 20_000)) assert.deepEqual(read(parseMaintainers(text)), plainReading(text), JSON.stringify(text));
  });

  it('gives the same on the kernel trees at hand (FERROMETER_KERNEL_7_3)', {
    skip: !process.env.FERROMETER_KERNEL_7_3 && 'set FERROMETER_KERNEL_7_3',
  }, () => {
    const text = diskTree(process.env.FERROMETER_KERNEL_7_3!).read('MAINTAINERS')!;
    const file = parseMaintainers(text);
    assert.ok(file.sections.length > 3000);
    assert.deepEqual(read(file), plainReading(text));
  });
});

/**
 * The parse as saved and read back (with the index's search aids, as maintainers.ts saves it):
 * given the text, or given the file's bytes (the text then decoded a value at a time).
 */
function savedAndRead(text: string, from: 'text' | 'bytes' = 'text'): MaintainersFile {
  const file = parseMaintainers(text);
  file.table.aids = searchAids(file.table);
  const bytes = Buffer.from(text);
  const back = decodeParse(from === 'text' ? { text } : { bytes }, encodeParse(file, bytes));
  assert.ok(back, JSON.stringify(text));
  return back;
}

describe('a parse saved and read back', () => {
  it('is the parse (sections, fields, warnings, odd values, aids) on 2,000 hostile files', () => {
    for (const text of hostileTexts(2, 2_000)) {
      const file = parseMaintainers(text);
      const back = savedAndRead(text);
      assert.deepEqual(read(back), read(file), JSON.stringify(text));
      assert.deepEqual(back.warnings, file.warnings);
      assert.deepEqual(back.table.oddFields(), file.table.oddFields());
      assert.deepEqual(back.table.aids, searchAids(file.table));
    }
  });

  it('is the parse when read back from the bytes, each value decoded alone (2,000 hostile files)', () => {
    // Names in three scripts and a character outside the BMP, so that values lie after every width of UTF-8.
    const wide = ['Jürgen Groß', 'Тимофей', '王小明', '𝔊𝔯𝔢𝔤', '\u0085'];
    for (const [n, hostile] of [...hostileTexts(3, 2_000)].entries()) {
      const text = `${wide[n % wide.length]}\nM:\t${wide[(n + 1) % wide.length]} <a@b.org>\n\n${hostile}`;
      // What a reader of the file's bytes sees (a lone surrogate is written as U+FFFD).
      const decoded = Buffer.from(text).toString('utf8');
      const back = savedAndRead(decoded, 'bytes');
      assert.deepEqual(read(back), read(parseMaintainers(decoded)), JSON.stringify(text));
    }
  });

  it('makes a section only when asked for it, the same as the parse has', () => {
    const text = 'FIRST\nM:\tOne <one@a.org>\nF:\ta/\n\nSECOND\nR:\tTwo <two@b.org>\nF:\tb/\n\nTHIRD\nL:\tlist@c.org\n';
    const file = parseMaintainers(text);
    const bytes = Buffer.from(text);
    const back = decodeParse({ bytes }, encodeParse(file, bytes))!;
    const second = back.section(1);
    assert.equal(back.section(1), second, 'made once');
    assert.deepEqual(second.fields, file.sections[1]!.fields);
    assert.equal(second.name, 'SECOND');
    assert.equal(back.sections[1], second, 'the whole list holds the one made before');
    assert.deepEqual(read(back), read(file));
  });

  it('decodes a file with more non-ASCII characters than it maps whole, and reads it the same', () => {
    const text = `A SECTION\nM:\t${'é'.repeat(70_000)} <a@b.org>\nF:\tdrivers/\n`;
    const bytes = Buffer.from(text);
    const file = parseMaintainers(text);
    assert.equal(wideUnits(text, bytes), undefined);
    assert.deepEqual(read(decodeParse({ bytes }, encodeParse(file, bytes))!), read(file));
  });

  it('reads bytes that are not UTF-8 whole', () => {
    const bytes = Buffer.concat([Buffer.from('A SECTION\nM:\tSome '), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from(' One <a@b.org>\n')]);
    const text = bytes.toString('utf8');
    const back = decodeParse({ bytes }, encodeParse(parseMaintainers(text), bytes));
    assert.ok(back);
    assert.equal(back.sections[0]!.fields[0]!.value, 'Some \ufffd One <a@b.org>');
  });

  it('is refused for another text, another format, or cut short', () => {
    const text = 'A SECTION\nM:\tSome One <some@one.org>\nF:\tdrivers/\n';
    const bytes = encodeParse(parseMaintainers(text), Buffer.from(text));
    assert.ok(decodeParse({ text }, bytes));
    assert.ok(decodeParse({ bytes: Buffer.from(text) }, bytes));
    assert.equal(decodeParse({ text: `${text}\n` }, bytes), undefined);
    assert.equal(decodeParse({ bytes: Buffer.from(`${text}\n`) }, bytes), undefined);
    for (const cut of [0, 4, 20, bytes.length - 1]) assert.equal(decodeParse({ text }, bytes.subarray(0, cut)), undefined, `cut at ${cut}`);
    const other = new Uint8Array(bytes);
    other[0] = 99;
    assert.equal(decodeParse({ text }, other), undefined);
  });
});

describe('patterns compiled when a path could meet them', () => {
  const text = [
    'WILDCARD FIRST',
    'F:\t*/widget.c',
    '',
    'GLOBSTAR',
    'F:\ttools/**/widget.c',
    'X:\ttools/skip/**',
    '',
    'LONGER THAN THE PATH',
    'F:\tdrivers/net/phy/very/deep/',
    '',
    'A DIRECTORY WITHOUT ITS SLASH',
    'F:\tdrivers/net',
    'F:\tdrivers/net/ phy', // a space in the value: no path starts so
    '',
    'QUESTION MARK',
    'F:\tfs/ext?/',
    '',
    'REGEX SYNTAX',
    'F:\tlib/[ab]*.c',
    'N:\t(?:^|/)widget[^/]*$',
    '',
    'ONE LEVEL',
    'F:\tdrivers/net/*',
    'X:\tdrivers/net/skip.c',
    '',
    'THE REST',
    'F:\t*',
    'F:\t*/',
  ].join('\n');
  const file = parseMaintainers(text);
  const directories = new Set(['drivers', 'drivers/net', 'tools', 'fs', 'fs/ext4', 'lib']);
  const isDirectory = (p: string) => directories.has(p.replace(/\/$/, ''));
  const paths = [
    'drivers/net/phy/x.c',
    'drivers/net/skip.c',
    'drivers/net/foo.c',
    'drivers/netx/a.c',
    'tools/a/b/widget.c',
    'tools/skip/widget.c',
    'tools/widget.c',
    'x/widget.c',
    'fs/ext4/inode.c',
    'lib/a1.c',
    'lib/c.c',
    'drivers/',
    'drivers/net/phy/very/deep/file.c',
    'd',
    '',
    'widget_a.h',
    `${'a/'.repeat(600)}widget.c`,
    'drivers/net/a+b(c)$[d]\\.c',
    'drivers/net/line\nbreak.c',
    'tools/\u2028/widget.c',
    'drivers/net/*',
  ];

  it('matches each path, in a fresh index, as an index with every pattern compiled does', () => {
    const settled = new MaintainersIndex(file, NEWEST_DIALECT, isDirectory);
    settled.settleAll();
    for (const path of paths) {
      const fresh = new MaintainersIndex(file, NEWEST_DIALECT, isDirectory);
      assert.deepEqual(fresh.match(path), settled.match(path), path);
    }
    // One index asked for all of them in turn (past the point where it compiles everything).
    const one = new MaintainersIndex(file, NEWEST_DIALECT, isDirectory);
    for (const path of [...paths, ...paths]) assert.deepEqual(one.match(path), settled.match(path), path);
  });

  it('matches each path, in a fresh index of a saved parse (its search aids, not the text), as the compiled index does', () => {
    const settled = new MaintainersIndex(file, NEWEST_DIALECT, isDirectory);
    settled.settleAll();
    const saved = savedAndRead(text);
    assert.ok(saved.table.aids);
    for (const path of paths)
      assert.deepEqual(new MaintainersIndex(saved, NEWEST_DIALECT, isDirectory).match(path), settled.match(path), path);
  });

  it('matches as worked out by hand', () => {
    const index = new MaintainersIndex(file, NEWEST_DIALECT, isDirectory);
    const names = (path: string) => index.match(path).map((s) => `${file.sections[s.section]!.name}@${s.depth}`);
    assert.deepEqual(names('drivers/net/foo.c'), ['ONE LEVEL@3', 'A DIRECTORY WITHOUT ITS SLASH@2', 'THE REST@-1']);
    assert.deepEqual(names('drivers/net/skip.c'), ['A DIRECTORY WITHOUT ITS SLASH@2', 'THE REST@-1']);
    assert.deepEqual(names('tools/skip/widget.c'), ['REGEX SYNTAX@0', 'THE REST@-1']);
    assert.deepEqual(names('tools/a/b/widget.c'), ['GLOBSTAR@3', 'REGEX SYNTAX@0', 'THE REST@-1']);
    assert.deepEqual(names('x/widget.c'), ['REGEX SYNTAX@0', 'WILDCARD FIRST@-1', 'THE REST@-1']);
    assert.deepEqual(names('lib/a1.c'), ['REGEX SYNTAX@2', 'THE REST@-1']);
  });
});

describe('.mailmap read per address', () => {
  const text = [
    '# comments and blank lines are skipped',
    '',
    'Proper Name <commit@example.org>',
    '<proper@example.org> <commit2@example.org>',
    'Proper Two <proper2@example.org> <commit3@example.org>',
    'Proper Three <proper3@example.org> Commit Name <commit4@example.org>',
    'Later Wins <commit@example.org>',
    'Other <commit3@example.org> Someone Else <commit3@example.org>',
    'Case <CASE@example.org> <case@example.org>',
    'Proper Name <proper@example.org> # the proper address of another line, as a key here',
    'malformed line without brackets commit@example.org',
  ].join('\n');
  const emails = [
    'commit@example.org',
    'Anyone <commit@example.org>',
    'A <commit2@example.org>',
    'commit3@example.org',
    'Someone Else <commit3@example.org>',
    'Commit Name <commit4@example.org>',
    'Other Name <commit4@example.org>',
    'x <case@example.org>',
    'x <CASE@example.org>',
    'Proper Name <proper@example.org>',
    'nobody@example.org',
    'No Address',
  ];

  it('names each address as a map read whole does', () => {
    const whole = Mailmap.parse(text);
    for (let i = 0; i < 40; i++) whole.apply('warm@example.org'); // past the lookups after which it reads all
    for (const e of emails) assert.equal(Mailmap.parse(text).apply(e), whole.apply(e), e);
    assert.equal(Mailmap.parse(text).apply('Anyone <commit@example.org>'), 'Later Wins <commit@example.org>');
    assert.equal(Mailmap.parse(text).apply('Someone Else <commit3@example.org>'), 'Other <commit3@example.org>');
  });
});

describe('the fast readings on the rules fixture', () => {
  it('answer as before for every file of the fixture, each in a fresh process-like load', () => {
    const root = fileURLToPath(new URL('../../../test/fixtures/kernel/rules', import.meta.url));
    const tree = diskTree(root);
    const all = loadMaintainers(tree);
    all.index.settleAll();
    for (const path of tree.files()) assert.deepEqual(loadMaintainers(tree).index.match(path), all.index.match(path), path);
  });

  it('answer as before for every file of the fixture from a saved parse', () => {
    const root = fileURLToPath(new URL('../../../test/fixtures/kernel/rules', import.meta.url));
    const tree = diskTree(root);
    const all = loadMaintainers(tree);
    all.index.settleAll();
    const saved = new Map<string, Uint8Array>();
    const keyText = (key: (string | Uint8Array)[]) => key.map((p) => Buffer.from(p).toString('hex')).join();
    const cache = {
      read: (keys: (string | Uint8Array)[][]) => {
        const key = keys.findIndex((k) => saved.has(keyText(k)));
        return key === -1 ? undefined : { value: saved.get(keyText(keys[key]!))!, key };
      },
      write: (key: (string | Uint8Array)[], b: Uint8Array) => saved.set(keyText(key), b),
    };
    loadMaintainers(tree, cache);
    assert.equal(saved.size, 1);
    for (const path of tree.files()) {
      const m = loadMaintainers(tree, cache);
      assert.ok(m.file.table.aids);
      assert.deepEqual(m.index.match(path), all.index.match(path), path);
    }
  });
});
