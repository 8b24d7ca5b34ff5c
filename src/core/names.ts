// The names closest to one a user mistyped (edit distance), for "did you mean" hints.

export function closestNames(name: string, names: string[], n: number): string[] {
  return names
    .map((t) => ({ t, d: editDistance(name, t) }))
    .sort((a, b) => a.d - b.d || (a.t < b.t ? -1 : 1))
    .slice(0, n)
    .map((x) => x.t);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
