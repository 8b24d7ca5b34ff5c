// Results go to stdout: JSON exact, any other format with control characters and direction
// overrides shown as escapes (report/visible.ts), so a file or person name cannot drive the terminal.
import { visibleText } from '../report/visible.js';

export function writeResult(text: string, format: string): void {
  process.stdout.write(format === 'json' ? text : visibleText(text));
}
