import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/random/rng";
import { itemMeanBootstrap } from "./bootstrap";
import { generatedVsExpert, generatedVsExpertByItem } from "./bradley-terry";
import { krippendorffAlpha, krippendorffAlphaFromCounts } from "./krippendorff";
import { wilcoxonSignedRank, wilcoxonSignedRankWeighted } from "./distributions";
import { friedman, kendallWByItem, plackettLuce, pooledRankMatrix, posthocWilcoxon, rankMatrix } from "./rankings";

const counts = (generated: number, expert: number, bothGood: number, bothBad: number) => ({ generated, expert, bothGood, bothBad });

describe("generatedVsExpertByItem (Davidson, item bootstrap)", () => {
  it("point estimates are the closed form on the totals (paper 40/33/12/15 over 4 items)", () => {
    const items = [counts(10, 8, 3, 4), counts(10, 9, 3, 3), counts(12, 8, 4, 4), counts(8, 8, 2, 4)];
    const r = generatedVsExpertByItem(items, { rng: createRng("s", "bootstrap"), resamples: 300 });
    const pooled = generatedVsExpert(counts(40, 33, 12, 15), { rng: createRng("s"), resamples: 0 });
    expect(r.n).toBe(100);
    expect(r.items).toBe(4);
    expect(r.generatedWorth.estimate).toBeCloseTo(40 / 73, 15);
    expect(r.tieGood.estimate).toBeCloseTo(12 / Math.sqrt(40 * 33), 15);
    expect(r.tieBad.estimate).toBeCloseTo(pooled.tieBad.estimate, 15);
    expect(r.shares).toEqual(pooled.shares);
    expect(r.generatedWorth.lower).toBeLessThanOrEqual(40 / 73);
    expect(r.generatedWorth.upper).toBeGreaterThanOrEqual(40 / 73);
  });

  it("without ties the worth's log-odds is R BradleyTerry2::BTm's ability (40 vs 33: 0.192371892647451)", () => {
    const r = generatedVsExpertByItem([counts(20, 13, 0, 0), counts(20, 20, 0, 0)], { rng: createRng("s"), resamples: 10 });
    const share = r.generatedWorth.estimate;
    expect(Math.log(share / (1 - share))).toBeCloseTo(0.192371892647451, 12);
    expect(r.tie.estimate).toBe(0);
  });

  it("identical items give a degenerate interval equal to the estimate (every resample has the same totals)", () => {
    const r = generatedVsExpertByItem(Array.from({ length: 5 }, () => counts(4, 3, 1, 2)), { rng: createRng("s"), resamples: 200 });
    // Totals in every resample: 20, 15, 5, 10 → share 20/35 = 4/7, ν_bad = 10/√(20·15).
    for (const x of [r.generatedWorth.estimate, r.generatedWorth.lower, r.generatedWorth.upper]) expect(x).toBeCloseTo(4 / 7, 14);
    for (const x of [r.tieBad.estimate, r.tieBad.lower, r.tieBad.upper]) expect(x).toBeCloseTo(10 / Math.sqrt(300), 14);
  });

  it("same seed → identical intervals; different seed → different", () => {
    const items = Array.from({ length: 40 }, (_, i) => counts(i % 5, (i * 3) % 4, i % 2, (i + 1) % 3));
    const a = generatedVsExpertByItem(items, { rng: createRng("seed-1", "bootstrap:davidson") });
    const b = generatedVsExpertByItem(items, { rng: createRng("seed-1", "bootstrap:davidson") });
    const c = generatedVsExpertByItem(items, { rng: createRng("seed-2", "bootstrap:davidson") });
    expect(a.resamples).toBe(1000);
    expect(b).toEqual(a);
    expect(c.generatedWorth).not.toEqual(a.generatedWorth);
  });

  it("no judgments → NaN, no resamples; empty items are dropped", () => {
    const r = generatedVsExpertByItem([counts(0, 0, 0, 0)], { rng: createRng("s") });
    expect(r.items).toBe(0);
    expect(r.resamples).toBe(0);
    expect(r.generatedWorth.estimate).toBeNaN();
  });
});

