// Distribution functions the tests in lib/stats/ need, written out so the product needs no R:
// log-gamma, normal CDF, chi-square upper tail, and the Wilcoxon signed-rank test (R's defaults).
import { averageRanks, tieSizes } from "./describe";

// Lanczos approximation (Numerical Recipes 3rd ed., `gammln`), ~1e-15 relative for x > 0.
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
  -0.210264441724104883e-3, 0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4,
  -0.261908384015814087e-4, 0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0. */
export function lgamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lgamma: x must be > 0, got ${x}`);
  let y = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** ln of the binomial coefficient C(n, k), integers 0 ≤ k ≤ n; a plain log sum for small k. */
export function lchoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  const kk = Math.min(k, n - k);
  if (kk <= 1000) {
    let s = 0;
    for (let i = 1; i <= kk; i++) s += Math.log((n - kk + i) / i);
    return s;
  }
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/**
 * Standard normal CDF Φ(x), through the incomplete gamma function: for x < 0,
 * Φ(x) = ½·Q(½, x²/2). Computing the tail directly keeps Φ(−8) to full relative precision.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0) return 0.5;
  const tail = 0.5 * gammaQ(0.5, (x * x) / 2);
  return x > 0 ? 1 - tail : tail;
}

/** Upper tail 1 − Φ(x), without cancellation for large x. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a), a > 0, x ≥ 0: the series for
 * P when x < a + 1, Lentz's continued fraction for Q otherwise (Numerical Recipes §6.2).
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || x < 0) throw new RangeError(`gammaQ: need a > 0 and x ≥ 0, got a = ${a}, x = ${x}`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const lnPre = -x + a * Math.log(x) - lgamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 10000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(lnPre);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lnPre) * h;
}

/** Chi-square upper tail P(X > x) with `df` degrees of freedom (R: `pchisq(x, df, lower.tail = FALSE)`). */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/**
 * Exact null distribution of the Wilcoxon signed-rank statistic V for n untied, non-zero
 * differences: counts[v] = number of the 2^n sign patterns whose positive ranks sum to v.
 */
export function signedRankCounts(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let v = max; v >= k; v--) counts[v] += counts[v - k];
  }
  return counts;
}

/** P(V ≤ q) for the exact signed-rank distribution with n (R: `psignrank(q, n)`). */
export function psignrank(q: number, n: number): number {
  const counts = signedRankCounts(n);
  const total = 2 ** n;
  let s = 0;
  for (let v = 0; v <= Math.min(Math.floor(q + 1e-7), counts.length - 1); v++) s += counts[v];
  return s / total;
}

export interface TWilcoxon {
  /** V: sum of the ranks of |x − y| over pairs with x > y (zeros dropped), as R reports it. */
  statistic: number;
  /** Number of non-zero differences. */
  n: number;
  /** Two-sided p value. */
  p: number;
  /** "exact" or "normal" (normal approximation with tie and continuity correction). */
  method: "exact" | "normal";
}

/**
 * Paired two-sided Wilcoxon signed-rank test of x[i] vs y[i], matching R's
 * `wilcox.test(x, y, paired = TRUE)` defaults: zero differences are dropped; with fewer than
 * 50 remaining and no ties or zeros the exact distribution is used, otherwise the normal
 * approximation with tie-corrected variance and continuity correction (correct = TRUE).
 * R stops with an error when every difference is zero; here that gives n = 0, p = 1 (no evidence).
 */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[]): TWilcoxon {
  if (x.length !== y.length) throw new RangeError(`wilcoxonSignedRank: lengths differ (${x.length} vs ${y.length})`);
  const all = x.map((xi, i) => xi - y[i]);
  const zeroes = all.some((d) => d === 0);
  const d = all.filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) return { statistic: 0, n: 0, p: 1, method: "normal" };
  const r = averageRanks(d.map(Math.abs));
  let v = 0;
  d.forEach((di, i) => {
    if (di > 0) v += r[i];
  });
  const ties = tieSizes(r);
  if (n < 50 && ties.length === 0 && !zeroes) {
    // Sum the smaller tail directly (by symmetry P(V ≥ v) = P(V ≤ n(n+1)/2 − v)), keeping small p exact.
    const p = v > (n * (n + 1)) / 4 ? psignrank((n * (n + 1)) / 2 - v, n) : psignrank(v, n);
    return { statistic: v, n, p: Math.min(2 * p, 1), method: "exact" };
  }
  const z0 = v - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties.reduce((s, t) => s + t ** 3 - t, 0) / 48);
  const z = (z0 - Math.sign(z0) * 0.5) / sigma;
  const p = 2 * Math.min(normalCdf(z), normalSf(z));
  return { statistic: v, n, p: Math.min(p, 1), method: "normal" };
}

/**
 * wilcoxonSignedRank(x, y) for paired values given with repeat counts: pair i stands for
 * `weights[i]` identical pairs (non-negative integers). Same answer as expanding the pairs and
 * calling wilcoxonSignedRank, in O(distinct pairs · log) — listwise ranks of k systems take few
 * distinct values, so a million rankings pool into a handful of pairs. Repeats are ties, so with
 * any weight above 1 R's rule picks the normal approximation; with all weights 1 this is
 * wilcoxonSignedRank itself.
 */
export function wilcoxonSignedRankWeighted(x: readonly number[], y: readonly number[], weights: readonly number[]): TWilcoxon {
  if (x.length !== y.length || x.length !== weights.length) throw new RangeError("wilcoxonSignedRankWeighted: lengths differ");
  if (weights.every((w) => w === 1)) return wilcoxonSignedRank(x, y);
  // Group the non-zero differences by |d|: weight of positives and of all.
  const groups = new Map<number, { all: number; positive: number }>();
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weights[i];
    const d = x[i] - y[i];
    if (w <= 0 || d === 0) continue;
    n += w;
    const g = groups.get(Math.abs(d)) ?? { all: 0, positive: 0 };
    g.all += w;
    if (d > 0) g.positive += w;
    groups.set(Math.abs(d), g);
  }
  if (n === 0) return { statistic: 0, n: 0, p: 1, method: "normal" };
  let below = 0;
  let v = 0;
  let tieSum = 0;
  for (const abs of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(abs)!;
    v += g.positive * (below + (g.all + 1) / 2);
    if (g.all > 1) tieSum += g.all ** 3 - g.all;
    below += g.all;
  }
  const z0 = v - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  const z = (z0 - Math.sign(z0) * 0.5) / sigma;
  const p = 2 * Math.min(normalCdf(z), normalSf(z));
  return { statistic: v, n, p: Math.min(p, 1), method: "normal" };
}
