// The overview the report shows: every analysis of one tree (or a clone's newest release tag),
// its older releases, and the vulns corpus, each as its command computes it. Nothing here is
// computed for the page alone: each panel holds what a CLI command prints, and names that command.
import { compareText, type ScanResult } from '../../core/types.js';
import { primarySection } from '../../kernel/maintainers.js';
import type { GitRepo, Revision } from '../../source/git.js';
import type { Claim } from '../claims/catalogue.js';
import { checkClaims, type ClaimsResult } from '../claims/claims.js';
import { readVulnsInput, releaseSource, rustPeople, type ClaimSources, type GatherOptions } from '../claims/gather.js';
import { byRelease, maintainersOr, readRevisionRelease, readTreeRelease, type ReadRelease, type ReleaseFacts } from '../claims/releases.js';
import type { ClaimInputs } from '../claims/verdicts.js';
import { history, rustShare, type HistoryResult, type RustShare } from '../code/history.js';
import { MEASURES } from '../code/measures.js';
import { directoryPrefix } from '../code/rollup.js';
import { scanRevision, scanTree } from '../code/scan.js';
import { analyzeCves, type CveResult } from '../cves/cves.js';
import { rustCodeFiles, rustMaintainers, type RustMaintainers } from '../people/maintainers-rust.js';
import { auditBindings, type BindingsResult } from '../rust/bindings.js';
import { readRustTree } from '../rust/rust-tree.js';
import { auditUnsafe, isFailing, type UnsafeResult } from '../rust/unsafe.js';

export const PANELS = ['claims', 'languages', 'treemap', 'history', 'unsafe', 'bindings', 'maintainers', 'people', 'cves'] as const;
export type PanelId = (typeof PANELS)[number];

/** A directory of the treemap: code lines by language group, and its subdirectories. */
export interface TreeNode {
  name: string;
  path: string;
  c: number;
  rust: number;
  other: number;
  children?: TreeNode[];
}

export interface PeopleRow {
  interval: string;
  changesets: number;
  developers: number;
  firstTime: number | null;
  wentQuiet: number;
  reviewed: number;
  reviewShare: number;
}

export interface OverviewPanels {
  claims: ClaimsResult;
  languages: {
    languages: ScanResult['languages'];
    vendored: ScanResult['vendored']['languages'];
    total: ScanResult['total'];
    rust: RustShare;
  };
  treemap: { depth: number; root: TreeNode };
  history: Pick<HistoryResult, 'revisions' | 'series' | 'adoption' | 'drivers' | 'forecast'>;
  unsafe: Pick<UnsafeResult, 'summary' | 'vendored' | 'undocumentedUnsafeBlocks' | 'grouping' | 'rows'> & {
    undocumented: { path: string; line: number }[];
  };
  bindings: Pick<BindingsResult, 'summary' | 'subsystems' | 'toolchain'> & { headers: number; helpers: number };
  maintainers: Omit<RustMaintainers, 'onlyCatchAll'> & { onlyCatchAll: number };
  people: { scope: string; intervals: PeopleRow[] };
  cves: Pick<CveResult, 'published' | 'rejected' | 'byLanguage' | 'byYear' | 'classes' | 'rust'>;
}

export interface Overview {
  /** What was read: the tree (or the clone and its newest tag), the older trees, the vulns clone. */
  inputs: {
    tree: string;
    revision?: { name: string; commit: string };
    release: string | null;
    also: string[];
    releases: number;
    vulns?: { path: string; commit?: string };
  };
  today: string;
  panels: Partial<OverviewPanels>;
  /** Each panel's command: the CLI invocation that prints the same JSON. */
  methods: Partial<Record<PanelId, string>>;
  /** Panels left out, and why (an input missing). */
  missing: { panel: PanelId; reason: string }[];
}

/** What the claims read, and the catalogue whose claims head the page. */
export interface OverviewSources extends Omit<ClaimSources, 'authors'> {
  catalogue: Claim[];
}

/** Depth of the treemap's directories: the kernel's 90 K files become a few thousand nodes. */
export const TREEMAP_DEPTH = 4;

