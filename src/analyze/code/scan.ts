// The scan engine: walk a tree, count every file on all cores, and sum the facts into the
// serializable ScanResult that every reporter renders. Returns data; prints nothing.
import { resolve } from 'node:path';
import { HINT_SLOT, SLOTS, STATUS, type BatchResult, type FileColumns } from '../../extract/batch.js';
import { AT, SNAPSHOT_RECORD } from '../../core/fact-record.js';
import { languageNames } from '../../extract/context.js';
import { lineExtractorVersion } from '../../extract/file-facts.js';
import { LanguageDetector, loadLanguageData, type VendoredComponent } from '../../extract/languages.js';
import { countFiles, type WorkItem } from '../../extract/pool.js';
import { assertDirectory, emptyWalk, listedByGit, walkSteps } from '../../source/fs-tree.js';
import { listWorkTree } from '../../source/work-tree.js';
import { listTree, type GitRepo, type GitTree, type Revision } from '../../source/git.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../core/sizes.js';
import { languageRows } from './rollup.js';
import { FactRecords, SnapshotWriter, type Fact, type FactIndex, type SnapshotDraft, type Store } from '../../store/store.js';
import { getOrCreate } from '../../core/maps.js';
import {
  addCounts,
  byPath,
  compareText,
  emptyCounts,
  type Counts,
  type FileFacts,
  type ScanResult,
  type ScanWarning,
} from '../../core/types.js';

export interface ScanOptions {
  /** Counting threads, the main one included; default: one per core. */
  jobs?: number;
  /** Files larger than this are skipped and counted. */
  maxFileSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Facts already known are taken from here, new ones saved to it. */
  store?: Store;
  /** A directory: count everything on disk, ignored files too (--no-ignore). */
  noIgnore?: boolean;
  /**
   * false: the result's `files` is left empty, and only the totals are summed (a table by
   * language needs no file; ~90 K FileFacts objects are a kernel scan's largest live data).
   */
  keepFiles?: boolean;
}

/**
 * Counts a directory tree on disk: in a git work tree the files git tracks or would track (with the
 * index's blob ids, so the store need not hash unchanged files); elsewhere a walk that applies
 * .gitignore files; with noIgnore, everything.
 */
export async function scanTree(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  assertDirectory(root);
  const walk = emptyWalk();
  const walkOptions = { ignore: !options.noIgnore };
  let steps: Iterator<void> | undefined;
  if (listedByGit(root, walkOptions)) {
    const listed = listWorkTree(root, walk, options.store !== undefined);
    // The store's facts are read while git lists (the main thread only waits for it then): on a
    // 6.12 work tree, the ~70 ms it takes come off a rescan of ~1.05 s.
    const extractor = lineExtractorVersion();
    if (options.store?.hasFacts(extractor)) options.store.facts(extractor);
    await listed;
  } else steps = walkSteps(root, walk, walkOptions);
  const result = await scanItems(walk.files, options, { root: resolve(root), indexBlobs: walk.indexBlobs }, steps);
  if (walk.ignored > 0 && walk.files.every((f) => f.path === '.gitignore' || f.path.endsWith('/.gitignore'))) {
    // Rules that hide every file must not make a silent zero: say so, and count the tree.
    const all = await scanTree(root, { ...options, noIgnore: true });
    all.warnings.unshift({
      path: '.',
      message: `the ignore rules hide every file but themselves (${walk.ignored} entries); counted without them (--no-ignore)`,
    });
    return all;
  }
  result.skipped.symlinks = walk.symlinks;
  result.skipped.special = walk.special;
  result.skipped.submodules = walk.submodules;
  result.listing = { by: options.noIgnore ? 'all' : walk.listedBy, ignored: walk.ignored };
  for (const w of walk.warnings) result.warnings.push(w);
  result.warnings.sort(byPath);
  return result;
}

/** A commit's tree as git listed it (it never changes), kept in the store. */
const TREE_LISTING = 'tree-listing';

