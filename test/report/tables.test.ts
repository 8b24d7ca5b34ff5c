// Text tables stay readable on long or small inputs (issue 18): the history trend column is at
// most TREND_WIDTH characters however many revisions there are, a tiny share is not "0.00", and
// large numbers carry thousands separators in text and Markdown, never in CSV.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryResult } from '../../src/analyze/code/history.js';
import { renderHistory, TREND_WIDTH } from '../../src/report/history.js';
import { renderCsv, renderMarkdown, renderText, shareText, type Table } from '../../src/report/table.js';

const counts = (code: number) => ({ files: 1, code, comment: 0, blank: 0, bytes: code });

describe('history table', () => {
  it('shows at most TREND_WIDTH revisions of trend on a row, however long the list', () => {
    const revisions = Array.from({ length: 60 }, (_, i) => ({
      revision: `v${i}`,
      commit: String(i).padStart(40, '0'),
      date: new Date(Date.UTC(2020, 0, 1 + i)).toISOString(),
      languages: [
        { language: 'C', ...counts(1000) },
        { language: 'Rust', ...counts(i) },
      ],
      total: counts(1000 + i),
      vendored: { languages: [], total: counts(0) },
      rust: { code: i, ownCode: i, share: (100 * i) / (1000 + i), ownShare: (100 * i) / (1000 + i) },
    }));
    const h: HistoryResult = { depth: 2, measures: ['lines'], revisions, adoption: [], series: [], warnings: [] };
    const lines = renderHistory(h, 'table', false)
      .split('\n')
      .filter((l) => /^v\d+ /.test(l));
    assert.equal(lines.length, 60);
    const trend = (line: string) => line.trimEnd().split(/\s+/).at(-1)!;
    assert.equal(trend(lines[3]!).length, 4);
    assert.equal(trend(lines[59]!).length, TREND_WIDTH);
    assert.ok(
      lines.every((l) => l.length === lines[59]!.length),
      'every row as wide as the last',
    );
  });
});

describe('shareText', () => {
  it('two decimals, or two significant digits below 0.01 % (never "0.00" for something)', () => {
    assert.deepEqual([shareText(12.345), shareText(0.0034), shareText(0), shareText(0.01)], ['12.35', '0.0034', '0.00', '0.01']);
  });
});

describe('numbers in tables', () => {
  const table: Table = {
    headers: ['Year', 'Lines', 'Share'],
    rows: [
      ['2025', 34_123_456, 12345.25],
      ['2026', 999, -1234],
    ],
    footer: [['Total', 34_124_455, 0]],
  };

  it('text and Markdown group thousands (the fraction and text cells such as years untouched)', () => {
    const text = renderText(table);
    assert.match(text, /^2025 +34,123,456 +12,345\.25$/m);
    assert.match(text, /^2026 +999 +-1,234$/m);
    assert.match(text, /^Total +34,124,455 +0$/m);
    assert.match(renderMarkdown(table), /^\| 2025 \| 34,123,456 \| 12,345\.25 \|$/m);
  });

  it('CSV keeps plain numbers for the programs that read it', () => {
    assert.equal(renderCsv(table), 'Year,Lines,Share\n2025,34123456,12345.25\n2026,999,-1234\n');
  });
});
