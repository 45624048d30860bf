// Inter-rater agreement for judge-vs-human comparisons (SPEC §5): Cohen's kappa on a nominal
// choice (e.g. the top-ranked system) and Kendall's tau-b between rankings.

export interface TKappa {
  /** (observed − expected) / (1 − expected); NaN when expected = 1 (both raters used one and the same category throughout) or n = 0. */
  kappa: number;
  /** Number of items both raters labelled. */
  n: number;
  /** Share of items on which the two labels are equal. */
  observed: number;
  /** Chance agreement: Σ over categories of pA(k) · pB(k). */
  expected: number;
}

/**
 * Cohen's kappa for two raters on nominal labels. `a[i]` and `b[i]` are the two raters' labels
 * for item i; the arrays must have the same length. Undefined cases give NaN (never a made-up
 * 0 or 1): with no items, and when chance agreement is already certain (expected = 1), because
 * kappa is 0/0 there. Table cells render NaN as "—".
 */
export function cohensKappa(a: readonly string[], b: readonly string[]): TKappa {
  if (a.length !== b.length) throw new RangeError(`cohensKappa: rater lists differ in length (${a.length} vs ${b.length})`);
  const n = a.length;
  if (n === 0) return { kappa: NaN, n: 0, observed: NaN, expected: NaN };
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
  }
  let expected = 0;
  for (const [k, ca] of countA) expected += (ca / n) * ((countB.get(k) ?? 0) / n);
  const observed = agree / n;
  // Float sums of products can land a hair off 1; treat that as the degenerate case too.
  const kappa = Math.abs(1 - expected) < 1e-12 ? NaN : (observed - expected) / (1 - expected);
  return { kappa, n, observed, expected };
}

/**
 * Kendall's tau-b between paired scores `x[i]`, `y[i]` (e.g. the rank two raters gave system i):
 * (C − D) / √((C + D + Ty)(C + D + Tx)), where C/D count concordant/discordant pairs and Tx/Ty
 * pairs tied only in x/only in y. Without ties it equals tau-a, (C − D) / (n choose 2). NaN when
 * one side is constant or there are fewer than two values.
 */
export function kendallTau(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`kendallTau: lengths differ (${x.length} vs ${y.length})`);
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tx++;
      else if (dy === 0) ty++;
      else if (dx === dy) c++;
      else d++;
    }
  }
  const denom = Math.sqrt((c + d + ty) * (c + d + tx));
  return denom === 0 ? NaN : (c - d) / denom;
}

/**
 * Mean of kendallTau over `pairs` (one [x, y] per item). Pairs whose tau is undefined (NaN) are
 * left out; with none left the mean is NaN.
 */
export function meanKendallTau(pairs: readonly (readonly [readonly number[], readonly number[]])[]): number {
  let sum = 0;
  let n = 0;
  for (const [x, y] of pairs) {
    const t = kendallTau(x, y);
    if (Number.isFinite(t)) {
      sum += t;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/**
 * Two rankings of the same ids (best first) as rank vectors for kendallTau, over the ids both
 * contain, in `a`'s order: rankVectors(["q","l","m"], ["l","q","m"]) → [[1,2,3],[2,1,3]].
 */
export function rankVectors(a: readonly string[], b: readonly string[]): [number[], number[]] {
  const posB = new Map(b.map((id, i) => [id, i + 1] as const));
  const x: number[] = [];
  const y: number[] = [];
  a.forEach((id, i) => {
    const rb = posB.get(id);
    if (rb !== undefined) {
      x.push(i + 1);
      y.push(rb);
    }
  });
  return [x, y];
}