/** Counts a revision of a git repository, read from its objects (no checkout). */
export async function scanRevision(repo: GitRepo, revision: Revision, options: ScanOptions = {}): Promise<ScanResult> {
  let tree = options.store?.commitDocument<GitTree>(TREE_LISTING, revision.commit);
  if (!tree) {
    tree = listTree(repo, revision.commit);
    options.store?.saveCommitDocument(TREE_LISTING, revision.commit, tree);
  }
  const result = await scanItems(tree.files, options, { gitDir: repo.gitDir });
  result.skipped.symlinks = tree.symlinks;
  result.skipped.submodules = tree.submodules;
  result.revision = { name: revision.name, commit: revision.commit, date: new Date(revision.date * 1000).toISOString() };
  return result;
}

/** New facts are saved as a segment once this many have gathered (and at the end). */
const SEGMENT_ROWS = 8192;

async function scanItems(
  items: WorkItem[],
  options: ScanOptions,
  source: { root?: string; gitDir?: string; indexBlobs?: Buffer },
  walk?: Iterator<void>,
): Promise<ScanResult> {
  // A file's blob id, where one is known without reading it: git's, or the one a work tree's index
  // holds (in hex, as git's are: a file counted here is written to the store with it).
  const knownBlob = (item: WorkItem): string | undefined =>
    item.blob ??
    (item.indexBlob === undefined ? undefined : source.indexBlobs!.toString('hex', item.indexBlob * 20, item.indexBlob * 20 + 20));
  const hasKnownBlob = (item: WorkItem) => item.blob !== undefined || item.indexBlob !== undefined;
  const detector = new LanguageDetector(loadLanguageData());
  const hintOf = (path: string) => detector.byPath(path) ?? '';
  const store = options.store;
  const extractor = lineExtractorVersion();
  // On disk, the last snapshot of the tree says which files are unchanged, with their facts.
  const snapshot = store && source.root ? store.statSnapshot(source.root, extractor) : undefined;
  // Stored facts stand for a file only within the size limit: a file over it is skipped, with a store or without.
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;

  // Each file's facts are summed as soon as they are known: a stored one as it is found (kept in a
  // map until the counting was done, 87 K of them cost a 6.12 rescan ~0.1 s and ~15 MB of its peak),
  // a counted one as its batch comes back. No column per file is joined up at the end.
  const vendored = loadLanguageData().vendored;
  const files: FileFacts[] = [];
  const fromFact = (path: string, fact: Fact): FileFacts => ({
    path,
    language: fact.language,
    status: STATUS[fact.status]!,
    code: fact.code,
    comment: fact.comment,
    blank: fact.blank,
    bytes: fact.bytes,
    vendored: vendoredComponent(path, vendored),
  });
  const totals = new ScanTotals(vendored);
  const keep = options.keepFiles !== false;
  const take = (file: FileFacts) => {
    totals.add(file);
    if (keep) files.push(file);
  };

  // Blobs the store knows (from git, or a work tree's index) are not even sent to a thread. Its
  // facts are loaded only when it holds some: loaded empty, every segment this scan writes was
  // indexed again in memory as it went (~0.15 s and ~30 MB of a new user's first work tree scan).
  const storeHadFacts = store?.hasFacts(extractor) === true;
  let work = items;
  if (store && storeHadFacts && (source.gitDir || source.indexBlobs)) {
    const known = store.facts(extractor);
    work = [];
    for (const item of items) {
      const fact =
        item.blob !== undefined
          ? known.fact(item.blob, hintOf(item.path))
          : item.indexBlob !== undefined
            ? known.factAt(source.indexBlobs!, item.indexBlob * 20, hintOf(item.path))
            : undefined;
      if (fact && fact.bytes <= maxFileSize) take(fromFact(item.path, fact));
      else work.push(item);
    }
  }

  // New facts go to the store in segments, as batches come back, so that a run cut short keeps
  // what it counted and no object per file is held until the end. The threads write each file's
  // record as the store keeps it, names as indexes into languageNames(): here they are copied.
  const pending = new FactRecords(languageNames(), SEGMENT_ROWS);
  let known: FactIndex | undefined;
  // The tree's next snapshot, built as batches come back (while the threads still count): unchanged
  // files' entries copied from the last one, read files added.
  const next = store && source.root ? new SnapshotWriter(snapshot, languageNames()) : undefined;
  // Each file's entry in the last snapshot (-1: none), looked up once, as its batch is sent. The
  // walk meets an unchanged tree's files in the order it met them last time, so the entry after
  // the last one found is tried first, and the snapshot's map by path is made only for the rest.
  const entryOf: number[] = [];
  let lastEntry = -1;
  let fresh = 0;
  let kept = 0;
  // The next snapshot is written as the scan goes from its first new entry on (a rescan that finds
  // nothing new writes nothing), each part once the batches of all the files it covers are back.
  let draft: SnapshotDraft | undefined;
  const batchEnds = new Map<number, number>();
  let placedTo = 0;
  const flush = () => {
    store!.addFacts(extractor, pending);
    pending.clear();
  };
  // What the store keeps of a batch: new facts, and the tree's next snapshot.
  const storeBatch = (store: Store, r: BatchResult, first: number) => {
    const records = new Uint32Array(r.records.buffer, r.records.byteOffset, r.records.byteLength / 4);
    for (let k = 0; k < r.sizes.length; k++) {
      const item = work[first + k]!;
      if (r.unchanged[k]) {
        next!.keep(first + k, entryOf[first + k]!, item.path);
        kept++;
        continue;
      }
      // Only facts that depend on content alone (counted, unrecognised, binary) are kept, and
      // only those of a known blob: git's or the index's, or one the thread hashed.
      const blob = knownBlob(item);
      if (r.counts[k * SLOTS + 1]! > 2 || (blob === undefined && !r.hashed[k])) continue;
      const at = k * SNAPSHOT_RECORD;
      // A file with an index blob id needs no snapshot entry: git's stat check vouches for it.
      if (next && blob === undefined) {
        next.addRecord(first + k, item.path, records, at);
        fresh++;
      }
      // A directory scan may meet content a git scan saw already. The store's facts are
      // loaded only then (a rescan that finds nothing new never needs them), and not at all
      // when it held none: a new user's first scan writes what it counts, no index built.
      if (storeHadFacts) {
        const id = blob ?? r.records.subarray(at + AT.blob, at + AT.blob + 20);
        const hint = r.counts[k * SLOTS + HINT_SLOT]!;
        if ((known ??= store.facts(extractor)).get(id, hint < 0 ? '' : languageNames()[hint]!)) continue;
      }
      pending.addRecord(records, at, blob);
    }
    if (pending.length >= SEGMENT_ROWS) flush();
    if (!next) return;
    if (!draft && fresh > 0) next.stream((draft = store.draftStatSnapshot(source.root!, extractor)));
    batchEnds.set(first, first + r.sizes.length);
    for (let end = batchEnds.get(placedTo); end !== undefined; end = batchEnds.get(placedTo)) {
      batchEnds.delete(placedTo);
      placedTo = end;
    }
    next.placedBelow(placedTo);
  };

  const warnings: ScanWarning[] = [];
  let reads = 0;
  try {
    await countFiles(
      work,
      {
        jobs: options.jobs,
        maxFileSize,
        onProgress: options.onProgress,
        gitDir: source.gitDir,
        root: source.root,
        records: store !== undefined,
        hash: store && source.root !== undefined ? (item) => !hasKnownBlob(item) : undefined,
        // A file with an index blob id needs no snapshot: git's own stat check vouched for it.
        expect:
          snapshot &&
          ((item, index, stat, at) => {
            const i = hasKnownBlob(item) ? -1 : snapshot.find(item.path, lastEntry + 1);
            entryOf[index] = i;
            if (i === -1) return undefined;
            lastEntry = i;
            // The snapshot's copy of the path serves from here on; the walk's is let go.
            item.path = snapshot.path(i);
            const size = snapshot.copyStat(i, stat, at);
            return size <= maxFileSize ? size : undefined;
          }),
        onBatch: (r, first) => {
          if (store) storeBatch(store, r, first);
          for (let k = 0; k < r.sizes.length; k++) {
            const i = first + k;
            take(fromFact(work[i]!.path, r.unchanged[k] ? snapshot!.fact(entryOf[i]!) : factAt(r, k)));
          }
          for (const [k, message] of r.errors) warnings.push({ path: work[first + k]!.path, message });
          reads += r.reads;
        },
      },
      walk,
    );
  } catch (e) {
    draft?.abandon();
    throw e;
  }
  if (store) flush();

  // An unchanged tree leaves the snapshot as it was: no need to write it again.
  if (store && next && (draft || (snapshot && kept !== snapshot.size))) {
    draft ??= store.draftStatSnapshot(source.root!, extractor);
    next.finish(draft);
    draft.commit();
  }
  files.sort(byPath);
  const result = totals.result(files);
  result.warnings = warnings.sort(byPath);
  result.reads = reads;
  return result;
}

