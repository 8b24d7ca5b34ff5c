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
}

const MODE_CHANGE = /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/;
const RENAME = /^rename (?:from|to) (\S+)\s*$/;
const DIFF_GIT = /^diff --git a\/(\S+) b\/(\S+)\s*$/;
const FIXES = /^Fixes:\s+([0-9a-fA-F]{6,40})/;
const FILE_HEADER = /^(?:\+\+\+|---)\s+(\S+)/;
const HUNK = /^@@ -(\d+),(\d+)/;

export function readPatch(text: string): PatchReading {
  const out: PatchReading = { files: [], created: [], fixes: [], keywordLines: [] };
  let inDiff = false;
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
      out.files.push(m[1]!.replace(/^[^/]*\//, ''));
      inDiff = true;
    } else if (HUNK.test(line)) continue;
    else {
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
