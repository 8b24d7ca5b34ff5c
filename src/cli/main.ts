// The CLI: parses arguments, runs a command, maps typed errors to one line and an exit code.
import { Command, CommanderError } from 'commander';
import { isFerrometerError } from '../core/errors.js';
import { visible } from '../report/visible.js';
import type { CommandTable } from './commands.js';
import { writeStdout } from './output.js';
import { toolVersion } from './provenance.js';

/** The program with the command argv names (all of them when it names none: --help, a typo). */
export async function buildProgram(commands: CommandTable, argv: string[] = process.argv): Promise<Command> {
  const program = new Command('ferrometer')
    .description('Measures the Rust transition of the Linux kernel from primary sources')
    .version(toolVersion())
    .exitOverride()
    // Help and the version go where results go, and end as quietly when the reader goes away.
    .configureOutput({ writeOut: writeStdout })
    .showHelpAfterError(false)
    .enablePositionalOptions();
  const named = commands.filter(([names]) => names.includes(argv[2] ?? ''));
  // The version needs no command; help, a typo or nothing lists them all.
  const version = argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V');
  for (const [, load] of named.length || version ? named : commands) (await load())(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Ctrl-C gives the terminal back its cursor and line wrap (a reader that goes away: writeStdout). */
function guardTerminal(): void {
  process.once('SIGINT', () => {
    if (process.stderr.isTTY) process.stderr.write('\x1b[?25h\x1b[?7h\n');
    process.exit(130);
  });
}

/** Runs the CLI and resolves to the exit code: 0 ok, 1 findings, 2 bad input. */
export async function main(commands: CommandTable, argv: string[]): Promise<number> {
  guardTerminal();
  try {
    await (await buildProgram(commands, argv)).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isFerrometerError(e)) {
      process.stderr.write(`ferrometer: ${visible(e.message)}${e.hint ? ` (${visible(e.hint)})` : ''}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
