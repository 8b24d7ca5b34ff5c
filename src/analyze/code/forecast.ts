// Where a series is heading: two growth models fitted over release dates, the better one by AICc,
// the value it projects at a date with an 80 % prediction interval, and a backtest (fit without the
// last three releases, compare with what happened). Pure arithmetic; docs/FORECAST.md says why these
// models and how far to trust them.
//
// Both models are fitted on a log scale, where a relative error weighs the same at 1 K and 100 K:
// - exponential (log-linear): ln y = a + b·t;
// - logistic: y = K / (1 + e^(−r·(t − t0))), which levels off at K. For a given K it is linear in t
//   after ln(K/y − 1); K is chosen by a search that minimises the squared log error. An interval for
//   the logistic is that of the line at the chosen K: the uncertainty of K itself is not in it.
// t is in years. Only values above zero are fitted (a series starts where Rust first appears).

export type ModelName = 'exponential' | 'logistic';

export interface Fit {
  model: ModelName;
  /** exponential: ln y = a + b·t; logistic: ln(K/y − 1) = a + b·t (b = −r). */
  a: number;
  b: number;
  /** The logistic's ceiling. */
  ceiling?: number;
  /** Squared error of ln y, points, parameters, and the corrected Akaike criterion (lower is better). */
  sse: number;
  n: number;
  parameters: number;
  aicc: number | null;
  /** For the prediction interval of the line: residual variance, mean t and Σ(t − mean)². */
  variance: number;
  meanT: number;
  sxx: number;
}

