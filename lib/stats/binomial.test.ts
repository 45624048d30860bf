import { describe, expect, it } from "vitest";
import { signTest } from "./binomial";

// Reference values: R 4.2.2, `binom.test(x, n)$p.value` (p = 0.5), printed with %.17g.
const R_BINOM: [number, number, number][] = [
  [40, 73, 0.48278855684402283],
  [0, 10, 0.0019531250000000004],
  [1, 3, 1],
  [5, 5, 0.0625],
  [3, 4, 0.62500000000000011],
  [500, 1000, 1],
  [460, 1000, 0.012444146277171803],
  [4000, 8100, 0.27133108714393295],
  [0, 1, 1],
];

describe("signTest", () => {
  it.each(R_BINOM)("binom.test(%i, %i)", (x, n, p) => {
    expect(Math.abs(signTest(x, n - x).p - p)).toBeLessThan(1e-12);
    // Two-sided: swapping wins and losses gives the same p.
    expect(Math.abs(signTest(n - x, x).p - p)).toBeLessThan(1e-12);
  });

  it("paper Table 3: generated 40 vs expert 33 (ties excluded)", () => {
    const t = signTest(40, 33);
    expect(t.n).toBe(73);
    expect(t.p).toBeCloseTo(0.48278855684402283, 12);
  });

  it("n = 0 gives p = 1", () => {
    expect(signTest(0, 0)).toEqual({ wins: 0, losses: 0, n: 0, p: 1 });
  });

  it("large n stays finite: 2·P(X ≤ 0) for n = 2000 underflows to 0, 1e6 balanced is 1", () => {
    expect(signTest(0, 2000).p).toBe(0);
    expect(signTest(500_000, 500_000).p).toBe(1);
    const p = signTest(499_000, 501_000).p;
    expect(p).toBeGreaterThan(0.04);
    expect(p).toBeLessThan(0.06);
  });

  it("rejects non-integers", () => {
    expect(() => signTest(1.5, 2)).toThrow(RangeError);
  });
});
