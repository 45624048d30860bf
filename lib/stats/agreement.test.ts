import { describe, expect, it } from "vitest";
import { cohensKappa, kendallTau, meanKendallTau, rankVectors } from "./agreement";

/** `count` copies of the label pair (a, b). */
const rep = (count: number, a: string, b: string): [string, string][] => Array.from({ length: count }, () => [a, b]);
const split = (pairs: [string, string][]) => [pairs.map((p) => p[0]), pairs.map((p) => p[1])] as const;

describe("cohensKappa", () => {
  it("2×2: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → 0.4", () => {
    // observed = 35/50 = 0.7; A says yes 25/50 = 0.5, B 30/50 = 0.6;
    // expected = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    const [a, b] = split([...rep(20, "yes", "yes"), ...rep(5, "yes", "no"), ...rep(10, "no", "yes"), ...rep(15, "no", "no")]);
    const k = cohensKappa(a, b);
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it("3 categories: 7 of 10 agree, marginals 4/3/3 each → 6/11", () => {
    // expected = 0.4² + 0.3² + 0.3² = 0.34; kappa = (0.7 − 0.34)/0.66 = 0.36/0.66 = 6/11.
    const a = ["x", "x", "x", "x", "y", "y", "y", "z", "z", "z"];
    const b = ["x", "x", "x", "y", "y", "y", "z", "z", "z", "x"];
    const k = cohensKappa(a, b);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.34, 12);
    expect(k.kappa).toBeCloseTo(6 / 11, 12);
  });

  it("perfect agreement → 1; systematic disagreement below chance → negative", () => {
    expect(cohensKappa(["a", "b", "a"], ["a", "b", "a"]).kappa).toBeCloseTo(1, 12);
    // observed 0, expected 0.5·0.5 + 0.5·0.5 = 0.5 → kappa = −1.
    expect(cohensKappa(["a", "b"], ["b", "a"]).kappa).toBeCloseTo(-1, 12);
  });

  it("is NaN when both raters always give the same single label (expected = 1), and with no items", () => {
    const k = cohensKappa(["q", "q", "q"], ["q", "q", "q"]);
    expect(k.observed).toBe(1);
    expect(k.expected).toBe(1);
    expect(k.kappa).toBeNaN();
    expect(cohensKappa([], []).kappa).toBeNaN();
    expect(cohensKappa([], []).n).toBe(0);
  });

  it("rejects lists of different length", () => {
    expect(() => cohensKappa(["a"], [])).toThrow(/length/);
  });
});

describe("kendallTau", () => {
  it("identical rankings → 1, reversed → −1", () => {
    expect(kendallTau([1, 2, 3], [1, 2, 3])).toBe(1);
    expect(kendallTau([1, 2, 3], [3, 2, 1])).toBe(-1);
  });

  it("one adjacent swap of 3 → 1/3 (2 concordant, 1 discordant of 3 pairs)", () => {
    expect(kendallTau([1, 2, 3], [2, 1, 3])).toBeCloseTo(1 / 3, 12);
    expect(kendallTau([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3, 12);
  });

  it("tau-b with a tie: [1,2,3,4] vs [1,2,2,3] → 5/√30", () => {
    // Pairs: 5 concordant, (2,3) tied in y only. tau-b = 5/√((5+1)·5) = 0.91287… (scipy agrees).
    expect(kendallTau([1, 2, 3, 4], [1, 2, 2, 3])).toBeCloseTo(5 / Math.sqrt(30), 12);
    expect(kendallTau([1, 2, 3, 4], [1, 2, 2, 3])).toBeCloseTo(0.9128709291752769, 12);
  });

  it("is NaN when one side is constant or too short", () => {
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTau([1], [1])).toBeNaN();
  });
});

describe("meanKendallTau", () => {
  it("averages per-item taus: (1 + (−1) + 1/3)/3 = 1/9", () => {
    expect(
      meanKendallTau([
        [[1, 2, 3], [1, 2, 3]],
        [[1, 2, 3], [3, 2, 1]],
        [[1, 2, 3], [2, 1, 3]],
      ]),
    ).toBeCloseTo(1 / 9, 12);
  });

  it("leaves out undefined pairs; nothing left → NaN", () => {
    expect(meanKendallTau([[[1, 2, 3], [1, 2, 3]], [[1, 1, 1], [1, 2, 3]]])).toBe(1);
    expect(meanKendallTau([])).toBeNaN();
  });
});

describe("rankVectors", () => {
  it("turns two best-first rankings into rank vectors in the first ranking's order", () => {
    expect(rankVectors(["q", "l", "m"], ["l", "q", "m"])).toEqual([[1, 2, 3], [2, 1, 3]]);
    const [x, y] = rankVectors(["q", "l", "m"], ["m", "l", "q"]);
    expect(kendallTau(x, y)).toBe(-1);
  });
});
