// The people a fixed commit names, as get_maintainer.pl reads them for a patch's "Fixes:" lines:
// its Signed-off-by, Reviewed-by and Acked-by lines that hold an address, Linus Torvalds left out
// (the script drops the chief penguin unless asked). Pure.

const SIGNATURE = /^[ \t]*(?:Signed-off-by:|Reviewed-by:|Acked-by:).*@.*$/;
const CHIEF_PENGUIN = /Linus Torvalds/i;

/** "Name <address>" of each signature line, in order; the value is what follows the line's last colon. */
export function fixesSigners(message: string): string[] {
  return message
    .split('\n')
    .filter((l) => SIGNATURE.test(l) && !CHIEF_PENGUIN.test(l))
    .map((l) => l.slice(l.lastIndexOf(':') + 1).trim());
}