/** File k of a batch's columns, as a fact. */
function factAt(c: Pick<FileColumns, 'counts' | 'sizes'>, k: number): Fact {
  const lang = c.counts[k * SLOTS]!;
  return {
    language: lang < 0 ? null : languageNames()[lang]!,
    status: c.counts[k * SLOTS + 1]!,
    code: c.counts[k * SLOTS + 2]!,
    comment: c.counts[k * SLOTS + 3]!,
    blank: c.counts[k * SLOTS + 4]!,
    bytes: c.sizes[k]!,
  };
}

export function vendoredComponent(path: string, components: VendoredComponent[]): string | null {
  for (const c of components) if (path.startsWith(c.path)) return c.name;
  return null;
}

/** Sums per-file facts into the totals of a ScanResult (warnings and walk counts left empty). */
export function summarize(files: FileFacts[], components: VendoredComponent[]): ScanResult {
  const totals = new ScanTotals(components);
  for (const f of files) totals.add(f);
  return totals.result(files);
}

/** The totals of a ScanResult, summed a file at a time (so that the files need not be kept). */
class ScanTotals {
  private readonly byLanguage = new Map<string, Counts>();
  private readonly vendoredByLanguage = new Map<string, Counts>();
  private readonly byComponent = new Map<string, Map<string, Counts>>();
  private readonly unrecognisedByExtension = new Map<string, { files: number; bytes: number }>();
  private readonly sums: ScanResult = {
    languages: [],
    total: emptyCounts(),
    vendored: { languages: [], total: emptyCounts(), components: [] },
    unrecognised: { files: 0, bytes: 0, extensions: [] },
    skipped: {
      binary: { files: 0, bytes: 0 },
      tooLarge: { files: 0, bytes: 0 },
      unreadable: { files: 0, bytes: 0 },
      symlinks: 0,
      special: 0,
      submodules: 0,
    },
    warnings: [],
    files: [],
  };

