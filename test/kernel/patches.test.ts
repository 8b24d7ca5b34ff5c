// maintainers TREE PATCH… on the rules fixture, answers worked out by hand: a patch's files come
// from its diff headers, K: patterns match the message and changed lines (not context lines), the
// script's output options, stdin, Fixes: signers from git, a tree whose .get_maintainer.conf asks
// for every MAINTAINERS file, and patches that are not patches.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readPatch, touchedCNames } from '../../src/kernel/patch.js';
import { git, makeRepo } from '../helpers/git.js';

const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const rules = fileURLToPath(new URL('../../../test/fixtures/kernel/rules', import.meta.url));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, 'maintainers', ...args], { encoding: 'utf8', input });
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-patches-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const diff = (path: string, lines: string) => `diff --git a/${path} b/${path}
index 1111111..2222222 100644
--- a/${path}
+++ b/${path}
@@ -1,3 +1,3 @@
${lines}`;

function patch(name: string, message: string, ...diffs: string[]): string {
  const path = join(tmp, name);
  writeFileSync(
    path,
    `From: Dev <dev@example.org>\nSubject: [PATCH] ${message}\n\nSigned-off-by: Dev <dev@example.org>\n---\n${diffs.join('')}`,
  );
  return path;
}

// micrel.c: ETHERNET PHY LIBRARY (drivers/net/phy/*; NETWORKING DRIVERS excludes drivers/net/phy/),
// with its reviewer and list, and THE REST's list (Linus left out). The subject names
// widget_register: WIDGET's K: pattern adds its maintainer with the keyword in the role.
const PHY = [
  'Phy Person <phy@example.org> (maintainer:ETHERNET PHY LIBRARY)',
  'Net Maintainer <NET@example.org> (reviewer:ETHERNET PHY LIBRARY)',
];
const LISTS = ['netdev@example.org (open list:ETHERNET PHY LIBRARY)', 'linux-kernel@example.org (open list)'];
const WIDGET = 'Widget Person <widget@example.org> (maintainer:WIDGET:Keyword:widget_register)';

describe('reading a patch as get_maintainer.pl does', () => {
  it('takes files from every header rule, /dev/null as dev/null, Fixes: ids, and splits message from diff lines', () => {
    const p = readPatch(
      [
        'Subject: [PATCH] move it',
        'Fixes: 0123456789ab ("the first")',
        '---',
        'diff --git a/old/name.c b/new/name.c',
        'similarity index 90%',
        'rename from old/name.c',
        'rename to new/name.c',
        'diff --git a/tools/run.sh b/tools/run.sh',
        ' mode change 100644 => 100755 tools/run.sh',
        'diff --git a/lib/added.c b/lib/added.c',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/lib/added.c',
        '@@ -0,0 +1 @@',
        '+int added;',
        ' context',
      ].join('\n'),
    );
    assert.deepEqual(p.files, [
      'old/name.c',
      'new/name.c',
      'old/name.c',
      'new/name.c',
      'tools/run.sh',
      'tools/run.sh',
      'tools/run.sh',
      'lib/added.c',
      'lib/added.c',
      'dev/null',
      'lib/added.c',
    ]);
    assert.deepEqual(p.created, ['lib/added.c']);
    assert.deepEqual(p.hunks, [
      {
        path: 'lib/added.c',
        context: '',
        lines: [
          { kind: '+', text: 'int added;' },
          { kind: ' ', text: 'context' },
        ],
      },
    ]);
    assert.deepEqual(p.fixes, ['0123456789ab']);
    assert.deepEqual(
      p.keywordLines.map((l) => [l.text, l.inDiff]),
      [
        ['Subject: [PATCH] move it', false],
        ['---', false],
        ['similarity index 90%', false],
        ['new file mode 100644', false],
        ['+int added;', true],
        [' context', true],
      ],
    );
  });
});

describe('the C names a patch touches', () => {
  it('the identifiers of changed lines, and the function each change lies in (from the hunk header or a definition above it)', () => {
    const p = readPatch(
      [
        '--- a/lib/x.c',
        '+++ b/lib/x.c',
        '@@ -10,6 +10,7 @@ static int first(void)',
        ' \treturn 0;',
        ' }',
        ' ',
        ' void second(struct thing *t)',
        ' {',
        '-\tt->count = 0;',
        '+\tt->count = reset_value();',
        ' }',
        '--- a/rust/y.rs',
        '+++ b/rust/y.rs',
        '@@ -1 +1 @@',
        '-fn ignored_rust() {}',
        '+fn also_ignored() {}',
        // A one-line old side: "@@ -N +M,K @@" starts a hunk too (the script reads it as a keyword line).
        '--- a/lib/z.c',
        '+++ b/lib/z.c',
        '@@ -7 +7,2 @@ int third(void)',
        ' \treturn limit;',
        '+\treturn clamp(limit);',
      ].join('\n'),
    );
    assert.deepEqual([...touchedCNames(p)].sort(), ['clamp', 'count', 'limit', 'reset_value', 'return', 'second', 't', 'third']);
    assert.ok(p.keywordLines.some((l) => l.text === '@@ -7 +7,2 @@ int third(void)'));
  });
});

