// The CLI as a user starts it: every command (each bundle of scripts/build-cli.js keeps one of them).
import { COMMANDS } from './commands.js';
import { main } from './main.js';

main(COMMANDS, process.argv).then((code) => {
  process.exitCode = code;
});
