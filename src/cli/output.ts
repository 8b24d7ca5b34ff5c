// Results go to stdout: JSON exact, any other format with control characters and direction
// overrides shown as escapes (report/visible.ts), so a file or person name cannot drive the terminal.
import { writeSync } from 'node:fs';
import { FerrometerError } from '../core/errors.js';
import { visibleText } from '../report/visible.js';

export function writeResult(text: string, format: string): void {
  writeStdout(format === 'json' ? text : visibleText(text));
}

/** A wait that burns no CPU, for a reader that is not ready yet. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to file descriptor 1 directly, all of it before returning. process.stdout is never made:
 * creating it (a stream, and for a pipe Node's net module) took ~5 ms of each `maintainers` run
 * under --cc-cmd. A reader that goes away (`| head`) ends the command quietly, as it ends `cat`:
 * exit 0, no stack trace, not exit 1, which means "findings". Any other failure (a full disk) is one
 * line and exit 2.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      // A non-blocking pipe that is full: wait for the reader.
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else throw new FerrometerError('EOUTPUT', `cannot write the output: ${code ?? (e as Error).message}`, 'is the disk full?');
    }
  }
}