  constructor(private readonly components: VendoredComponent[]) {}

  add(f: FileFacts): void {
    const r = this.sums;
    if (f.status === 'counted' && f.language) {
      addCounts(getOrCreate(this.byLanguage, f.language, emptyCounts), f);
      addCounts(r.total, f);
      if (f.vendored) {
        addCounts(getOrCreate(this.vendoredByLanguage, f.language, emptyCounts), f);
        addCounts(r.vendored.total, f);
        addCounts(
          getOrCreate(
            getOrCreate(this.byComponent, f.vendored, () => new Map()),
            f.language,
            emptyCounts,
          ),
          f,
        );
      }
    } else if (f.status === 'unrecognised') {
      r.unrecognised.files++;
      r.unrecognised.bytes += f.bytes;
      const e = getOrCreate(this.unrecognisedByExtension, extensionOf(f.path), () => ({ files: 0, bytes: 0 }));
      e.files++;
      e.bytes += f.bytes;
    } else if (f.status !== 'counted') {
      r.skipped[f.status].files++;
      r.skipped[f.status].bytes += f.bytes;
    }
  }

  /** The result, with `files` as its per-file list. */
  result(files: FileFacts[]): ScanResult {
    const r = this.sums;
    r.files = files;
    r.languages = languageRows(this.byLanguage);
    r.vendored.languages = languageRows(this.vendoredByLanguage);
    r.vendored.components = this.components
      .filter((c) => this.byComponent.has(c.name))
      .map((c) => {
        const languages = languageRows(this.byComponent.get(c.name)!);
        return { name: c.name, path: c.path, languages, total: sumRows(languages) };
      });
    r.unrecognised.extensions = [...this.unrecognisedByExtension]
      .map(([extension, v]) => ({ extension, ...v }))
      .sort((a, b) => b.files - a.files || compareText(a.extension, b.extension));
    return r;
  }
}

/** Language rows, most code first (ties by name), so output is deterministic. */
export function sumRows(rows: Counts[]): Counts {
  const total = emptyCounts();
  for (const r of rows) {
    total.files += r.files;
    total.code += r.code;
    total.comment += r.comment;
    total.blank += r.blank;
    total.bytes += r.bytes;
  }
  return total;
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '(none)';
}
