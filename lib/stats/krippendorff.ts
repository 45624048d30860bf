// Krippendorff's alpha for inter-rater agreement on ratings and pairwise choices (SPEC §5),
// by the coincidence-matrix method of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".

export type TAlphaLevel = "nominal" | "ordinal" | "interval";

export interface TKrippendorff {
  /** 1 − D_o / D_e; NaN when no unit has two values or all pairable values are equal (D_e = 0). */
  alpha: number;
  /** Observed disagreement D_o = Σ o_ck δ²_ck / n. */
  observed: number;
  /** Expected disagreement D_e = Σ n_c n_k δ²_ck / (n (n − 1)). */
  expected: number;
  /** n: number of pairable values (values in units with at least two values). */
  pairable: number;
  /** Units with at least two values. */
  units: number;
}

type TValue = string | number;

/**
 * Krippendorff's alpha. `units`: one array per unit (an item, or an item × question), holding
 * each observer's value in a fixed observer order, with null/undefined where that observer gave
 * none — e.g. [[1, 1, null, 1], [2, 2, 3, 2], …]. Only the multiset of values per unit matters.
 * Units with fewer than two values are not pairable and drop out.
 * - "nominal": δ² = 0 if equal, else 1 (pairwise choices, categorical answers).
 * - "ordinal": δ²_ck = (Σ_{g between c and k} n_g − (n_c + n_k)/2)², with categories in `order`
 *   (default: ascending numeric values) and n_g the coincidence marginals (Likert answers).
 * - "interval": δ² = (c − k)², numeric values.
 * Each unit u with m_u values adds 1/(m_u − 1) to o_ck for every ordered pair of its values
 * from different observers.
 */
export function krippendorffAlpha(
  units: readonly (readonly (TValue | null | undefined)[])[],
  level: TAlphaLevel,
  { order }: { order?: readonly TValue[] } = {},
): TKrippendorff {
  // Preprocess: pairable values per unit.
  const pairableUnits = units
    .map((u) => u.filter((v): v is TValue => v !== null && v !== undefined && !(typeof v === "number" && Number.isNaN(v))))
    .filter((u) => u.length >= 2);

  // Categories, in rank order for ordinal data.
  const seen = new Set<TValue>();
  for (const u of pairableUnits) for (const v of u) seen.add(v);
  let cats: TValue[];
  if (order) {
    for (const v of seen) if (!order.includes(v)) throw new RangeError(`krippendorffAlpha: value ${String(v)} not in order`);
    cats = [...order];
  } else {
    cats = [...seen];
    if (level !== "nominal") {
      if (cats.some((c) => typeof c !== "number")) throw new RangeError(`krippendorffAlpha: ${level} data needs numbers or an explicit order`);
      cats.sort((a, b) => (a as number) - (b as number));
    }
  }
  if (level === "interval" && cats.some((c) => typeof c !== "number")) throw new RangeError("krippendorffAlpha: interval data needs numbers");
  const index = new Map(cats.map((c, i) => [c, i] as const));
  const q = cats.length;
  const unitCounts = pairableUnits.map((u) => {
    const counts = new Array<number>(q).fill(0);
    for (const v of u) counts[index.get(v)!]++;
    return counts;
  });
  return krippendorffAlphaFromCounts(unitCounts, level, level === "interval" ? (cats as number[]) : undefined);
}

/**
 * Krippendorff's alpha from pre-aggregated counts: `unitCounts[u][c]` = how many observers gave
 * unit u the c-th category, categories in a fixed order (ascending rank for "ordinal"; for
 * "interval" pass their numeric `values`). Units with fewer than two values drop out. This is the
 * form the tables use, so a million judgments cost one pass to count and O(units × categories²) here.
 */
export function krippendorffAlphaFromCounts(
  unitCounts: readonly (ArrayLike<number>)[],
  level: TAlphaLevel,
  values?: readonly number[],
): TKrippendorff {
  const q = unitCounts.length > 0 ? unitCounts[0].length : (values?.length ?? 0);
  if (level === "interval" && (!values || values.length !== q)) throw new RangeError("krippendorffAlpha: interval data needs a numeric value per category");
  const o = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  let units = 0;
  // Σ m_u counted as an integer: n from the float coincidence sums can land a hair off (239.99999999999997).
  let pairable = 0;
  for (const counts of unitCounts) {
    let m = 0;
    for (let c = 0; c < q; c++) m += counts[c];
    if (m < 2) continue;
    units++;
    pairable += m;
    for (let c = 0; c < q; c++) {
      if (counts[c] === 0) continue;
      for (let k = 0; k < q; k++) {
        const pairs = c === k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k];
        if (pairs) o[c][k] += pairs / (m - 1);
      }
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);

  // Squared differences.
  const delta2 = (c: number, k: number): number => {
    if (c === k) return 0;
    if (level === "nominal") return 1;
    if (level === "interval") return (values![c] - values![k]) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let s = 0;
    for (let g = lo; g <= hi; g++) s += nc[g];
    return (s - (nc[c] + nc[k]) / 2) ** 2;
  };

  let dObs = 0;
  let dExp = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      const d = delta2(c, k);
      dObs += o[c][k] * d;
      dExp += nc[c] * nc[k] * d;
    }
  }
  const observed = n > 0 ? dObs / n : NaN;
  const expected = n > 1 ? dExp / (n * (n - 1)) : NaN;
  const alpha = expected > 0 ? 1 - observed / expected : NaN;
  return { alpha, observed, expected, pairable, units };
}
