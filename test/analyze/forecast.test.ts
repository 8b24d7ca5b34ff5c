// The forecast on synthetic series with known parameters: an exponential and a logistic, each with
// a small fixed multiplicative noise. The right model is chosen, its parameters come back, the
// projection lands near the true value and inside its interval, and the backtest says how it did.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseFit, fitExponential, fitLogistic, forecastSeries, t90, yearsSince } from '../../src/analyze/code/forecast.js';

const ORIGIN = Date.parse('2022-01-01T00:00:00Z');
const YEAR = 365.25 * 24 * 3600 * 1000;
const dateAt = (t: number) => new Date(ORIGIN + t * YEAR).toISOString();
// ±2 % and ±1 %, in a fixed pattern: no randomness in a test.
const NOISE = [1.02, 0.99, 1.01, 0.98, 1.0, 1.015, 0.985];

function series(f: (t: number) => number, count: number, step: number) {
  return Array.from({ length: count }, (_, i) => {
    const t = i * step;
    return { revision: `v${i}`, date: dateAt(t), value: f(t) * NOISE[i % NOISE.length]! };
  });
}

describe('forecast', () => {
  it('an exponential series: the exponential wins, its doubling time and the projection come back', () => {
    const truth = (t: number) => 1000 * Math.exp(0.6 * t);
    const points = series(truth, 12, 0.25);
    const f = forecastSeries({ key: 'x', label: 'x', points }, '2026-01-01')!;
    assert.equal(f.model, 'exponential');
    assert.ok(Math.abs(f.doublingYears! - Math.LN2 / 0.6) < 0.05, `doubling ${f.doublingYears}`);
    const t = yearsSince('2022-01-01T00:00:00Z', '2026-01-01');
    const expected = truth(t);
    assert.ok(Math.abs(f.projection.value / expected - 1) < 0.1, `${f.projection.value} vs ${expected}`);
    assert.ok(f.projection.low < expected && expected < f.projection.high);
    assert.equal(f.backtest!.length, 3);
    assert.ok(f.backtest!.every((b) => b.inside));
  });

  it('a logistic series: the logistic wins and finds its ceiling; a share stays under 100', () => {
    const truth = (t: number) => 50_000 / (1 + Math.exp(-2 * (t - 2)));
    const points = series(truth, 13, 0.33);
    const f = forecastSeries({ key: 'x', label: 'x', points }, '2028-01-01')!;
    assert.equal(f.model, 'logistic');
    assert.ok(Math.abs(f.ceiling! / 50_000 - 1) < 0.1, `ceiling ${f.ceiling}`);
    assert.ok(Math.abs(f.projection.value / 50_000 - 1) < 0.1, `projection ${f.projection.value}`);
    const share = series((t) => 90 / (1 + Math.exp(-2 * (t - 2))), 13, 0.33);
    const s = forecastSeries({ key: 's', label: 's', maxCeiling: 100, points: share }, '2040-01-01')!;
    assert.ok(s.projection.high <= 100, `share interval ${s.projection.high}`);
  });

  it('zeros before the first Rust are not fitted; fewer than four values above zero give no forecast', () => {
    const points = [0, 0, 10, 20, 40].map((value, i) => ({ revision: `v${i}`, date: dateAt(i), value }));
    assert.equal(forecastSeries({ key: 'x', label: 'x', points }, '2030-01-01'), undefined);
    points.push({ revision: 'v5', date: dateAt(5), value: 80 });
    const f = forecastSeries({ key: 'x', label: 'x', points }, '2030-01-01')!;
    assert.equal(f.fitted, 4);
    // Four points: three to fit a backtest needs six.
    assert.equal(f.backtest, null);
    // Doubling every year exactly: the exponential, doubling time 1.
    assert.equal(f.model, 'exponential');
    assert.ok(Math.abs(f.doublingYears! - 1) < 1e-9);
  });

  it('AICc decides; with too few points for the logistic, the exponential', () => {
    const ts = [0, 1, 2, 3];
    const ys = [10, 20, 40, 80];
    const e = fitExponential(ts, ys);
    const l = fitLogistic(ts, ys)!;
    assert.equal(l.aicc, null, 'four points: no AICc for three parameters and a variance');
    assert.equal(chooseFit([e, l]).model, 'exponential');
    assert.equal(t90(1), 3.078);
    assert.equal(t90(10), 1.372);
    assert.equal(t90(1000), 1.282);
  });
});
