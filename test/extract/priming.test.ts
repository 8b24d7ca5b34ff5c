// The line counter is primed once per thread so that V8's optimised code never meets a path it has
// not seen (file-facts.ts, line-counter.ts). Checked with V8's block coverage: after priming alone,
// every block of the counter and of the helpers it calls has run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { it } from 'node:test';

/** What line-counter.js holds besides the counter: compiling a syntax, priming, the module itself. */
const NOT_COUNTING = new Set(['', 'compileSyntax', 'bytes', 'primeLineCounter', 'primingSnippets']);

it('priming runs every block of the line counter', async () => {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  // Loaded only now, so that its functions are compiled with block counters.
  const { LineExtractor } = await import('../../src/extract/file-facts.js');
  new LineExtractor().prime();
  const { result } = await session.post('Profiler.takePreciseCoverage');
  session.disconnect();
  const script = result.find((s) => s.url.endsWith('/extract/line-counter.js'));
  assert.ok(script, 'line-counter.js was not loaded');
  const source = readFileSync(new URL(script.url), 'utf8');
  const missed: string[] = [];
  const counting = script.functions.filter((f) => !NOT_COUNTING.has(f.functionName));
  assert.ok(counting.some((f) => f.functionName === 'count'));
  for (const fn of counting) {
    const name = fn.functionName;
    for (const r of fn.ranges) {
      if (r.count > 0) continue;
      const line = source.slice(0, r.startOffset).split('\n').length;
      missed.push(`${name}, line ${line}: ${source.slice(r.startOffset, r.endOffset).slice(0, 60)}`);
    }
  }
  assert.deepEqual(missed, []);
});