describe("itemMeanBootstrap", () => {
  it("mean of all values; the interval resamples items; same seed → same, other seed → other", () => {
    // Items (sum, count): (8, 2), (3, 1), (10, 2), (0, 0 → dropped), (2, 1): mean 23/6.
    const sums = [8, 3, 10, 0, 2];
    const n = [2, 1, 2, 0, 1];
    const a = itemMeanBootstrap(sums, n, { rng: createRng("x", "b") });
    expect(a.estimate).toBeCloseTo(23 / 6, 15);
    expect(a.items).toBe(4);
    expect(a.lower).toBeGreaterThanOrEqual(2);
    expect(a.upper).toBeLessThanOrEqual(5);
    expect(itemMeanBootstrap(sums, n, { rng: createRng("x", "b") })).toEqual(a);
    // With 30 items the percentiles are fine-grained enough for another seed to move them.
    const many = Array.from({ length: 30 }, (_, i) => (i * 7) % 11);
    const ones = many.map(() => 1);
    const x = itemMeanBootstrap(many, ones, { rng: createRng("x", "b") });
    expect(itemMeanBootstrap(many, ones, { rng: createRng("x", "b") })).toEqual(x);
    expect(itemMeanBootstrap(many, ones, { rng: createRng("y", "b") })).not.toEqual(x);
  });

  it("equal item means give an exact interval; no items give NaN", () => {
    expect(itemMeanBootstrap([8, 4, 12], [2, 1, 3], { rng: createRng("x"), resamples: 100 })).toMatchObject({ estimate: 4, lower: 4, upper: 4 });
    expect(itemMeanBootstrap([], [], { rng: createRng("x") }).estimate).toBeNaN();
  });
});

describe("krippendorffAlphaFromCounts", () => {
  it("equals the raw-value form on the paper's example C (nominal 113/152, ordinal 108577/133160, interval 951/1120)", () => {
    const _ = null;
    const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
    const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
    const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
    const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
    const units = A.map((_v, i) => [A[i], B[i], C[i], D[i]]);
    const unitCounts = units.map((u) => [1, 2, 3, 4, 5].map((v) => u.filter((x) => x === v).length));
    expect(krippendorffAlphaFromCounts(unitCounts, "nominal").alpha).toBeCloseTo(113 / 152, 12);
    expect(krippendorffAlphaFromCounts(unitCounts, "ordinal").alpha).toBeCloseTo(108577 / 133160, 12);
    expect(krippendorffAlphaFromCounts(unitCounts, "interval", [1, 2, 3, 4, 5]).alpha).toBeCloseTo(951 / 1120, 12);
    expect(krippendorffAlphaFromCounts(unitCounts, "nominal")).toEqual(krippendorffAlpha(units, "nominal"));
    expect(krippendorffAlphaFromCounts(unitCounts, "nominal").units).toBe(11);
  });

  it("counts pairable values as an exact integer (40 units of 6 values: 240, where the sum of fifths gives 239.99999999999997)", () => {
    const r = krippendorffAlphaFromCounts(Array.from({ length: 40 }, (_, i) => (i % 2 ? [2, 2, 1, 1] : [3, 1, 1, 1])), "nominal");
    expect(r.pairable).toBe(240);
    expect(r.units).toBe(40);
  });

  it("no unit with two values → NaN over 0 units", () => {
    expect(krippendorffAlphaFromCounts([[1, 0], [0, 1]], "nominal")).toMatchObject({ units: 0, pairable: 0 });
    expect(krippendorffAlphaFromCounts([[1, 0]], "nominal").alpha).toBeNaN();
  });
});

describe("kendallWByItem", () => {
  it("per-item W = R friedman.test(m)$statistic / (m (k − 1)), averaged over items with 2+ raters", () => {
    // Item x: rows (1,2,3), (1,3,2), (2,1,3), (1,2,3) → χ² 4.5, W = 0.5625; item y: (1,2,3), (3,2,1) → W = 0.
    const r = (itemId: string, ranking: string[]) => ({ itemId, ranking });
    const w = kendallWByItem(
      [r("x", ["a", "b", "c"]), r("x", ["a", "c", "b"]), r("x", ["b", "a", "c"]), r("x", ["a", "b", "c"]), r("y", ["a", "b", "c"]), r("y", ["c", "b", "a"]), r("z", ["a", "b", "c"]), r("y", ["a", "b"])],
      ["a", "b", "c"],
    );
    expect(w).toEqual({ meanW: (0.5625 + 0) / 2, items: 2, rankings: 6, medianRaters: 3 });
  });

  it("complete agreement gives 1; no item with two raters gives NaN over 0 items", () => {
    expect(kendallWByItem([{ itemId: "i", ranking: ["a", "b"] }, { itemId: "i", ranking: ["a", "b"] }], ["a", "b"]).meanW).toBe(1);
    expect(kendallWByItem([{ itemId: "i", ranking: ["a", "b"] }], ["a", "b"])).toMatchObject({ items: 0, meanW: NaN });
  });
});