describe('maintainers TREE PATCH…', () => {
  const micrel = diff('drivers/net/phy/micrel.c', ' int micrel;\n-int link;\n+int link_up;\n int end;\n');

  it('answers as the script: the files of the patch, then the sections K: patterns find in its message', () => {
    const p = patch('a.patch', 'net: phy: stop calling widget_register twice', micrel);
    const r = run([rules, p]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [...PHY, WIDGET, ...LISTS].map((l) => `${l}\n`).join(''));
    // Without the keyword, the answer for the patch is the answer for its file.
    const plain = run([rules, patch('b.patch', 'net: phy: fix the link', micrel)]);
    assert.equal(plain.stdout, run([rules, '-f', 'drivers/net/phy/micrel.c']).stdout);
  });

  it('matches K: in added and removed lines, never in context lines', () => {
    const context = patch(
      'c.patch',
      'net: phy: tidy',
      diff('drivers/net/phy/micrel.c', ' widget_register();\n-int link;\n+int link_up;\n'),
    );
    assert.ok(!run([rules, context]).stdout.includes('Widget Person'));
    const added = patch('d.patch', 'net: phy: tidy', diff('drivers/net/phy/micrel.c', ' int micrel;\n+\twidget_register();\n'));
    assert.ok(run([rules, added]).stdout.includes(WIDGET));
  });

  it('reads stdin with -, and prints as the output options ask', () => {
    const text = `Subject: [PATCH] net: phy: stop calling widget_register twice\n---\n${micrel}`;
    assert.equal(run([rules, '-'], text).stdout, [...PHY, WIDGET, ...LISTS].map((l) => `${l}\n`).join(''));
    const r = run([rules, '-', '--norolestats', '--separator', ' | ', '--subsystem', '--status', '--no-r'], text);
    assert.equal(
      r.stdout,
      [
        'Phy Person <phy@example.org> | Widget Person <widget@example.org> | netdev@example.org | linux-kernel@example.org',
        'Supported | Buried alive in reporters | Orphan:Keyword:widget_register',
        'ETHERNET PHY LIBRARY | THE REST | WIDGET',
        '',
      ].join('\n'),
    );
    const noLists = run([rules, '-', '--nol', '--norolestats'], text);
    assert.equal(noLists.stdout, 'Phy Person <phy@example.org>\nNet Maintainer <NET@example.org>\nWidget Person <widget@example.org>\n');
  });

  it('names the paths it cannot find in the tree, and answers for them by pattern', () => {
    const p = patch('e.patch', 'net: phy: a new one', diff('drivers/net/phy/new-phy.c', '+int x;\n'));
    const r = run([rules, p]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /drivers\/net\/phy\/new-phy\.c: not in .*answered by MAINTAINERS patterns alone/);
    assert.ok(r.stdout.startsWith(PHY[0]!));
  });

  it('something that is not a patch, or an empty stdin: one line, exit 2', () => {
    const notPatch = join(tmp, 'notes.txt');
    writeFileSync(notPatch, 'just some notes\nabout a bug\n');
    const binaryFile = join(tmp, 'image.png');
    writeFileSync(binaryFile, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe]));
    for (const r of [run([rules, notPatch]), run([rules, '-'], ''), run([rules, join(tmp, 'missing.patch')]), run([rules, binaryFile])]) {
      assert.equal(r.status, 2, r.stdout);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^ferrometer: .*(not a patch|not found)/);
    }
  });

  it('a git binary patch is a patch: its files are answered for', () => {
    const p = join(tmp, 'binary.patch');
    writeFileSync(
      p,
      'Subject: [PATCH] net: phy: firmware\n---\ndiff --git a/drivers/net/phy/fw.bin b/drivers/net/phy/fw.bin\nnew file mode 100644\nindex 0000000..1111111\nGIT binary patch\nliteral 4\nLcmZ?d00001\n\nliteral 0\nHcmV?d00001\n\n',
    );
    const r = run([rules, p]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [...PHY, ...LISTS, ''].join('\n'));
    assert.equal(r.stderr, '', 'a file the patch creates is not reported missing');
  });

  it('a patch of tens of megabytes is answered (keywords tested once over its text before line by line)', () => {
    const line = '+int some_variable = another_call(argument_one, argument_two); /* pad */\n';
    const big = join(tmp, 'big.patch');
    writeFileSync(big, `Subject: [PATCH] big\n---\n${micrel.split('@@')[0]}@@ -1,1 +1,400000 @@\n${line.repeat(400_000)}`);
    const r = run([rules, big]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [...PHY, ...LISTS, ''].join('\n'));
  });

  it('adds the signers of the commit a Fixes: line names (a git repository), Linus left out; --no-fixes does not', () => {
    const repo = makeRepo(rules);
    git(repo, ['add', '-A']);
    git(repo, [
      'commit',
      '-q',
      '-m',
      'net: phy: add it\n\nSigned-off-by: Old Author <author@example.org>\nAcked-by: Some Acker <acker@example.org>\nSigned-off-by: Linus Torvalds <torvalds@linux-foundation.org>',
    ]);
    const fixed = git(repo, ['rev-parse', 'HEAD']).trim();
    const p = join(tmp, 'f.patch');
    writeFileSync(p, `Subject: [PATCH] net: phy: fix it\n\nFixes: ${fixed.slice(0, 12)} ("net: phy: add it")\n---\n${micrel}`);
    const r = run([repo, p]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        ...PHY,
        // Each signed once: in sorted order here (the script takes such ties in Perl's hash order).
        'Old Author <author@example.org> (blamed_fixes:1/1=100%)',
        'Some Acker <acker@example.org> (blamed_fixes:1/1=100%)',
        ...LISTS,
        '',
      ].join('\n'),
    );
    assert.equal(run([repo, p, '--no-fixes']).stdout, [...PHY, ...LISTS, ''].join('\n'));
    // A commit the repository does not have, and a tree that is no repository: said, left out.
    const unknown = join(tmp, 'unknown-fixes.patch');
    writeFileSync(unknown, `Subject: [PATCH] net: phy: fix\n\nFixes: deadbeef1234 ("gone")\n---\n${micrel}`);
    const r2 = run([repo, unknown]);
    assert.equal(r2.stdout, [...PHY, ...LISTS, ''].join('\n'));
    assert.match(r2.stderr, /Fixes: deadbeef1234 is no commit of this repository: left out/);
    assert.match(
      run([rules, unknown]).stderr,
      /not a git repository: the signers of the commits Fixes: names \(deadbeef1234\) are left out/,
    );
    rmSync(repo, { recursive: true, force: true });
  });

  it("reads every MAINTAINERS file when the tree's .get_maintainer.conf asks for it (u-boot does)", () => {
    const tree = join(tmp, 'uboot-like');
    cpSync(rules, tree, { recursive: true });
    mkdirSync(join(tree, 'board/acme'), { recursive: true });
    writeFileSync(join(tree, 'board/acme/acme.c'), 'int acme;\n');
    writeFileSync(
      join(tree, 'board/acme/MAINTAINERS'),
      'ACME BOARD\nM:\tAcme Person <acme@example.org>\nS:\tMaintained\nF:\tboard/acme/\n',
    );
    assert.ok(!run([tree, '-f', 'board/acme/acme.c']).stdout.includes('Acme Person'));
    writeFileSync(join(tree, '.get_maintainer.conf'), '# as u-boot\n--find-maintainer-files\n--maintainer-path=.\n--git\n');
    const r = run([tree, '-f', 'board/acme/acme.c']);
    assert.equal(r.stdout, 'Acme Person <acme@example.org> (maintainer:ACME BOARD)\nlinux-kernel@example.org (open list)\n');
  });
});

