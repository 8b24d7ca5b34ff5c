// The command npm installs is a small sh launcher (bin/ferrometer) that starts Node with its heap
// flags. It is run through a symbolic link (node_modules/.bin), so it must find the CLI beside its
// real path, hand over every argument exactly, and give back the CLI's exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const launcher = fileURLToPath(new URL('../../../bin/ferrometer', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ferrometer-launcher-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// As npm lays it out: a link in another directory, named after the command.
const dotBin = join(tmp, 'node_modules', '.bin');
mkdirSync(dotBin, { recursive: true });
symlinkSync(launcher, join(dotBin, 'ferrometer'));
// A `node` first on PATH that writes down how it was started, then runs the real one.
const shims = join(tmp, 'shims');
mkdirSync(shims);
const argvLog = join(tmp, 'node-argv');
writeFileSync(join(shims, 'node'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvLog}'\nexec '${process.execPath}' "$@"\n`);
chmodSync(join(shims, 'node'), 0o755);
const env = { ...process.env, PATH: `${shims}:${process.env.PATH}` };
const run = (...args: string[]) => spawnSync(join(dotBin, 'ferrometer'), args, { encoding: 'utf8', env });

describe('bin/ferrometer, the installed command', () => {
  it('runs the CLI beside its real path with the heap flag, arguments intact', () => {
    const tree = join(tmp, 'a tree with "quotes" and $x');
    mkdirSync(tree);
    writeFileSync(join(tree, 'x.c'), 'int x;\n/* c */\n');
    const r = run('scan', tree, '--no-store', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const c = (JSON.parse(r.stdout) as { languages: { language: string; code: number; comment: number }[] }).languages[0];
    assert.deepEqual(c && { language: c.language, code: c.code, comment: c.comment }, { language: 'C', code: 1, comment: 1 });
    const argv = readFileSync(argvLog, 'utf8').split('\n');
    assert.equal(argv[0], '--max-semi-space-size=1');
    assert.equal(argv[1], `${realpathSync(fileURLToPath(new URL('../../../bin', import.meta.url)))}/../dist/src/bundle/launch.cjs`);
    assert.equal(argv[3], tree);
  });

  it('starts maintainers (once per patch under --cc-cmd) without the flag: it needs no large heap', () => {
    const tree = join(tmp, 'kernel');
    mkdirSync(join(tree, 'rust'), { recursive: true });
    writeFileSync(join(tree, 'rust', 'lib.rs'), '');
    writeFileSync(join(tree, 'MAINTAINERS'), 'RUST\nM:\tSome One <some@one.org>\nS:\tMaintained\nF:\trust/\n');
    const r = run('maintainers', tree, '-f', 'rust/lib.rs', '--norolestats');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'Some One <some@one.org>\n');
    assert.equal(
      readFileSync(argvLog, 'utf8').split('\n')[0],
      `${realpathSync(fileURLToPath(new URL('../../../bin', import.meta.url)))}/../dist/src/bundle/launch.cjs`,
    );
  });

  it('run by its own path (no link to follow), finds the CLI beside it', () => {
    const r = spawnSync(launcher, ['--version'], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(readFileSync(argvLog, 'utf8').split('\n')[1], `${join(launcher, '..')}/../dist/src/bundle/launch.cjs`);
  });

  it('prints the version without loading a command, and help with all of them', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as { version: string };
    assert.equal(run('--version').stdout, `${pkg.version}\n`);
    const help = run('--help').stdout;
    for (const command of ['scan', 'history', 'maintainers', 'unsafe', 'bindings', 'cves', 'people', 'claims', 'report'])
      assert.match(help, new RegExp(`\\n  ${command}\\b`));
  });

  it("gives back the CLI's exit code and its one-line error", () => {
    const r = run('scan', join(tmp, 'nowhere'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ferrometer: path does not exist: .*nowhere/);
  });
});
