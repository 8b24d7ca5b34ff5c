// Text that reaches a terminal is shown, never obeyed: file names, MAINTAINERS names, commit text
// and CVE titles are anyone's to write, and an escape sequence in one could clear the screen, set
// the title or hide text; a Unicode direction override could reorder what is read; a newline would
// break a table. Control characters and overrides are written as visible escapes (\x1b, \n,
// \u202e). JSON output is left exact.

// C0 controls, DEL, C1 controls; the bidirectional embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// The same, but line breaks kept: for whole text renderings, whose lines are their layout.
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A whole text rendering (table, Markdown, CSV, lists) made safe for a terminal, its line breaks kept. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, (c) => visible(c));
}
