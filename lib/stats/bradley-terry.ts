// Bradley–Terry with Davidson's (1970) ties for pairwise judgments (SPEC §5), keeping "both good"
// and "both bad" apart from wins and from each other.
//
// Model (Davidson 1970, extended to two kinds of tie). For systems i, j with worths π_i, π_j:
//   P(i preferred) = π_i / D,  P(j preferred) = π_j / D,
//   P(both good) = ν_good·√(π_i π_j) / D,  P(both bad) = ν_bad·√(π_i π_j) / D,
//   D = π_i + π_j + (ν_good + ν_bad)·√(π_i π_j).
// With ν = ν_good + ν_bad the likelihood factorises into Davidson's likelihood in (π, ν) for
// wins/losses/ties (ties = both good + both bad) times a binomial for which kind each tie was,
// with success probability ν_good/ν. So the MLE fits Davidson on pooled ties and splits ν in
// the observed ratio: ν_good = ν·G/T, ν_bad = ν·B/T. At equal worths P(tie) = ν/(2 + ν).
// Without any ties ν̂ = 0 and the model is plain Bradley–Terry (R: BradleyTerry2::BTm).
import type { Rng } from "@/lib/random/rng";
import { quantileSorted } from "./describe";
import { wilson, type TProportion } from "./proportion";

export type TPairwiseOutcome = "first" | "second" | "both_good" | "both_bad";

/** One pairwise judgment: systems shown as `first` and `second` (any order), and the answer. */
export interface TPairwiseJudgment {
  first: string;
  second: string;
  outcome: TPairwiseOutcome;
}

export interface TDavidsonFit {
  /** π per system, normalised to sum 1. */
  worth: Record<string, number>;
  /** ln π relative to systems[0] (= 0), the parameterisation BTm reports as "ability". */
  logWorth: Record<string, number>;
  /** ν = ν_good + ν_bad; 0 when there are no ties or `ties: false`. */
  tie: number;
  tieGood: number;
  tieBad: number;
  logLik: number;
  iterations: number;
  converged: boolean;
  /** Judgments used (all of them, or only the decided ones with `ties: false`). */
  n: number;
}

interface TPairCounts {
  i: number;
  j: number;
  /** i preferred, j preferred, tied (both good + both bad). */
  wi: number;
  wj: number;
  t: number;
}

/** Aggregate judgments into per-pair counts; unknown systems and self-pairs throw. */
function pairCounts(judgments: readonly TPairwiseJudgment[], index: Map<string, number>, ties: boolean) {
  const pairs = new Map<string, TPairCounts>();
  let good = 0;
  let bad = 0;
  let n = 0;
  for (const jd of judgments) {
    const a = index.get(jd.first);
    const b = index.get(jd.second);
    if (a === undefined || b === undefined) throw new RangeError(`fitDavidson: unknown system in ${jd.first} vs ${jd.second}`);
    if (a === b) throw new RangeError(`fitDavidson: a system compared with itself (${jd.first})`);
    const isTie = jd.outcome === "both_good" || jd.outcome === "both_bad";
    if (isTie && !ties) continue;
    n++;
    const [i, j] = a < b ? [a, b] : [b, a];
    const key = `${i},${j}`;
    let pc = pairs.get(key);
    if (!pc) pairs.set(key, (pc = { i, j, wi: 0, wj: 0, t: 0 }));
    if (jd.outcome === "both_good") {
      pc.t++;
      good++;
    } else if (jd.outcome === "both_bad") {
      pc.t++;
      bad++;
    } else {
      const winner = jd.outcome === "first" ? a : b;
      if (winner === i) pc.wi++;
      else pc.wj++;
    }
  }
  return { pairs: [...pairs.values()], good, bad, n };
}

/** Solve A x = b by Gaussian elimination with partial pivoting; null if (near) singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, r) => [...row, b[r]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) < 1e-13) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/**
 * Log-likelihood, gradient and Hessian in θ = (β_0..β_{k−1}, λ) with β = ln π, λ = ln ν.
 * Each pair is a multinomial over categories whose log-weights are linear in θ (i wins: β_i;
 * j wins: β_j; tie: λ + (β_i + β_j)/2), so ℓ is concave (linear minus log-sum-exp).
 */
