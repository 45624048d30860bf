// Statistics for listwise rankings (SPEC §5): average rank with item-bootstrap intervals, the
// Friedman test with Holm-corrected pairwise Wilcoxon tests, Plackett–Luce worths, Kendall's W.
import type { Rng } from "@/lib/random/rng";
import { averageRanks, quantileSorted, tieSizes } from "./describe";
import { chiSquareSf, wilcoxonSignedRank, wilcoxonSignedRankWeighted } from "./distributions";

/** One judgment: the system ids a rater (human or LLM judge) saw for an item, ordered best first. */
export interface TItemRanking {
  itemId: string;
  ranking: readonly string[];
}

export interface TRankInterval {
  system: string;
  /** Average rank (1 = best) over all rankings that contain the system. */
  mean: number;
  /** 2.5% and 97.5% percentiles (R quantile type 7) of the bootstrap means. */
  lower: number;
  upper: number;
}

export interface TAverageRankBootstrap {
  systems: TRankInterval[];
  resamples: number;
  /** Distinct items resampled. */
  items: number;
}

/**
 * Average rank per system with a percentile bootstrap 95% interval that resamples ITEMS: each
 * resample draws as many items as there are, with replacement, and takes every ranking of a drawn
 * item along (raters of one item are not independent). `rankings`: one entry per judgment, ids
 * best first; ids not in `systems` are ignored. The caller stores the seed behind `rng`
 * (e.g. createRng(seed, "bootstrap")) so the interval can be reproduced. A system absent from a
 * resample contributes nothing to that resample's percentiles.
 */
export function averageRankBootstrap(
  rankings: readonly TItemRanking[],
  systems: readonly string[],
  { resamples = 1000, rng }: { resamples?: number; rng: Rng },
): TAverageRankBootstrap {
  const index = new Map(systems.map((s, i) => [s, i] as const));
  const k = systems.length;
  // Per item, rank sums and counts, accumulated in one pass (no per-item lists), so a resample is
  // a sum over drawn items: O(items × resamples) whatever the number of rankings.
  const byItem = new Map<string, { sum: number[]; count: number[] }>();
  const full = { sum: new Array<number>(k).fill(0), count: new Array<number>(k).fill(0) };
  for (const r of rankings) {
    let it = byItem.get(r.itemId);
    if (!it) byItem.set(r.itemId, (it = { sum: new Array<number>(k).fill(0), count: new Array<number>(k).fill(0) }));
    for (let pos = 0; pos < r.ranking.length; pos++) {
      const s = index.get(r.ranking[pos]);
      if (s === undefined) continue;
      it.sum[s] += pos + 1;
      it.count[s]++;
      full.sum[s] += pos + 1;
      full.count[s]++;
    }
  }
  const items = [...byItem.values()];

  const draws: number[][] = systems.map(() => []);
  const m = items.length;
  for (let b = 0; b < (m === 0 ? 0 : resamples); b++) {
    const sum = new Array<number>(k).fill(0);
    const count = new Array<number>(k).fill(0);
    for (let t = 0; t < m; t++) {
      const it = items[rng.int(m)];
      for (let s = 0; s < k; s++) {
        sum[s] += it.sum[s];
        count[s] += it.count[s];
      }
    }
    for (let s = 0; s < k; s++) if (count[s] > 0) draws[s].push(sum[s] / count[s]);
  }
  return {
    resamples,
    items: m,
    systems: systems.map((system, s) => {
      const sorted = draws[s].sort((a, b) => a - b);
      return {
        system,
        mean: full.count[s] > 0 ? full.sum[s] / full.count[s] : NaN,
        lower: quantileSorted(sorted, 0.025),
        upper: quantileSorted(sorted, 0.975),
      };
    }),
  };
}

/**
 * Rankings → a blocks × systems matrix of ranks (1 = best), one row per ranking that contains
 * every system in `systems` (rankings missing a system are left out, as R's friedman.test drops
 * incomplete blocks). Column order follows `systems`.
 */
export function rankMatrix(rankings: readonly { ranking: readonly string[] }[], systems: readonly string[]): number[][] {
  const rows: number[][] = [];
  for (const r of rankings) {
    const pos = new Map(r.ranking.map((id, i) => [id, i + 1] as const));
    const row = systems.map((s) => pos.get(s));
    if (row.every((v) => v !== undefined)) rows.push(row as number[]);
  }
  return rows;
}