export function treemapOf(files: ScanResult['files'], depth = TREEMAP_DEPTH): TreeNode {
  const root: TreeNode = { name: '.', path: '', c: 0, rust: 0, other: 0 };
  const index = new Map<string, TreeNode>([['', root]]);
  for (const f of files) {
    if (f.status !== 'counted' || !f.code) continue;
    const group = f.language === 'C' || f.language === 'C Header' ? 'c' : f.language === 'Rust' ? 'rust' : 'other';
    const parts = f.path.split('/').slice(0, -1).slice(0, depth);
    let node = root;
    node[group] += f.code;
    let path = '';
    for (const part of parts) {
      path = path ? `${path}/${part}` : part;
      let child = index.get(path);
      if (!child) {
        child = { name: part, path, c: 0, rust: 0, other: 0 };
        (node.children ??= []).push(child);
        index.set(path, child);
      }
      child[group] += f.code;
      node = child;
    }
  }
  const sort = (n: TreeNode) => {
    n.children?.sort((a, b) => b.c + b.rust + b.other - (a.c + a.rust + a.other) || compareText(a.name, b.name));
    n.children?.forEach(sort);
  };
  sort(root);
  return root;
}

/** The tree the panels show: the clone's newest tag, or the directory. */
async function readMain(
  clone: { repo: GitRepo; tags: Revision[] } | undefined,
  tree: string,
  options: GatherOptions,
): Promise<ReadRelease> {
  const last = clone?.tags.at(-1);
  if (clone && last)
    return {
      scan: await scanRevision(clone.repo, last, options),
      rust: await readRustTree(clone.repo.path, last.commit, options),
      maintainers: maintainersOr(clone.repo.path, last.commit),
    };
  return {
    scan: await scanTree(tree, options),
    rust: await readRustTree(tree, undefined, options),
    maintainers: maintainersOr(tree, undefined),
  };
}

const ONE_YEAR_LATER = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;