function evaluate(theta: number[], pairs: readonly TPairCounts[], k: number, withTies: boolean) {
  const dim = k + 1;
  const grad = new Array<number>(dim).fill(0);
  const hess = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  let ll = 0;
  for (const pc of pairs) {
    const bi = theta[pc.i];
    const bj = theta[pc.j];
    const cats: { w: number; count: number; a: [number, number][] }[] = [
      { w: bi, count: pc.wi, a: [[pc.i, 1]] },
      { w: bj, count: pc.wj, a: [[pc.j, 1]] },
    ];
    if (withTies) cats.push({ w: theta[k] + (bi + bj) / 2, count: pc.t, a: [[pc.i, 0.5], [pc.j, 0.5], [k, 1]] });
    const total = cats.reduce((s, c) => s + c.count, 0);
    const mx = Math.max(...cats.map((c) => c.w));
    const z = cats.reduce((s, c) => s + Math.exp(c.w - mx), 0);
    const lse = mx + Math.log(z);
    // Dense vectors a_c and the probability-weighted mean ā.
    const vecs = cats.map((c) => {
      const v = new Array<number>(dim).fill(0);
      for (const [idx, coef] of c.a) v[idx] += coef;
      return v;
    });
    const probs = cats.map((c) => Math.exp(c.w - lse));
    const abar = new Array<number>(dim).fill(0);
    cats.forEach((c, ci) => {
      if (c.count > 0) ll += c.count * c.w;
      for (let d = 0; d < dim; d++) {
        grad[d] += c.count * vecs[ci][d];
        abar[d] += probs[ci] * vecs[ci][d];
      }
    });
    ll -= total * lse;
    for (let d = 0; d < dim; d++) grad[d] -= total * abar[d];
    // Hessian: −total · Cov_p(a) = −total · (Σ p_c a_c a_cᵀ − ā āᵀ).
    for (let d = 0; d < dim; d++) {
      for (let e = 0; e < dim; e++) {
        let s = 0;
        for (let ci = 0; ci < cats.length; ci++) s += probs[ci] * vecs[ci][d] * vecs[ci][e];
        hess[d][e] -= total * (s - abar[d] * abar[e]);
      }
    }
  }
  return { ll, grad, hess };
}

/**
 * Davidson (1970) tie model fitted by maximum likelihood (damped Newton on ln π and ln ν, which
 * is a concave problem). `judgments`: one per answer; `systems`: the ids, systems[0] the
 * reference with ln π = 0. `ties: false` drops "both good"/"both bad" judgments and fits plain
 * Bradley–Terry on the decided ones. Throws when the comparison graph is not connected (worths
 * are then not identified). If a system never wins (or never loses) the MLE is at infinity;
 * the fit then stops where the gradient has vanished, with that worth near 0 (or 1).
 */