/**
 * rankMatrix with identical rows pooled: the distinct rows (first-seen order) and how many
 * rankings each stands for. Rankings are permutations of k systems, so there are at most k! rows
 * whatever the number of judgments; friedman and posthocWilcoxon take the counts as `weights`.
 */
export function pooledRankMatrix(rankings: readonly { ranking: readonly string[] }[], systems: readonly string[]): { rows: number[][]; weights: number[] } {
  const index = new Map(systems.map((s, i) => [s, i] as const));
  const k = systems.length;
  const pooled = new Map<string, number>();
  const rows: number[][] = [];
  const weights: number[] = [];
  for (const r of rankings) {
    // Keyed by the ranking text; only a new distinct ranking builds its row.
    const key = r.ranking.join(">");
    const at = pooled.get(key);
    if (at !== undefined) {
      if (at >= 0) weights[at]++; // −1: a ranking missing a system, left out as rankMatrix does
      continue;
    }
    const row = new Array<number>(k).fill(0);
    r.ranking.forEach((id, pos) => {
      const s = index.get(id);
      if (s !== undefined) row[s] = pos + 1;
    });
    if (row.some((v) => v === 0)) {
      pooled.set(key, -1);
      continue;
    }
    pooled.set(key, rows.length);
    rows.push(row);
    weights.push(1);
  }
  return { rows, weights };
}

export interface TFriedman {
  /** Friedman chi-squared with the correction for ties within blocks. */
  statistic: number;
  df: number;
  p: number;
  /** Number of blocks (rows). */
  blocks: number;
}

/**
 * Friedman rank-sum test across systems, matching R `friedman.test(m)` for a numeric matrix `m`
 * with one row per block (a ranking: rater × item) and one column per system. Values are ranked
 * within each row (ranks pass through unchanged; ties get average ranks), then
 * χ² = 12·Σ_j (R_j − n(k+1)/2)² / (n·k·(k+1) − Σ(t³ − t)/(k − 1)), df = k − 1.
 * NaN statistic and p when there are no blocks, fewer than two systems, or every row is all ties.
 */
export function friedman(matrix: readonly (readonly number[])[], weights?: readonly number[]): TFriedman {
  // With `weights`, row i stands for weights[i] identical blocks (see pooledRankMatrix).
  const n = weights ? weights.reduce((a, b) => a + b, 0) : matrix.length;
  const k = matrix.length > 0 ? matrix[0].length : 0;
  if (n === 0 || k < 2) return { statistic: NaN, df: Math.max(k - 1, 0), p: NaN, blocks: n };
  const colSums = new Array<number>(k).fill(0);
  let tieSum = 0;
  matrix.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`friedman: ragged matrix (row of ${row.length}, expected ${k})`);
    const w = weights ? weights[i] : 1;
    const r = averageRanks(row);
    r.forEach((v, j) => (colSums[j] += w * v));
    for (const t of tieSizes(r)) tieSum += w * (t ** 3 - t);
  });
  let ss = 0;
  for (const c of colSums) ss += (c - (n * (k + 1)) / 2) ** 2;
  const denom = n * k * (k + 1) - tieSum / (k - 1);
  const statistic = denom > 0 ? (12 * ss) / denom : NaN;
  return { statistic, df: k - 1, p: chiSquareSf(statistic, k - 1), blocks: n };
}

/**
 * Holm step-down adjustment (R `p.adjust(p, "holm")`): sort ascending, multiply the i-th smallest
 * (0-based) by (m − i), carry the running maximum, cap at 1; returned in the input order.
 */
export function holm(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((_, i) => i).sort((a, b) => ps[a] - ps[b]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, i) => {
    running = Math.max(running, Math.min(1, (m - i) * ps[idx]));
    out[idx] = running;
  });
  return out;
}

export interface TPairwiseWilcoxon {
  a: string;
  b: string;
  /** V for ranks of a − ranks of b (positive: a ranked worse, i.e. a higher rank number). */
  statistic: number;
  p: number;
  /** Holm-adjusted over all pairs. */
  pHolm: number;
  method: "exact" | "normal";
}

/**
 * Post-hoc comparisons after a Friedman test: for every pair of systems (i < j in `systems`
 * order), a paired two-sided Wilcoxon signed-rank test on their within-block ranks, p values
 * Holm-corrected together. Equivalent in R to ranking each row and then
 * `pairwise.wilcox.test(as.vector(r), rep(systems, each = nrow(r)), paired = TRUE, p.adjust.method = "holm")`.
 * `matrix`: blocks × systems, as for friedman().
 */
