// A patch read as the kernel's scripts/get_maintainer.pl reads one (its behaviour, written here):
// the files it touches from the diff headers ("diff --git a/X b/Y" gives both, "---"/"+++" lines
// the path without its first component, so /dev/null reads as dev/null; renames and mode changes
// too), the commits its "Fixes:" lines name, and the lines K: patterns are matched against: every
// line before the first file header (the mail, the message, the diffstat), then only added and
// removed lines. Lines a header rule took are not keyword lines. Pure.

export interface PatchLine {
  /** The line without its line break. */
  text: string;
  /** After the first "---"/"+++" file header: K patterns must follow a leading + or -. */
  inDiff: boolean;
}

export interface PatchReading {
  /** Paths in the order the headers name them (duplicates kept; the caller sorts and dedupes). */
  files: string[];
  /** Paths the patch creates ("new file mode"): not in the tree, and rightly so. */
  created: string[];
  /** Commit ids of "Fixes:" lines. */
  fixes: string[];
  keywordLines: PatchLine[];
  /** Each hunk: its file, the text git prints after "@@ … @@" (the enclosing function), its lines. */
  hunks: { path: string; context: string; lines: { kind: '+' | '-' | ' '; text: string }[] }[];
}

const MODE_CHANGE = /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/;
const RENAME = /^rename (?:from|to) (\S+)\s*$/;
const DIFF_GIT = /^diff --git a\/(\S+) b\/(\S+)\s*$/;
const FIXES = /^Fixes:\s+([0-9a-fA-F]{6,40})/;
const FILE_HEADER = /^(?:\+\+\+|---)\s+(\S+)/;
/** The script's hunk rule: it takes "@@ -N,M" only, so "@@ -N +…" (a one-line old side) is a keyword line to it. */
const HUNK = /^@@ -(\d+),(\d+)/;
/** Any hunk header, for the lines that follow it; the text after the second "@@" is the enclosing function. */
const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?(.*)$/;

export function readPatch(text: string): PatchReading {
  const out: PatchReading = { files: [], created: [], fixes: [], keywordLines: [], hunks: [] };
  let hunk: PatchReading['hunks'][number] | undefined;
  let inDiff = false;
  // The file the diff lines belong to: the new path, or the old one for a deletion.
  let current = '';
  let lastDiff: string | undefined;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    let m: RegExpExecArray | null;
    if ((m = MODE_CHANGE.exec(line)) || (m = RENAME.exec(line))) out.files.push(m[1]!);
    else if ((m = DIFF_GIT.exec(line))) {
      out.files.push(m[1]!, m[2]!);
      lastDiff = m[2]!;
    } else if ((m = FIXES.exec(line))) out.fixes.push(m[1]!);
    else if ((m = FILE_HEADER.exec(line))) {
      const path = m[1]!.replace(/^[^/]*\//, '');
      out.files.push(path);
      if (line.startsWith('---') || path !== 'dev/null') current = path;
      inDiff = true;
      hunk = undefined;
    } else if (HUNK.test(line) || (inDiff && HUNK_HEADER.test(line))) {
      const header = inDiff ? HUNK_HEADER.exec(line) : null;
      hunk = header ? { path: current, context: header[1] ?? '', lines: [] } : undefined;
      if (hunk) out.hunks.push(hunk);
      if (!HUNK.test(line)) out.keywordLines.push({ text: line, inDiff });
    } else {
      const kind = line[0];
      if (hunk && (kind === '+' || kind === '-' || kind === ' ')) hunk.lines.push({ kind, text: line.slice(1) });
      else if (!line.startsWith('\\')) hunk = undefined;
      if (lastDiff !== undefined && line.startsWith('new file mode ')) out.created.push(lastDiff);
      out.keywordLines.push({ text: line, inDiff });
    }
  }
  return out;
}

/** Perl's sort and uniq of file names: byte order, each once. */
export function sortAndUniq(paths: string[]): string[] {
  return [...new Set(paths)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

const C_FILE = /\.[ch]$/;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
/** A function's first line, unindented: its name is the identifier before the first "(". */
const DEFINITION = /^[A-Za-z_][^;=]*?\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/;

/**
 * The C names a patch touches: every identifier on the added and removed lines of .c and .h
 * files, and the function each change lies in: the last definition line of the hunk above it, or
 * else the function git names after "@@ … @@" (which is the one before the hunk's first line).
 */
export function touchedCNames(patch: PatchReading): Set<string> {
  const names = new Set<string>();
  for (const h of patch.hunks) {
    if (!C_FILE.test(h.path)) continue;
    let enclosing = DEFINITION.exec(h.context)?.[1];
    for (const l of h.lines) {
      const definition = DEFINITION.exec(l.text)?.[1];
      if (definition) enclosing = definition;
      if (l.kind === ' ') continue;
      for (const id of l.text.match(IDENTIFIER) ?? []) names.add(id);
      if (enclosing) names.add(enclosing);
    }
  }
  return names;
}
