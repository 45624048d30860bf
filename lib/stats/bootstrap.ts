// Percentile bootstrap of a mean over items, on per-item sums and counts (SPEC §5): O(items × resamples).
import type { Rng } from "@/lib/random/rng";
import type { TInterval } from "./bradley-terry";
import { quantileSorted } from "./describe";

/**
 * Mean of every value (Σ sums / Σ counts) with a percentile bootstrap 95% interval (R quantile
 * type 7 at 2.5% / 97.5%) that resamples ITEMS: `sums[i]` and `counts[i]` are item i's total and
 * number of values (e.g. the Likert answers to one criterion for one system). Each resample draws
 * as many items as there are with replacement (items without values are dropped first). The
 * caller stores the seed behind `rng`. No items: NaN throughout.
 */
export function itemMeanBootstrap(
  sums: ArrayLike<number>,
  counts: ArrayLike<number>,
  { resamples = 1000, rng }: { resamples?: number; rng: Rng },
): TInterval & { items: number; resamples: number } {
  const S: number[] = [];
  const C: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) {
      S.push(sums[i]);
      C.push(counts[i]);
    }
  }
  const m = S.length;
  if (m === 0) return { estimate: NaN, lower: NaN, upper: NaN, items: 0, resamples: 0 };
  let ts = 0;
  let tc = 0;
  for (let i = 0; i < m; i++) {
    ts += S[i];
    tc += C[i];
  }
  const draws = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    let c = 0;
    for (let t = 0; t < m; t++) {
      const i = rng.int(m);
      s += S[i];
      c += C[i];
    }
    draws[r] = s / c;
  }
  const sorted = Array.from(draws.sort());
  return { estimate: ts / tc, lower: quantileSorted(sorted, 0.025), upper: quantileSorted(sorted, 0.975), items: m, resamples };
}
