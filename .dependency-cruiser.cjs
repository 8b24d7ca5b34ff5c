// The boundaries of ferrometer's one-way data flow (source → extract → store → analyze → report,
// cli on top), stated as rules so that a tool, not habit, keeps them. `npm run check:deps`.
const stage = (name) => `^src/${name}/`;

/** Each folder and the folders it must not import: nothing imports a later stage or the CLI. */
const forbiddenBy = {
  core: ['source', 'extract', 'kernel', 'store', 'analyze', 'report', 'cli'],
  source: ['extract', 'kernel', 'store', 'analyze', 'report', 'cli'],
  extract: ['kernel', 'store', 'analyze', 'report', 'cli'],
  kernel: ['store', 'analyze', 'report', 'cli'],
  store: ['source', 'extract', 'kernel', 'analyze', 'report', 'cli'],
  analyze: ['report', 'cli'],
  report: ['source', 'extract', 'store', 'cli'],
};

module.exports = {
  forbidden: [
    ...Object.entries(forbiddenBy).map(([from, later]) => ({
      name: `${from}-imports-no-later-stage`,
      comment: `src/${from} must not import ${later.join(', ')}: data flows one way, the CLI sits on top`,
      severity: 'error',
      from: { path: stage(from) },
      to: { path: `^src/(${later.join('|')})/` },
    })),
    {
      name: 'only-store-opens-the-database',
      comment: 'better-sqlite3 is imported by src/store only',
      severity: 'error',
      from: { pathNot: stage('store') },
      to: { path: '^node_modules/better-sqlite3/' },
    },
    {
      name: 'only-source-spawns-processes',
      comment: 'git and every other process are run by src/source only',
      severity: 'error',
      from: { pathNot: stage('source') },
      to: { path: '^child_process$', dependencyTypes: ['core'] },
    },
    {
      name: 'reporters-are-pure',
      comment: 'reporters turn results into text: they read no file, spawn nothing, open no database',
      severity: 'error',
      from: { path: stage('report') },
      to: { path: '^(fs|child_process|worker_threads|net|http)$', dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      comment: 'a cycle hides which module owns what',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-tests-or-dev-deps',
      comment: 'the shipped code imports neither tests nor devDependencies',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.cts', '.cjs'],
    },
  },
};