export function fitDavidson(
  judgments: readonly TPairwiseJudgment[],
  systems: readonly string[],
  { ties = true, maxIterations = 200, tolerance = 1e-10 }: { ties?: boolean; maxIterations?: number; tolerance?: number } = {},
): TDavidsonFit {
  const k = systems.length;
  if (k < 2) throw new RangeError("fitDavidson: need at least two systems");
  const index = new Map(systems.map((s, i) => [s, i] as const));
  const { pairs, good, bad, n } = pairCounts(judgments, index, ties);
  const T = good + bad;
  const withTies = ties && T > 0;
  // Free parameters: β_1..β_{k−1}, and λ when ties are modelled.
  const free = [...Array.from({ length: k - 1 }, (_, i) => i + 1), ...(withTies ? [k] : [])];
  const theta = new Array<number>(k + 1).fill(0);
  let cur = evaluate(theta, pairs, k, withTies);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const g = free.map((d) => cur.grad[d]);
    if (Math.max(...g.map(Math.abs)) < tolerance) {
      converged = true;
      break;
    }
    iterations++;
    const H = free.map((d) => free.map((e) => -cur.hess[d][e]));
    const step = solve(H, g);
    if (!step) throw new RangeError("fitDavidson: worths not identified (comparison graph not connected)");
    // Cap the step so runaway parameters (a system that never loses) move steadily.
    const big = Math.max(...step.map(Math.abs));
    const scale = big > 5 ? 5 / big : 1;
    let t = scale;
    let accepted = false;
    for (let h = 0; h < 50; h++) {
      const trial = theta.slice();
      free.forEach((d, fi) => (trial[d] += t * step[fi]));
      const next = evaluate(trial, pairs, k, withTies);
      if (next.ll >= cur.ll - 1e-12 * Math.abs(cur.ll)) {
        for (let d = 0; d <= k; d++) theta[d] = trial[d];
        cur = next;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break;
  }
  const raw = theta.slice(0, k).map(Math.exp);
  const sum = raw.reduce((a, b) => a + b, 0);
  const nu = withTies ? Math.exp(theta[k]) : 0;
  return {
    worth: Object.fromEntries(systems.map((s, i) => [s, raw[i] / sum])),
    logWorth: Object.fromEntries(systems.map((s, i) => [s, theta[i]])),
    tie: nu,
    tieGood: T > 0 ? (nu * good) / T : 0,
    tieBad: T > 0 ? (nu * bad) / T : 0,
    logLik: cur.ll,
    iterations,
    converged,
    n,
  };
}

export interface TInterval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface TDavidsonBootstrap {
  fit: TDavidsonFit;
  /** Percentile 95% intervals (R quantile type 7 at 2.5% / 97.5%) of each normalised worth. */
  worth: Record<string, TInterval>;
  tie: TInterval;
  tieGood: TInterval;
  tieBad: TInterval;
  resamples: number;
  /** Resamples whose fit failed (disconnected comparison graph); left out of the percentiles. */
  failed: number;
}

function interval(estimate: number, draws: number[]): TInterval {
  const sorted = draws.filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  return { estimate, lower: quantileSorted(sorted, 0.025), upper: quantileSorted(sorted, 0.975) };
}

/**
 * fitDavidson plus percentile bootstrap intervals from resampling JUDGMENTS with replacement
 * (`resamples` times, default 1000). `rng` is passed in and its seed stored by the caller.
 */
export function davidsonBootstrap(
  judgments: readonly TPairwiseJudgment[],
  systems: readonly string[],
  { resamples = 1000, rng, ties = true }: { resamples?: number; rng: Rng; ties?: boolean },
): TDavidsonBootstrap {
  const fit = fitDavidson(judgments, systems, { ties });
  const draws = { worth: systems.map(() => [] as number[]), tie: [] as number[], good: [] as number[], bad: [] as number[] };
  let failed = 0;
  const m = judgments.length;
  for (let b = 0; b < resamples; b++) {
    const sample = Array.from({ length: m }, () => judgments[rng.int(m)]);
    try {
      const f = fitDavidson(sample, systems, { ties });
      systems.forEach((s, i) => draws.worth[i].push(f.worth[s]));
      draws.tie.push(f.tie);
      draws.good.push(f.tieGood);
      draws.bad.push(f.tieBad);
    } catch {
      failed++;
    }
  }
  return {
    fit,
    worth: Object.fromEntries(systems.map((s, i) => [s, interval(fit.worth[s], draws.worth[i])])),
    tie: interval(fit.tie, draws.tie),
    tieGood: interval(fit.tieGood, draws.good),
    tieBad: interval(fit.tieBad, draws.bad),
    resamples,
    failed,
  };
}

/** Table 3's four counts for generated vs expert. */
export interface TGeneratedVsExpertCounts {
  generated: number;
  expert: number;
  bothGood: number;
  bothBad: number;
}

export interface TGeneratedVsExpert {
  n: number;
  /** Davidson worth share of generated, π_g / (π_g + π_e) = generated / (generated + expert). */
  generatedWorth: TInterval;
  /** ν = (both good + both bad) / √(generated · expert); Infinity when either side has no wins. */
  tie: TInterval;
  tieGood: TInterval;
  tieBad: TInterval;
  /** Shares of all judgments, with Wilson 95% intervals, so both-good and both-bad stay visible. */
  shares: { generated: TProportion; expert: TProportion; bothGood: TProportion; bothBad: TProportion };
  resamples: number;
}

/**
 * The two-system case of the Davidson model in closed form. With two systems the model is
 * saturated (two parameters, three outcome probabilities), so the MLE reproduces the observed
 * shares: π_g/π_e = W/L and ν√(π_g π_e)/π_e = T/L, giving ν = T/√(W·L); ν_good = G/√(W·L),
 * ν_bad = B/√(W·L). Bootstrap intervals resample the n judgments with replacement (a
 * multinomial draw of the four counts), `resamples` times with the passed-in `rng`.
 */
export function generatedVsExpert(
  counts: TGeneratedVsExpertCounts,
  { resamples = 1000, rng }: { resamples?: number; rng: Rng },
): TGeneratedVsExpert {
  const { generated: W, expert: L, bothGood: G, bothBad: B } = counts;
  const n = W + L + G + B;
  const point = (w: number, l: number, g: number, b: number) => {
    const root = Math.sqrt(w * l);
    const ratio = (x: number) => (x === 0 ? 0 : root === 0 ? Infinity : x / root);
    return { share: w + l > 0 ? w / (w + l) : NaN, tie: ratio(g + b), good: ratio(g), bad: ratio(b) };
  };
  const est = point(W, L, G, B);
  const draws = { share: [] as number[], tie: [] as number[], good: [] as number[], bad: [] as number[] };
  for (let r = 0; r < (n > 0 ? resamples : 0); r++) {
    let w = 0;
    let l = 0;
    let g = 0;
    let b = 0;
    // Drawing a judgment index uniformly = drawing its category with the observed shares.
    for (let t = 0; t < n; t++) {
      const idx = rng.int(n);
      if (idx < W) w++;
      else if (idx < W + L) l++;
      else if (idx < W + L + G) g++;
      else b++;
    }
    const p = point(w, l, g, b);
    draws.share.push(p.share);
    draws.tie.push(p.tie);
    draws.good.push(p.good);
    draws.bad.push(p.bad);
  }
  return {
    n,
    generatedWorth: interval(est.share, draws.share),
    tie: interval(est.tie, draws.tie),
    tieGood: interval(est.good, draws.good),
    tieBad: interval(est.bad, draws.bad),
    shares: { generated: wilson(W, n), expert: wilson(L, n), bothGood: wilson(G, n), bothBad: wilson(B, n) },
    resamples,
  };
}

export interface TGeneratedVsExpertByItem extends TGeneratedVsExpert {
  /** Items resampled (items with at least one judgment). */
  items: number;
}

/**
 * generatedVsExpert with the bootstrap resampling ITEMS instead of judgments: `items` holds each
 * item's four counts (judgments of one item are not independent — same audio, same pair), a
 * resample draws as many items as there are with replacement and sums their counts, then takes the
 * closed-form Davidson estimates. O(items × resamples) on pre-aggregated counts, whatever the
 * number of judgments. Items without judgments are dropped first.
 */
export function generatedVsExpertByItem(
  items: readonly TGeneratedVsExpertCounts[],
  { resamples = 1000, rng }: { resamples?: number; rng: Rng },
): TGeneratedVsExpertByItem {
  const used = items.filter((c) => c.generated + c.expert + c.bothGood + c.bothBad > 0);
  const m = used.length;
  const W = new Float64Array(m);
  const L = new Float64Array(m);
  const G = new Float64Array(m);
  const B = new Float64Array(m);
  used.forEach((c, i) => {
    W[i] = c.generated;
    L[i] = c.expert;
    G[i] = c.bothGood;
    B[i] = c.bothBad;
  });
  const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
  const totals = { generated: sum(W), expert: sum(L), bothGood: sum(G), bothBad: sum(B) };
  const n = totals.generated + totals.expert + totals.bothGood + totals.bothBad;
  const ratio = (x: number, root: number) => (x === 0 ? 0 : root === 0 ? Infinity : x / root);
  const reps = m > 0 ? resamples : 0;
  const draws = { share: new Float64Array(reps), tie: new Float64Array(reps), good: new Float64Array(reps), bad: new Float64Array(reps) };
  for (let r = 0; r < reps; r++) {
    let w = 0;
    let l = 0;
    let g = 0;
    let b = 0;
    for (let t = 0; t < m; t++) {
      const i = rng.int(m);
      w += W[i];
      l += L[i];
      g += G[i];
      b += B[i];
    }
    const root = Math.sqrt(w * l);
    draws.share[r] = w + l > 0 ? w / (w + l) : NaN;
    draws.tie[r] = ratio(g + b, root);
    draws.good[r] = ratio(g, root);
    draws.bad[r] = ratio(b, root);
  }
  const root = Math.sqrt(totals.generated * totals.expert);
  const pct = (estimate: number, d: Float64Array): TInterval => {
    const sorted = Array.from(d.filter((x) => !Number.isNaN(x)).sort());
    return { estimate, lower: quantileSorted(sorted, 0.025), upper: quantileSorted(sorted, 0.975) };
  };
  return {
    n,
    items: m,
    generatedWorth: pct(totals.generated + totals.expert > 0 ? totals.generated / (totals.generated + totals.expert) : NaN, draws.share),
    tie: pct(ratio(totals.bothGood + totals.bothBad, root), draws.tie),
    tieGood: pct(ratio(totals.bothGood, root), draws.good),
    tieBad: pct(ratio(totals.bothBad, root), draws.bad),
    shares: {
      generated: wilson(totals.generated, n),
      expert: wilson(totals.expert, n),
      bothGood: wilson(totals.bothGood, n),
      bothBad: wilson(totals.bothBad, n),
    },
    resamples: reps,
  };
}
