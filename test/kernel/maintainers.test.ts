// get_maintainer.pl's matching rules, one by one, on a small tree (test/fixtures/kernel/rules)
// whose answers were worked out by hand from the rules (and agree with the 7.3 script run there).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getMaintainer } from '../../src/kernel/get-maintainer.js';
import { parseMaintainers } from '../../src/kernel/maintainers-file.js';
import { dialectOf, MaintainersIndex, NEWEST_DIALECT, type ScriptDialect } from '../../src/kernel/maintainers-index.js';
import { loadMaintainers } from '../../src/kernel/maintainers.js';
import { diskTree } from '../../src/source/kernel-tree.js';

const root = fileURLToPath(new URL('../../../test/fixtures/kernel/rules', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/ferrometer.js', import.meta.url));
const m = loadMaintainers(diskTree(root));
const OLD_SCRIPT: ScriptDialect = { globstar: false, rolesFromStatus: true, keywordsInFileByDefault: true, keywordRoles: false };

const names = (path: string, index = m.index) => index.match(path).map((s) => `${m.file.sections[s.section]!.name}@${s.depth}`);
const answer = (paths: string[], options: { index?: MaintainersIndex; keywordsInFile?: boolean } = {}) =>
  getMaintainer(options.index ?? m.index, m.mailmap, paths, {
    readFile: (p) => m.tree.read(p),
    keywordsInFile: options.keywordsInFile,
  }).recipients.map((r) => `${r.email} (${r.role})`);

describe('MAINTAINERS matching rules', () => {
  it('a trailing slash covers everything below; X takes a section out; "dir/*" covers one level only', () => {
    assert.deepEqual(names('drivers/net/foo.c'), [
      'NET FOO DRIVER WITH A VERY LONG NAME THAT GOES ON AND ON FOREVER@3',
      'NETWORKING DRIVERS@2',
      'THE REST@-1',
    ]);
    assert.deepEqual(
      names('drivers/net/phy/micrel.c'),
      ['ETHERNET PHY LIBRARY@4', 'THE REST@-1'],
      'X: drivers/net/phy/ leaves NETWORKING out',
    );
    assert.deepEqual(names('drivers/net/phy/'), ['ETHERNET PHY LIBRARY@4', 'THE REST@-1']);
  });

  it('a pattern naming a directory without its slash is one; the last matching F sets the depth', () => {
    // DRM DRIVERS: "F: drivers/gpu/drm" (a directory, depth 3) then "F: drivers/gpu/" (depth 2): the last wins.
    assert.deepEqual(names('drivers/gpu/drm/nova/gpu.rs'), ['NOVA@4', 'DRM DRIVERS@2', 'THE REST@-1']);
    assert.deepEqual(names('drivers/gpu/drm/drm_drv.c'), ['DRM DRIVERS@2', 'THE REST@-1']);
  });

  it('N regexes match anywhere at depth 0; "?" is one character; "*" at the start gives depth -1', () => {
    assert.deepEqual(names('arch/arm/mach-tegra/board.c'), ['ARM PORT@2', 'TEGRA@0', 'THE REST@-1']);
    assert.deepEqual(names('fs/ext4/inode.c'), ['EXT FILESYSTEMS@2', 'THE REST@-1']);
    assert.deepEqual(names('MAINTAINERS'), ['THE REST@-1'], '"F: *" matches a top-level file (no slash)');
  });

  it('sections of equal depth come in MAINTAINERS order', () => {
    assert.deepEqual(names('kernel/sched/core.c'), ['SCHEDULER A@2', 'SCHEDULER B@2', 'THE REST@-1']);
  });

  it('"**" crosses directories in 7.x scripts; older scripts read it as "*" with the slash count rule', () => {
    assert.deepEqual(names('tools/a/b/widget.c'), ['TOOLS WIDGETS@3', 'THE REST@-1']);
    const old = new MaintainersIndex(m.file, OLD_SCRIPT, (p) => m.tree.isDirectory(p));
    assert.deepEqual(names('tools/a/b/widget.c', old), ['THE REST@-1']);
    assert.deepEqual(names('tools/a/widget.c', old), ['TOOLS WIDGETS@3', 'THE REST@-1']);
  });
});

describe("a tree's directories, as get_maintainer.pl's -d sees them", () => {
  it('a directory or a link to one is; a file, a link to one, a dangling link or a missing path is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferrometer-dirs-'));
    mkdirSync(join(dir, 'drivers', 'net'), { recursive: true });
    writeFileSync(join(dir, 'drivers', 'net', 'a.c'), '');
    symlinkSync('net', join(dir, 'drivers', 'link-to-dir'));
    symlinkSync('net/a.c', join(dir, 'drivers', 'link-to-file'));
    symlinkSync('nowhere', join(dir, 'drivers', 'dangling'));
    const tree = diskTree(dir);
    const asked = [
      'drivers',
      'drivers/',
      'drivers/net',
      'drivers/link-to-dir',
      'drivers/net/a.c',
      'drivers/link-to-file',
      'drivers/dangling',
      'drivers/missing',
      'drivers/net/a.c/x',
      'drivers/n*',
    ];
    assert.deepEqual(
      asked.filter((p) => tree.isDirectory(p)),
      ['drivers', 'drivers/', 'drivers/net', 'drivers/link-to-dir'],
    );
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("get_maintainer.pl's answer", () => {
  it('maintainers, reviewers and lists by depth; .mailmap names; long section names cut; subscriber-only lists and Linus left out', () => {
    assert.deepEqual(answer(['drivers/net/foo.c']), [
      'New Name <new@example.org> (maintainer:NET FOO DRIVER WITH A VERY LONG NAME THAT GOES...)',
      'Net Maintainer <net@example.org> (maintainer:NETWORKING DRIVERS)',
      'netdev@example.org (open list:NETWORKING DRIVERS)',
      'linux-kernel@example.org (open list)',
    ]);
    assert.deepEqual(answer(['drivers/gpu/drm/nova/gpu.rs']), [
      'Nova Person <nova@example.org> (maintainer:NOVA)',
      'Drm Person <drm@example.org> (maintainer:DRM DRIVERS)',
      'dri-devel@example.org (moderated list:DRM DRIVERS)',
      'linux-kernel@example.org (open list)',
    ]);
  });

  it('one line per person over several files: the first role wins, a name in any case is the same person', () => {
    assert.deepEqual(answer(['drivers/net/foo.c', 'drivers/net/phy/micrel.c']), [
      'New Name <new@example.org> (maintainer:NET FOO DRIVER WITH A VERY LONG NAME THAT GOES...)',
      'Net Maintainer <net@example.org> (maintainer:NETWORKING DRIVERS)',
      'Phy Person <phy@example.org> (maintainer:ETHERNET PHY LIBRARY)',
      'netdev@example.org (open list:NETWORKING DRIVERS)',
      'linux-kernel@example.org (open list)',
    ]);
  });

  it('roles worded from the status by older scripts; K patterns in file contents when asked (by default in old scripts)', () => {
    const old = new MaintainersIndex(m.file, OLD_SCRIPT, (p) => m.tree.isDirectory(p));
    assert.deepEqual(answer(['drivers/net/foo.c', 'drivers/net/phy/micrel.c'], { index: old }).slice(0, 3), [
      'New Name <new@example.org> (odd fixer:NET FOO DRIVER WITH A VERY LONG NAME THAT GOES...)',
      'Net Maintainer <net@example.org> (maintainer:NETWORKING DRIVERS)',
      'Phy Person <phy@example.org> (supporter:ETHERNET PHY LIBRARY)',
    ]);
    const keyword = 'Widget Person <widget@example.org> (maintainer:WIDGET:Keyword:widget_register)';
    assert.ok(!answer(['drivers/net/bar.c']).includes(keyword));
    assert.deepEqual(answer(['drivers/net/bar.c'], { keywordsInFile: true }), [
      'Net Maintainer <net@example.org> (maintainer:NETWORKING DRIVERS)',
      keyword,
      'netdev@example.org (open list:NETWORKING DRIVERS)',
      'linux-kernel@example.org (open list)',
    ]);
    // 6.1's script matched K in every -f file and said nothing of it in the role.
    assert.ok(answer(['drivers/net/bar.c'], { index: old }).includes('Widget Person <widget@example.org> (orphan minder:WIDGET)'));
  });

  it('addresses in a .yaml binding are copied "(in file)"', () => {
    assert.deepEqual(answer(['Documentation/bindings/widget.yaml']), [
      'Widget Person <widget@example.org> (maintainer:WIDGET)',
      'Yaml Person <yaml@example.org> (in file)',
      'linux-kernel@example.org (open list)',
    ]);
  });

  it("reads the dialect from the tree's own script", () => {
    assert.deepEqual(dialectOf(undefined), NEWEST_DIALECT);
    assert.deepEqual(dialectOf('my $keywords_in_file = 0;\n$role = "supporter";'), {
      globstar: false,
      rolesFromStatus: true,
      keywordsInFileByDefault: false,
      keywordRoles: false,
    });
  });
});

describe('malformed MAINTAINERS', () => {
  it('never throws: odd lines become warnings with line numbers, bad regexes are skipped', () => {
    const text = [
      'M:\tNobody <n@example.org>',
      '',
      'GOOD SECTION',
      'M:\tA <a@example.org>',
      'f:\tlowercase/',
      'Z:\tunknown',
      'F:\tok/',
      'N:\t([unclosed',
      '\u0000\u00ff binary junk',
    ].join('\n');
    const file = parseMaintainers(text);
    const index = new MaintainersIndex(file, NEWEST_DIALECT, () => false);
    const warnings = [...file.warnings, ...index.warnings].map((w) => w.line);
    assert.deepEqual(
      warnings.sort((a, b) => a - b),
      [1, 5, 6, 8],
    );
    assert.equal(
      file.sections.find((s) => s.name === 'GOOD SECTION')?.fields.length,
      1,
      'the lowercase line starts a new section, as in the script',
    );
    assert.deepEqual(parseMaintainers('\u0000\u0001 random bytes\nno fields here\n').warnings, [
      { line: 1, message: 'no sections (no "X:" field lines): not a MAINTAINERS file?' },
    ]);
    assert.deepEqual(index.match('ok/x.c'), [
      { section: file.sections.findIndex((s) => s.fields.some((f) => f.value === 'ok/')), depth: 1 },
    ]);
  });
});

describe('ferrometer maintainers -f', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'maintainers', ...args], { encoding: 'utf8' });

  it('prints the answer; a missing file, or a tree without MAINTAINERS, is one line and exit 2', () => {
    const ok = run(root, '-f', './drivers/net/phy/micrel.c');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(
      ok.stdout,
      'Phy Person <phy@example.org> (maintainer:ETHERNET PHY LIBRARY)\nNet Maintainer <NET@example.org> (reviewer:ETHERNET PHY LIBRARY)\nnetdev@example.org (open list:ETHERNET PHY LIBRARY)\nlinux-kernel@example.org (open list)\n',
    );
    const json = JSON.parse(run(root, '-f', 'drivers/net/phy', '--format', 'json').stdout) as {
      files: { path: string; sections: { name: string }[] }[];
    };
    assert.deepEqual(json.files[0], {
      path: 'drivers/net/phy/',
      sections: [
        { name: 'ETHERNET PHY LIBRARY', depth: 4 },
        { name: 'THE REST', depth: -1 },
      ],
    });
    const missing = run(root, '-f', 'drivers/net/nope.c');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^ferrometer: file 'drivers\/net\/nope.c' not found/);
    const empty = mkdtempSync(join(tmpdir(), 'ferrometer-nomaint-'));
    writeFileSync(join(empty, 'README'), 'not a kernel\n');
    const none = run(empty, '-f', 'README');
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no MAINTAINERS file/);
  });
});
