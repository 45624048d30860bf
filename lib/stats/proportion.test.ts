import { describe, expect, it } from "vitest";
import { wilson } from "./proportion";

// Reference values: R 4.2.2, `prop.test(k, n, correct = FALSE)$conf.int`, printed with %.17g.
const R_WILSON: [number, number, number, number][] = [
  [40, 73, 0.43424321509808306, 0.65685344167328519],
  [0, 10, 0, 0.27753279986288915],
  [10, 10, 0.72246720013711085, 1],
  [1, 3, 0.061491944720396291, 0.79234039919795229],
  [33, 100, 0.24563122734128034, 0.42694656204909476],
  [3, 400, 0.0025538891952499414, 0.021815720724032116],
];

describe("wilson", () => {
  it.each(R_WILSON)("%i of %i matches R prop.test", (k, n, lo, hi) => {
    const w = wilson(k, n);
    expect(w.p).toBeCloseTo(k / n, 15);
    expect(Math.abs(w.lower - lo)).toBeLessThan(1e-12);
    expect(Math.abs(w.upper - hi)).toBeLessThan(1e-12);
  });

  it("n = 0 gives NaN, bad counts throw", () => {
    const w = wilson(0, 0);
    expect(w.p).toBeNaN();
    expect(w.lower).toBeNaN();
    expect(w.upper).toBeNaN();
    expect(() => wilson(5, 3)).toThrow(RangeError);
    expect(() => wilson(1.5, 3)).toThrow(RangeError);
  });

  it("a wider z gives a wider interval", () => {
    const a = wilson(12, 40);
    const b = wilson(12, 40, 2.5758293035489004);
    expect(b.lower).toBeLessThan(a.lower);
    expect(b.upper).toBeGreaterThan(a.upper);
  });
});