describe('maintainers PATCH --rust-users', () => {
  const glue = fileURLToPath(new URL('../../../test/fixtures/rust/glue', import.meta.url));
  // The patch changes the body of refcount_inc (its name is in the hunk header); Rust reaches it
  // through rust_helper_refcount_inc from drivers/mini/mini.rs and rust/kernel/refcount.rs.
  const text = `Subject: [PATCH] refcount: saturate on overflow\n---\n${[
    'diff --git a/include/linux/refcount.h b/include/linux/refcount.h',
    '--- a/include/linux/refcount.h',
    '+++ b/include/linux/refcount.h',
    '@@ -14,6 +14,7 @@ static inline void refcount_inc(refcount_t *r)',
    ' {',
    ' \tif (r)',
    ' \t\treturn;',
    '+\tr->refs++;',
    ' }',
    '',
  ].join('\n')}`;

  it("adds the Rust users' maintainers after the script's answer, with the symbols that brought them", () => {
    const script = run([glue, '-'], text);
    assert.equal(
      script.stdout,
      'Refcount Maintainer <ref@example.org> (maintainer:REFCOUNT)\nlinux-kernel@lists.example.org (open list)\n',
    );
    const r = run([glue, '-', '--rust-users', '--no-store'], text);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      `${script.stdout}Mini Maintainer <mini@example.org> (rust-user:MINI DRIVER for refcount_inc)\nRust Maintainer <rust@example.org> (rust-user:RUST for refcount_inc)\n`,
    );
    const json = JSON.parse(run([glue, '-', '--rust-users', '--no-store', '--format', 'json'], text).stdout) as {
      rustUsers: { symbol: string; files: string[] }[];
    };
    assert.deepEqual(json.rustUsers, [{ symbol: 'refcount_inc', files: ['drivers/mini/mini.rs', 'rust/kernel/refcount.rs'] }]);
  });

  it('a patch to C no Rust uses adds nobody; --rust-users without a patch is refused', () => {
    const other = text.replaceAll('refcount_inc', 'refcount_other').replace('r->refs++', 'r->other++');
    assert.equal(run([glue, '-', '--rust-users', '--no-store'], other).stdout, run([glue, '-'], other).stdout);
    const r = run([glue, '-f', 'include/linux/refcount.h', '--rust-users']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--rust-users answers for patches/);
  });
});