export function posthocWilcoxon(matrix: readonly (readonly number[])[], systems: readonly string[], weights?: readonly number[]): TPairwiseWilcoxon[] {
  const ranked = matrix.map((row) => averageRanks(row));
  const raw: Omit<TPairwiseWilcoxon, "pHolm">[] = [];
  for (let i = 0; i < systems.length; i++) {
    for (let j = i + 1; j < systems.length; j++) {
      const xi = ranked.map((r) => r[i]);
      const xj = ranked.map((r) => r[j]);
      const w = weights ? wilcoxonSignedRankWeighted(xi, xj, weights) : wilcoxonSignedRank(xi, xj);
      raw.push({ a: systems[i], b: systems[j], statistic: w.statistic, p: w.p, method: w.method });
    }
  }
  const adj = holm(raw.map((r) => r.p));
  return raw.map((r, i) => ({ ...r, pHolm: adj[i] }));
}

export interface TPlackettLuce {
  /** Worth per system, in `systems` order, summing to 1. */
  worth: Record<string, number>;
  logLik: number;
  iterations: number;
  converged: boolean;
}

/**
 * Plackett–Luce log-likelihood of `rankings` (ids best first) under `worth` (positive numbers per id):
 * Σ over rankings and stages t of ln γ_{σ(t)} − ln Σ_{s ≥ t} γ_{σ(s)}.
 */
export function plackettLuceLogLik(rankings: readonly (readonly string[])[], worth: Readonly<Record<string, number>>): number {
  let ll = 0;
  for (const r of rankings) {
    let rest = 0;
    for (const id of r) rest += worth[id];
    for (let t = 0; t < r.length - 1; t++) {
      ll += Math.log(worth[r[t]]) - Math.log(rest);
      rest -= worth[r[t]];
    }
  }
  return ll;
}

/**
 * Plackett–Luce worths by Hunter's (2004) MM algorithm. `rankings`: one array per judgment, ids
 * best first; each is treated as a complete ordering of the ids it contains (ids outside
 * `systems` are dropped), so rankings of different subsets mix freely. Update:
 * γ_i ← w_i / Σ_j Σ_{t < m_j} [i is at stage t or later] / Σ_{s ≥ t} γ_{σ_j(s)}, where w_i counts
 * the stages i wins (times ranked anywhere but last). Worths are renormalised to sum 1 each step.
 * The MLE is finite only if the "beats" graph is strongly connected (Hunter's condition); a system
 * never ranked above another has MLE worth 0, and the iteration then reports converged = false
 * if it has not settled within `maxIterations`. A system in no ranking of two or more gets NaN.
 */
export function plackettLuce(
  rankings: readonly (readonly string[])[],
  systems: readonly string[],
  { maxIterations = 10_000, tolerance = 1e-12 }: { maxIterations?: number; tolerance?: number } = {},
): TPlackettLuce {
  const index = new Map(systems.map((s, i) => [s, i] as const));
  const k = systems.length;
  // Identical orderings are pooled with a weight (three systems have only six), so each MM step
  // costs O(distinct orderings), not O(judgments).
  const pooled = new Map<string, { order: number[]; weight: number }>();
  for (const r of rankings) {
    const order = r.map((id) => index.get(id)).filter((v): v is number => v !== undefined);
    if (order.length < 2) continue;
    const key = order.join(",");
    const hit = pooled.get(key);
    if (hit) hit.weight++;
    else pooled.set(key, { order, weight: 1 });
  }
  const orders = [...pooled.values()].map((p) => p.order);
  const weights = [...pooled.values()].map((p) => p.weight);
  const wins = new Array<number>(k).fill(0);
  orders.forEach((r, o) => {
    for (let t = 0; t < r.length - 1; t++) wins[r[t]] += weights[o];
  });
  // Systems in no usable ranking have no estimable worth: NaN, left out of the normalisation.
  const present = new Array<boolean>(k).fill(false);
  for (const r of orders) for (const i of r) present[i] = true;
  const nPresent = present.filter(Boolean).length;
  let g = present.map((p) => (p ? 1 / nPresent : NaN));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const denom = new Array<number>(k).fill(0);
    for (let o = 0; o < orders.length; o++) {
      const r = orders[o];
      // Suffix sums of γ along the ranking: rest[t] = Σ_{s ≥ t} γ_{r[s]}.
      const rest = new Array<number>(r.length);
      let acc = 0;
      for (let t = r.length - 1; t >= 0; t--) rest[t] = acc += g[r[t]];
      // Item at position p takes part in stages 0..min(p, m − 2).
      let cum = 0;
      for (let p = 0; p < r.length; p++) {
        if (p < r.length - 1) cum += weights[o] / rest[p];
        denom[r[p]] += cum;
      }
    }
    const next = g.map((_, i) => (present[i] ? wins[i] / denom[i] : g[i]));
    let total = 0;
    for (let i = 0; i < k; i++) if (present[i]) total += next[i];
    for (let i = 0; i < k; i++) if (present[i]) next[i] /= total;
    const change = Math.max(...next.map((v, i) => (present[i] ? Math.abs(v - g[i]) : 0)));
    g = next;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const worth = Object.fromEntries(systems.map((s, i) => [s, g[i]]));
  let logLik = 0;
  orders.forEach((r, o) => (logLik += weights[o] * plackettLuceLogLik([r.map((i) => systems[i])], worth)));
  return { worth, logLik, iterations, converged };
}

