// Descriptive statistics for rating tables and bootstrap summaries: mean, SD, median, quantiles.

/** Arithmetic mean of `xs`; NaN for an empty list. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (divisor n − 1, like R's `sd`); NaN for fewer than two values. */
export function sd(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Quantile of `xs` at probability `p` ∈ [0, 1], R's default type 7:
 * with h = (n − 1)·p on the sorted values x[0..n−1], x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * NaN values are dropped first; NaN for an empty list.
 */
export function quantile(xs: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return quantileSorted(sorted, p);
}

/** quantile() for values already sorted ascending without NaN (saves re-sorting in bootstraps). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo];
  const b = sorted[hi];
  // Equal neighbours (including ±Infinity) need no interpolation, and Inf − Inf would be NaN.
  if (a === b || h === lo) return a;
  return a + (h - lo) * (b - a);
}

/** Median (R's `median`): the type-7 quantile at 0.5. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/**
 * Ranks of `xs` (1 = smallest), ties given the average of the ranks they span (R's
 * `rank(x, ties.method = "average")`).
 */
export function averageRanks(xs: readonly number[]): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ranks = new Array<number>(xs.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]] === xs[idx[i]]) j++;
    const r = (i + j + 2) / 2;
    for (let t = i; t <= j; t++) ranks[idx[t]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Sizes of the groups of equal values in `xs` (only groups of two or more), for tie corrections. */
export function tieSizes(xs: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}