export async function readOverview(sources: OverviewSources, options: GatherOptions): Promise<Overview> {
  const clone = releaseSource(sources);
  const { repo, tags } = clone ?? { repo: undefined, tags: [] };
  const dated = clone !== undefined;
  const revision = tags.at(-1);
  // The vulns first: a wrong path is said before the tree is read.
  const vulns = sources.vulns === undefined ? undefined : await readVulnsInput(sources.vulns, sources.vulnsRev, options.store);
  const main = await readMain(clone, sources.tree, options);
  const m = typeof main.maintainers === 'string' ? undefined : main.maintainers;
  const subsystemOf = (p: string) => (m ? (primarySection(m, p)?.name ?? '(no section)') : directoryPrefix(p, 2));
  const rev = revision ? ` --rev ${revision.name}` : '';
  const panels: Partial<OverviewPanels> = {};
  const methods: Partial<Record<PanelId, string>> = {};
  const missing: Overview['missing'] = [];

  // The releases the claims read: the clone's tags, or this tree and the older ones given; the
  // main tree's facts come from what was just read.
  const releases: ReleaseFacts[] = [];
  let mainFacts: ReleaseFacts;
  if (clone) {
    for (const t of tags.slice(0, -1)) releases.push(await readRevisionRelease(clone.repo, t, options));
    mainFacts = await readRevisionRelease(clone.repo, revision!, options, main);
    releases.push(mainFacts);
  } else {
    mainFacts = await readTreeRelease(sources.tree, options, main);
    releases.push(mainFacts);
    for (const t of sources.also) releases.push(await readTreeRelease(t, options));
    releases.sort(byRelease);
  }
  const inputs: ClaimInputs = {
    releases,
    ...(dated ? { repository: sources.tree } : {}),
    ...(vulns ? { vulns } : {}),
    today: sources.today,
  };
  panels.claims = checkClaims(sources.catalogue, inputs);
  methods.claims = `ferrometer claims ${sources.tree}${sources.also.length ? ` --also ${sources.also.join(' ')}` : ''}${sources.vulns ? ` --vulns ${sources.vulns}` : ''} --format json`;

  panels.languages = {
    languages: main.scan.languages,
    vendored: main.scan.vendored.languages,
    total: main.scan.total,
    rust: rustShare(main.scan),
  };
  methods.languages = `ferrometer scan ${sources.tree}${rev} --format json`;
  panels.treemap = { depth: TREEMAP_DEPTH, root: treemapOf(main.scan.files) };
  methods.treemap = `ferrometer scan ${sources.tree}${rev} --by dir:${TREEMAP_DEPTH} --format json`;

  if (dated && tags.length >= 2) {
    const h = await history(repo!, tags, { ...options, measures: [...MEASURES], forecastAt: ONE_YEAR_LATER(sources.today) });
    panels.history = { revisions: h.revisions, series: h.series, adoption: h.adoption, drivers: h.drivers, forecast: h.forecast };
    methods.history = `ferrometer history ${sources.tree} --revs ${tags.map((t) => t.name).join(',')} --measures all --forecast ${ONE_YEAR_LATER(sources.today)} --format json`;
  } else missing.push({ panel: 'history', reason: 'every measure per release needs a git clone with release tags (give one as the tree)' });

  const u = auditUnsafe(main.rust, { kind: 'subsystem' }, subsystemOf);
  panels.unsafe = {
    summary: u.summary,
    vendored: u.vendored,
    undocumentedUnsafeBlocks: u.undocumentedUnsafeBlocks,
    grouping: u.grouping,
    rows: u.rows,
    undocumented: u.sites.filter(isFailing).map((s) => ({ path: s.path, line: s.line })),
  };
  methods.unsafe = `ferrometer unsafe ${sources.tree}${rev} --by subsystem --list --format json`;
  const b = auditBindings(main.rust, subsystemOf);
  panels.bindings = {
    summary: b.summary,
    subsystems: b.subsystems,
    toolchain: b.toolchain,
    headers: b.headers.length,
    helpers: b.helpers.length,
  };
  methods.bindings = `ferrometer bindings ${sources.tree}${rev} --format json`;

  if (m) {
    const rm = rustMaintainers(m, rustCodeFiles(main.rust));
    panels.maintainers = { ...rm, onlyCatchAll: rm.onlyCatchAll.length };
    methods.maintainers = `ferrometer maintainers ${sources.tree}${rev} --rust --format json`;
  } else missing.push({ panel: 'maintainers', reason: `${main.maintainers}: the tree has no MAINTAINERS` });

  if (dated && tags.length >= 2) {
    const result = await rustPeople(repo!, tags, options.store, 10);
    panels.people = {
      scope: result.scope,
      intervals: result.intervals.map((i) => ({
        interval: i.label,
        changesets: i.changesets,
        developers: i.developers,
        firstTime: i.firstTime ? i.firstTime.inScope.length : null,
        wentQuiet: i.wentQuiet.length,
        reviewed: i.reviewCoverage.reviewed,
        reviewShare: i.reviewCoverage.share,
      })),
    };
    methods.people = `ferrometer people ${sources.tree} --revs ${tags.map((t) => t.name).join(',')} --rust --format json`;
  } else missing.push({ panel: 'people', reason: 'authors, reviewers and first-timers per release need a git clone with release tags' });

  if (vulns) {
    const c = analyzeCves(vulns.corpus);
    panels.cves = {
      published: c.published,
      rejected: c.rejected,
      byLanguage: c.byLanguage,
      byYear: c.byYear,
      classes: c.classes,
      rust: c.rust,
    };
    methods.cves = `ferrometer cves ${sources.vulns} --format json`;
  } else missing.push({ panel: 'cves', reason: "CVEs need --vulns DIR, a clone of the kernel CNA's vulns repository" });

  return {
    inputs: {
      tree: sources.tree,
      ...(revision ? { revision: { name: revision.name, commit: revision.commit } } : {}),
      release: mainFacts.release,
      also: sources.also,
      releases: releases.length,
      ...(vulns ? { vulns: { path: vulns.path, ...(vulns.corpus.source.commit ? { commit: vulns.corpus.source.commit } : {}) } } : {}),
    },
    today: sources.today,
    panels,
    methods,
    missing,
  };
}