export interface TKendallW {
  /** Kendall's coefficient of concordance with the tie correction, in [0, 1]. */
  W: number;
  /** Friedman's χ² = m(n − 1)·W, the usual test of W = 0. */
  chiSquare: number;
  df: number;
  p: number;
  raters: number;
  items: number;
}

/**
 * Kendall's W among m raters who each ranked the same n objects. `matrix`: raters × objects
 * (scores or ranks, smaller = better; ranked within each row, ties averaged).
 * W = 12·S / (m²(n³ − n) − m·Σ T), S = Σ_j (R_j − m(n+1)/2)², T = Σ(t³ − t) per rater.
 * Its χ² test is Friedman's with raters as blocks (R: `friedman.test(matrix)`), χ² = m(n − 1)W.
 * NaN when fewer than two raters or objects, or every rater tied everything.
 */
export function kendallW(matrix: readonly (readonly number[])[]): TKendallW {
  const m = matrix.length;
  const n = m > 0 ? matrix[0].length : 0;
  const f = friedman(matrix);
  const W = m < 2 || n < 2 ? NaN : f.statistic / (m * (n - 1));
  return { W, chiSquare: f.statistic, df: f.df, p: m < 2 ? NaN : f.p, raters: m, items: n };
}


export interface TKendallWByItem {
  /** Mean of the per-item W over items ranked completely by two or more raters; NaN if none. */
  meanW: number;
  /** Items with two or more complete rankings (the ones averaged). */
  items: number;
  /** Rankings in those items. */
  rankings: number;
  /** Median number of raters per averaged item. */
  medianRaters: number;
}

/**
 * Kendall's W among the raters of each item, averaged over items: in a listwise study raters rank
 * the systems of an item, and different raters see different items, so W is computed per item
 * (raters × systems, the rankings that contain every system in `systems`; rankings are
 * permutations, so no tie correction: W = 12·S / (m²(k³ − k))) and then averaged, each item
 * weighing the same. One pass over the rankings; no per-ranking arrays.
 */
export function kendallWByItem(rankings: readonly TItemRanking[], systems: readonly string[]): TKendallWByItem {
  const k = systems.length;
  const index = new Map(systems.map((s, i) => [s, i] as const));
  const byItem = new Map<string, { m: number; sums: Float64Array }>();
  for (const r of rankings) {
    if (r.ranking.length !== k) continue;
    let acc = byItem.get(r.itemId);
    let complete = true;
    let seen = 0; // bit mask of systems met (k ≤ 8 in listwise studies; ≤ 31 works)
    for (const id of r.ranking) {
      const s = index.get(id);
      if (s === undefined || seen & (1 << s)) complete = false;
      else seen |= 1 << s;
    }
    if (!complete) continue;
    if (!acc) byItem.set(r.itemId, (acc = { m: 0, sums: new Float64Array(k) }));
    acc.m++;
    r.ranking.forEach((id, pos) => (acc.sums[index.get(id)!] += pos + 1));
  }
  let total = 0;
  let items = 0;
  let used = 0;
  const raters: number[] = [];
  if (k >= 2) {
    for (const { m, sums } of byItem.values()) {
      if (m < 2) continue;
      let S = 0;
      for (let j = 0; j < k; j++) S += (sums[j] - (m * (k + 1)) / 2) ** 2;
      total += (12 * S) / (m * m * (k ** 3 - k));
      items++;
      used += m;
      raters.push(m);
    }
  }
  raters.sort((a, b) => a - b);
  return { meanW: items > 0 ? total / items : NaN, items, rankings: used, medianRaters: quantileSorted(raters, 0.5) };
}