export interface Projection {
  value: number;
  /** The 80 % prediction interval. */
  low: number;
  high: number;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export function yearsSince(origin: string, date: string): number {
  return (Date.parse(date) - Date.parse(origin)) / YEAR_MS;
}

/** Student's t at 0.90 (two-sided 80 %) by degrees of freedom: a standard table, normal beyond. */
const T90 = [
  NaN,
  3.078,
  1.886,
  1.638,
  1.533,
  1.476,
  1.44,
  1.415,
  1.397,
  1.383,
  1.372,
  1.363,
  1.356,
  1.35,
  1.345,
  1.341,
  1.337,
  1.333,
  1.33,
  1.328,
  1.325,
];
export function t90(df: number): number {
  if (df < 1) return Infinity;
  if (df < T90.length) return T90[df]!;
  if (df <= 30) return 1.31;
  if (df <= 60) return 1.296;
  if (df <= 120) return 1.289;
  return 1.282;
}

function line(ts: number[], zs: number[]): { a: number; b: number; sse: number; meanT: number; sxx: number } {
  const n = ts.length;
  const meanT = ts.reduce((s, t) => s + t, 0) / n;
  const meanZ = zs.reduce((s, z) => s + z, 0) / n;
  let sxx = 0;
  let sxz = 0;
  for (let i = 0; i < n; i++) {
    sxx += (ts[i]! - meanT) ** 2;
    sxz += (ts[i]! - meanT) * (zs[i]! - meanZ);
  }
  const b = sxx ? sxz / sxx : 0;
  const a = meanZ - b * meanT;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (zs[i]! - a - b * ts[i]!) ** 2;
  return { a, b, sse, meanT, sxx };
}

function aicc(sse: number, n: number, k: number): number | null {
  // k parameters of the curve plus the error variance.
  const p = k + 1;
  if (n - p - 1 <= 0) return null;
  return n * Math.log(Math.max(sse, 1e-12) / n) + 2 * p + (2 * p * (p + 1)) / (n - p - 1);
}

function logisticValue(ceiling: number, a: number, b: number, t: number): number {
  return ceiling / (1 + Math.exp(a + b * t));
}

export function fitExponential(ts: number[], ys: number[]): Fit {
  const l = line(
    ts,
    ys.map((y) => Math.log(y)),
  );
  const n = ts.length;
  return {
    model: 'exponential',
    a: l.a,
    b: l.b,
    sse: l.sse,
    n,
    parameters: 2,
    aicc: aicc(l.sse, n, 2),
    variance: n > 2 ? l.sse / (n - 2) : NaN,
    meanT: l.meanT,
    sxx: l.sxx,
  };
}

/** The logistic by a search over its ceiling K (above the largest value; at most `maxCeiling`, e.g. 100 for a share). */
export function fitLogistic(ts: number[], ys: number[], maxCeiling = Infinity): Fit | undefined {
  const n = ts.length;
  if (n < 3) return undefined;
  const top = Math.max(...ys);
  const logErr = (ceiling: number) => {
    const l = line(
      ts,
      ys.map((y) => Math.log(ceiling / y - 1)),
    );
    let sse = 0;
    for (let i = 0; i < n; i++) sse += (Math.log(ys[i]!) - Math.log(logisticValue(ceiling, l.a, l.b, ts[i]!))) ** 2;
    return { l, sse };
  };
  // K from just above the largest value to 1000× it, on a log grid, then refined around the best.
  let lo = Math.log(top * 1.0001);
  let hi = Math.log(Math.min(top * 1000, maxCeiling));
  if (!(hi > lo)) return undefined;
  let best = { k: lo, sse: Infinity };
  for (let round = 0; round < 4; round++) {
    const steps = 60;
    for (let i = 0; i <= steps; i++) {
      const k = lo + ((hi - lo) * i) / steps;
      const { sse } = logErr(Math.exp(k));
      if (sse < best.sse) best = { k, sse };
    }
    const width = (hi - lo) / steps;
    [lo, hi] = [Math.max(Math.log(top * 1.0001), best.k - width), best.k + width];
  }
  const ceiling = Math.exp(best.k);
  const { l, sse } = logErr(ceiling);
  return {
    model: 'logistic',
    a: l.a,
    b: l.b,
    ceiling,
    sse,
    n,
    parameters: 3,
    aicc: aicc(sse, n, 3),
    variance: n > 3 ? l.sse / (n - 3) : NaN,
    meanT: l.meanT,
    sxx: l.sxx,
  };
}

export function project(fit: Fit, t: number): Projection {
  const spread = t90(fit.n - fit.parameters) * Math.sqrt(fit.variance * (1 + 1 / fit.n + (fit.sxx ? (t - fit.meanT) ** 2 / fit.sxx : 0)));
  const z = fit.a + fit.b * t;
  if (fit.model === 'exponential') return { value: Math.exp(z), low: Math.exp(z - spread), high: Math.exp(z + spread) };
  const k = fit.ceiling!;
  const at = (zz: number) => k / (1 + Math.exp(zz));
  // z grows as the value falls: the interval's ends swap.
  return { value: at(z), low: at(z + spread), high: at(z - spread) };
}

/** The better fit: lower AICc; with too few points for the logistic's AICc, the exponential. */
export function chooseFit(fits: (Fit | undefined)[]): Fit {
  const usable = fits.filter((f): f is Fit => f !== undefined);
  const scored = usable.filter((f) => f.aicc !== null);
  if (scored.length) return scored.reduce((a, b) => (b.aicc! < a.aicc! ? b : a));
  return usable.find((f) => f.model === 'exponential')!;
}

export interface SeriesForecast {
  key: string;
  label: string;
  /** Points fitted: the revisions whose value is above zero. */
  fitted: number;
  model: ModelName;
  /** Both models' AICc (null: too few points for it). */
  criteria: { model: ModelName; aicc: number | null; ceiling?: number }[];
  /** Growth: the exponential's doubling time in years, or the logistic's ceiling. */
  doublingYears?: number;
  ceiling?: number;
  at: string;
  projection: Projection;
  /** Fit without the last three revisions, projected to each of them; null with fewer than six points (three to fit). */
  backtest: { revision: string; date: string; actual: number; projected: Projection; inside: boolean }[] | null;
}

export interface ForecastInput {
  key: string;
  label: string;
  /** A ceiling for the logistic when the series has one (a share: 100). */
  maxCeiling?: number;
  points: { revision: string; date: string; value: number | null }[];
}

/** Backtests hold out this many of the latest revisions. */
export const HELD_OUT = 3;

function fitBoth(ts: number[], ys: number[], maxCeiling?: number): Fit {
  return chooseFit([fitExponential(ts, ys), fitLogistic(ts, ys, maxCeiling)]);
}

/** The forecast of one series at `at` (YYYY-MM-DD), or undefined with fewer than four usable points. */
export function forecastSeries(input: ForecastInput, at: string): SeriesForecast | undefined {
  const points = input.points.filter((p): p is typeof p & { value: number } => p.value !== null && p.value > 0);
  if (points.length < 4) return undefined;
  const origin = points[0]!.date;
  const ts = points.map((p) => yearsSince(origin, p.date));
  const ys = points.map((p) => p.value);
  const exponential = fitExponential(ts, ys);
  const logistic = fitLogistic(ts, ys, input.maxCeiling);
  const fit = chooseFit([exponential, logistic]);
  let backtest: SeriesForecast['backtest'] = null;
  if (points.length - HELD_OUT >= 3) {
    const k = points.length - HELD_OUT;
    const early = fitBoth(ts.slice(0, k), ys.slice(0, k), input.maxCeiling);
    backtest = points.slice(k).map((p, i) => {
      const projected = project(early, ts[k + i]!);
      return {
        revision: p.revision,
        date: p.date,
        actual: p.value,
        projected,
        inside: p.value >= projected.low && p.value <= projected.high,
      };
    });
  }
  return {
    key: input.key,
    label: input.label,
    fitted: points.length,
    model: fit.model,
    criteria: [exponential, logistic]
      .filter((f): f is Fit => f !== undefined)
      .map((f) => ({ model: f.model, aicc: f.aicc, ...(f.ceiling !== undefined ? { ceiling: f.ceiling } : {}) })),
    ...(fit.model === 'exponential' && fit.b > 0 ? { doublingYears: Math.LN2 / fit.b } : {}),
    ...(fit.ceiling !== undefined ? { ceiling: fit.ceiling } : {}),
    at,
    projection: project(fit, yearsSince(origin, at)),
    backtest,
  };
}
