// Timing for the benchmarks: how long a synchronous step takes, in seconds, with its result.
export function seconds(f) {
  const t = performance.now();
  const r = f();
  return [(performance.now() - t) / 1000, r];
}
