// The kernel CNA's `vulns` repository: one JSON record per CVE under cve/published/YEAR/ (and
// cve/rejected/YEAR/), a `.sha1` file beside each naming the fixing commits. Read from a commit of
// the clone (HEAD unless told), or from disk for a plain copy; and, from the history, when each
// record first appeared (the records carry no publication date).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FerrometerError } from '../core/errors.js';
import { byPath } from '../core/types.js';
import { assertDirectory } from './fs-tree.js';
import {
  CatFile,
  gitOutput,
  isShallow,
  listTree,
  openRepo,
  readPathAt,
  resolveRevision,
  revList,
  type GitRepo,
  type Revision,
} from './git.js';

/** full: dates from history; shallow: a shallow clone, dates unknown; none: not a git clone. */
export type HistoryState = 'full' | 'shallow' | 'none';

export type RecordState = 'published' | 'rejected';

export interface StoredFile {
  path: string;
  /** The git blob id; undefined for a plain directory. */
  blob?: string;
}

export interface RecordFile extends StoredFile {
  state: RecordState;
  /** The `.sha1` file beside the record, when there is one. */
  fixes?: StoredFile;
}

export interface VulnsSource {
  path: string;
  repo?: GitRepo;
  revision?: Revision;
  history: HistoryState;
  /** Sorted by path. */
  records: RecordFile[];
}

const STATES: RecordState[] = ['published', 'rejected'];
const RECORD_FILE = /^cve\/(published|rejected)\/[^/]+\/([^/]+)\.(json|sha1)$/;

/** The vulns repository at path: at revision rev (default HEAD) when it is a git clone. */
export function openVulns(path: string, rev?: string): Omit<VulnsSource, 'records'> {
  assertDirectory(path, "a clone of the kernel CNA's vulns repository");
  let repo: GitRepo | undefined;
  try {
    repo = openRepo(path);
  } catch (e) {
    // A plain copy of the repository is fine; a revision needs a clone.
    if (rev !== undefined || !(e instanceof FerrometerError) || e.code !== 'ENOT_GIT_REPO') throw e;
  }
  if (!repo) return { path, history: 'none' };
  let revision: Revision;
  try {
    revision = resolveRevision(repo, rev ?? 'HEAD');
  } catch (e) {
    if (rev === undefined && e instanceof FerrometerError && e.code === 'EUNKNOWN_REVISION') throw notVulns(path, 'has no commits');
    throw e;
  }
  return { path, repo, revision, history: isShallow(repo) ? 'shallow' : 'full' };
}

/** Every record file (with its `.sha1`) of an opened repository; none published is not a vulns repository. */
export function listRecords(source: Omit<VulnsSource, 'records'>): VulnsSource {
  const { repo, revision } = source;
  const files =
    repo && revision
      ? listTree(
          repo,
          revision.commit,
          STATES.map((s) => `cve/${s}`),
        ).files
      : STATES.flatMap((s) => filesUnder(source.path, `cve/${s}`));
  const records = pairRecords(files);
  if (!records.some((r) => r.state === 'published')) throw notVulns(source.path, 'has no cve/published/YEAR/CVE-….json');
  return { ...source, records };
}

function notVulns(path: string, why: string): FerrometerError {
  return new FerrometerError(
    'ENOT_VULNS',
    `not a vulns repository: ${path} ${why}`,
    "give the top of a clone of the kernel CNA's vulns repository",
  );
}

/** Files two levels below dir (cve/published/YEAR/FILE) of a plain directory. */
function filesUnder(root: string, dir: string): StoredFile[] {
  const list = (d: string) => {
    try {
      return readdirSync(join(root, d), { withFileTypes: true });
    } catch {
      return [];
    }
  };
  return list(dir)
    .filter((y) => y.isDirectory())
    .flatMap((y) =>
      list(`${dir}/${y.name}`)
        .filter((f) => f.isFile())
        .map((f) => ({ path: `${dir}/${y.name}/${f.name}` })),
    );
}