describe("plackettLuce pools identical rankings", () => {
  it("gives the same worths and log-likelihood as repeating them (weights are counts)", () => {
    const base = [["a", "b", "c"], ["b", "a", "c"], ["c", "a", "b"], ["a", "c", "b"], ["b", "c", "a"]];
    const repeated = [...base, ...base, ...base, ["a", "b", "c"]];
    const pl = plackettLuce(repeated, ["a", "b", "c"]);
    // Reference: the unpooled log-likelihood of the same worths, summed ranking by ranking.
    let ll = 0;
    for (const r of repeated) {
      let rest = r.reduce((s, id) => s + pl.worth[id], 0);
      for (let t = 0; t < r.length - 1; t++) {
        ll += Math.log(pl.worth[r[t]]) - Math.log(rest);
        rest -= pl.worth[r[t]];
      }
    }
    expect(pl.converged).toBe(true);
    expect(pl.logLik).toBeCloseTo(ll, 10);
    expect(pl.worth.a + pl.worth.b + pl.worth.c).toBeCloseTo(1, 12);
  });
});

describe("pooled rankings: friedman and posthoc Wilcoxon with weights", () => {
  // 250 rankings of (Q, L, M): QLM 94, QML 32, LQM 96, LMQ 15, MQL 5, MLQ 8 (the paper's Table 2 counts).
  const orders: [string[], number][] = [
    [["q", "l", "m"], 94], [["q", "m", "l"], 32], [["l", "q", "m"], 96], [["l", "m", "q"], 15], [["m", "q", "l"], 5], [["m", "l", "q"], 8],
  ];
  const rankings = orders.flatMap(([ranking, n]) => Array.from({ length: n }, () => ({ ranking })));
  const systems = ["q", "l", "m"];

  it("pools 250 rankings into 6 rows and matches R friedman.test (χ² = 189.656, p = 6.55726703577693e-42)", () => {
    const { rows, weights } = pooledRankMatrix(rankings, systems);
    expect(rows).toEqual([[1, 2, 3], [1, 3, 2], [2, 1, 3], [3, 1, 2], [2, 3, 1], [3, 2, 1]]);
    expect(weights).toEqual([94, 32, 96, 15, 5, 8]);
    const f = friedman(rows, weights);
    expect(f.blocks).toBe(250);
    expect(f.statistic).toBeCloseTo(189.656, 9);
    expect(f.p / 6.55726703577693e-42).toBeCloseTo(1, 6);
    expect(f).toEqual(friedman(rankMatrix(rankings, systems)));
  });

  it("weighted Wilcoxon equals the expanded one and R wilcox.test(paired = TRUE) with Holm", () => {
    const { rows, weights } = pooledRankMatrix(rankings, systems);
    const pooled = posthocWilcoxon(rows, systems, weights);
    const expanded = posthocWilcoxon(rankMatrix(rankings, systems), systems);
    // R: q vs l V = 14013, p = 0.115868183770132; q vs m V = 3086, p = 3.85064403195188e-30; l vs m V = 4000, p = 3.57536513101745e-26;
    // p.adjust(…, "holm") = 0.115868183770132, 1.15519320958556e-29, 7.15073026203489e-26.
    expect(pooled.map((t) => t.statistic)).toEqual([14013, 3086, 4000]);
    expect(pooled[0].p).toBeCloseTo(0.115868183770132, 12);
    expect(pooled[1].p / 3.85064403195188e-30).toBeCloseTo(1, 6);
    expect(pooled[2].pHolm / 7.15073026203489e-26).toBeCloseTo(1, 6);
    pooled.forEach((t, i) => {
      expect(t.statistic).toBe(expanded[i].statistic);
      expect(t.p / expanded[i].p).toBeCloseTo(1, 9);
    });
  });

  it("all weights 1 is the unweighted test (exact when R would be)", () => {
    expect(wilcoxonSignedRankWeighted([1, 2, 3.5], [0, 0, 0], [1, 1, 1])).toEqual(wilcoxonSignedRank([1, 2, 3.5], [0, 0, 0]));
  });
});
