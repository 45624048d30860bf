// Wilson score intervals for the proportions in every count table (SPEC §5).

export interface TProportion {
  /** k / n. */
  p: number;
  lower: number;
  upper: number;
}

/** qnorm(0.975): the z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for k successes out of n (R: `prop.test(k, n, correct = FALSE)$conf.int`):
 * (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n), with the bounds at k = 0 and k = n set to
 * exactly 0 and 1 as R does. n = 0 gives NaN throughout (no data, no interval).
 */
export function wilson(k: number, n: number, z = Z95): TProportion {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilson: need integers 0 ≤ k ≤ n, got k = ${k}, n = ${n}`);
  }
  if (n === 0) return { p: NaN, lower: NaN, upper: NaN };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    p,
    lower: k === 0 ? 0 : (centre - half) / denom,
    upper: k === n ? 1 : (centre + half) / denom,
  };
}
