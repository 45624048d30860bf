import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "./krippendorff";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", worked examples.
const _ = null;
// Example C: 4 observers × 12 units, values 1–5, missing data (observer rows as printed in the paper).
const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
const UNITS = A.map((_v, i) => [A[i], B[i], C[i], D[i]]);

describe("krippendorffAlpha — published example C (4 observers, 12 units, missing values)", () => {
  it("nominal: paper 0.743; exactly 113/152", () => {
    // n = 40 pairable values (unit 12 has one value and drops out); D_o = 8/40 = 0.2;
    // D_e = Σ_{c≠k} n_c n_k / (40·39) with n = (9, 13, 10, 5, 3) → α = 1 − 0.2/(608/780) = 113/152.
    const r = krippendorffAlpha(UNITS, "nominal");
    expect(r.pairable).toBe(40);
    expect(r.units).toBe(11);
    expect(r.observed).toBeCloseTo(0.2, 14);
    expect(r.alpha).toBeCloseTo(0.743, 3);
    expect(r.alpha).toBeCloseTo(113 / 152, 12);
  });

  it("ordinal: paper 0.815; exactly 1 − (1891/40)/(3329/13) = 108577/133160", () => {
    const r = krippendorffAlpha(UNITS, "ordinal");
    expect(r.alpha).toBeCloseTo(0.815, 3);
    expect(r.observed).toBeCloseTo(1891 / 40, 10);
    expect(r.expected).toBeCloseTo(3329 / 13, 10);
    expect(r.alpha).toBeCloseTo(108577 / 133160, 12);
  });

  it("interval: paper 0.849; exactly 951/1120", () => {
    const r = krippendorffAlpha(UNITS, "interval");
    expect(r.alpha).toBeCloseTo(0.849, 3);
    expect(r.alpha).toBeCloseTo(951 / 1120, 12);
  });

  it("observer order within a unit does not matter; an explicit ordinal order equals numeric order", () => {
    const shuffled = UNITS.map((u) => [...u].reverse());
    expect(krippendorffAlpha(shuffled, "ordinal").alpha).toBeCloseTo(108577 / 133160, 12);
    expect(krippendorffAlpha(UNITS, "ordinal", { order: [1, 2, 3, 4, 5] }).alpha).toBeCloseTo(108577 / 133160, 12);
  });
});

describe("krippendorffAlpha — published example A (2 observers, binary, 10 units)", () => {
  it("nominal: paper 0.095; exactly 2/21", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const r = krippendorffAlpha(a.map((x, i) => [x, b[i]]), "nominal");
    expect(r.alpha).toBeCloseTo(0.095, 3);
    expect(r.alpha).toBeCloseTo(2 / 21, 12);
  });
});

describe("krippendorffAlpha — edge cases", () => {
  it("string labels for pairwise choices", () => {
    const r = krippendorffAlpha([["gen", "gen"], ["exp", "exp"], ["gen", "exp"], ["both_good", "both_good"]], "nominal");
    expect(Number.isFinite(r.alpha)).toBe(true);
    expect(r.alpha).toBeLessThan(1);
  });

  it("perfect agreement → 1; one value everywhere or nothing pairable → NaN", () => {
    expect(krippendorffAlpha([[1, 1], [2, 2, null], [3, 3]], "ordinal").alpha).toBeCloseTo(1, 14);
    expect(krippendorffAlpha([["a", "a"], ["a", "a"]], "nominal").alpha).toBeNaN();
    expect(krippendorffAlpha([["a", null], [null, "b"]], "nominal").alpha).toBeNaN();
  });

  it("ordinal strings need an order", () => {
    expect(() => krippendorffAlpha([["lo", "hi"]], "ordinal")).toThrow(RangeError);
    expect(krippendorffAlpha([["lo", "hi"], ["hi", "hi"], ["lo", "lo"]], "ordinal", { order: ["lo", "hi"] }).alpha).toBeTypeOf("number");
  });
});