/** Each record's JSON with the `.sha1` file beside it; other files (mbox, dyad, cvss) are not read. */
function pairRecords(files: StoredFile[]): RecordFile[] {
  const fixes = new Map<string, StoredFile>();
  const records: RecordFile[] = [];
  for (const f of files) {
    const m = RECORD_FILE.exec(f.path);
    if (!m) continue;
    if (m[3] === 'sha1') fixes.set(f.path.slice(0, -'.sha1'.length), f);
    else records.push({ ...f, state: m[1] as RecordState });
  }
  for (const r of records) {
    const sha1 = fixes.get(r.path.slice(0, -'.json'.length));
    if (sha1) r.fixes = sha1;
  }
  return records.sort(byPath);
}

/** Hands each file's bytes to onFile, in order: from the clone's objects, or from disk. */
export async function readStoredFiles(
  source: VulnsSource,
  files: StoredFile[],
  onFile: (index: number, bytes: Buffer) => void,
): Promise<void> {
  if (!source.repo) {
    files.forEach((f, i) => {
      onFile(i, readFileSync(join(source.path, f.path)));
    });
    return;
  }
  const cat = new CatFile(source.repo.gitDir);
  try {
    let scratch = Buffer.allocUnsafe(1 << 20);
    // onFile uses the bytes before the next file arrives, so one buffer serves them all.
    const reserve = (n: number) => (scratch.length >= n ? scratch : (scratch = Buffer.allocUnsafe(n)));
    await cat.read(
      files.map((f) => f.blob!),
      reserve,
      onFile,
    );
  } finally {
    cat.close();
  }
}

/**
 * The CVE ids whose published record was added in the commits reachable from `commit` but not
 * from `exclude`, each with the committer date (seconds) of the earliest such commit. git log
 * diffs every commit's tree, the costly part, so the range is cut into pieces run side by side.
 */
export async function recordAdditions(repo: GitRepo, commit: string, exclude?: string, pieces = 4): Promise<Map<string, number>> {
  const commits = revList(repo, commit, exclude);
  const cuts =
    commits.length < 500 ? [commit] : Array.from({ length: pieces }, (_, i) => commits[Math.floor((i * commits.length) / pieces)]!);
  const logs = await Promise.all(
    cuts.map((from, i) => {
      const not = [cuts[i + 1], exclude].filter((c): c is string => c !== undefined).map((c) => `^${c}`);
      return gitOutput(repo, ['log', '--diff-filter=A', '--no-renames', '--name-only', '-z', '--format=%x01%ct', from, ...not, '--']);
    }),
  );
  const first = new Map<string, number>();
  for (const log of logs) addAdditions(log.toString('utf8'), first);
  return first;
}

const PUBLISHED_JSON = /^cve\/published\/[^/]+\/(CVE-[^/]+)\.json$/;

/** Parses `log -z --name-only --format=%x01%ct` output into id → earliest date. */
function addAdditions(log: string, first: Map<string, number>): void {
  let date = 0;
  for (let token of log.split('\0')) {
    if (token.startsWith('\n')) token = token.slice(1);
    if (token.startsWith('\x01')) {
      date = Number(token.slice(1));
      continue;
    }
    const m = PUBLISHED_JSON.exec(token);
    if (!m) continue;
    const seen = first.get(m[1]!);
    if (seen === undefined || date < seen) first.set(m[1]!, date);
  }
}

/** One record file's bytes, at the clone's revision (or on disk for a plain copy); undefined when absent. */
export function readRecordFile(path: string, rev: string | undefined, recordPath: string): Buffer | undefined {
  const source = openVulns(path, rev);
  if (source.repo && source.revision) return readPathAt(source.repo, source.revision.commit, recordPath);
  try {
    return readFileSync(join(path, recordPath));
  } catch {
    return undefined;
  }
}
