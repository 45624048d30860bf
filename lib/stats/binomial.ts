// Exact sign (binomial) test for pairwise judgments: generated vs expert, ties left out (SPEC §5).
import { lchoose } from "./distributions";

export interface TSignTest {
  wins: number;
  losses: number;
  /** wins + losses: the decided comparisons. */
  n: number;
  /** Exact two-sided p value under H0: P(win) = 1/2. */
  p: number;
}

/**
 * Exact two-sided sign test: wins and losses are counts of decided comparisons (ties such as
 * "both good"/"both bad" are not passed in). p = min(1, 2·P(X ≤ min(wins, losses))), X ~ Bin(n, 1/2),
 * which is R's `binom.test(wins, wins + losses)$p.value` (at p = 1/2 R's two-sided rule reduces to
 * this). n = 0 gives p = 1. Terms are summed relative to the largest one, whose log comes from
 * lchoose, so n in the millions stays finite and accurate.
 */
export function signTest(wins: number, losses: number): TSignTest {
  if (!Number.isInteger(wins) || !Number.isInteger(losses) || wins < 0 || losses < 0) {
    throw new RangeError(`signTest: need non-negative integers, got ${wins}, ${losses}`);
  }
  const n = wins + losses;
  if (n === 0) return { wins, losses, n, p: 1 };
  const k = Math.min(wins, losses);
  if (2 * k === n) return { wins, losses, n, p: 1 };
  // t_i / t_k for i = k, k−1, …, 0 via t_{i−1} = t_i · i / (n − i + 1); all ≤ 1.
  let rel = 1;
  let sum = 1;
  for (let i = k; i > 0; i--) {
    rel *= i / (n - i + 1);
    sum += rel;
    if (rel < sum * 1e-17) break;
  }
  const logTail = lchoose(n, k) - n * Math.LN2 + Math.log(sum);
  return { wins, losses, n, p: Math.min(1, 2 * Math.exp(logTail)) };
}
