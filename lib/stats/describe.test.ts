import { describe, expect, it } from "vitest";
import { averageRanks, mean, median, quantile, sd, tieSizes } from "./describe";

// Reference values from R 4.2.2: x <- c(7, 1, 4, 4, 10, 2.5)
const X = [7, 1, 4, 4, 10, 2.5];

describe("describe", () => {
  it("mean, sd (n − 1), median", () => {
    expect(mean(X)).toBeCloseTo(4.75, 14); // mean(x)
    expect(sd(X)).toBeCloseTo(3.2519225083018197, 13); // sd(x)
    expect(median(X)).toBe(4); // median(x)
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(mean([])).toBeNaN();
    expect(sd([1])).toBeNaN();
  });

  it("quantile type 7 matches R quantile(x, p)", () => {
    // quantile(x, c(0, 0.025, 0.1, 0.975, 1)) → 1, 1.1875, 1.75, 9.625, 10
    const ref: [number, number][] = [[0, 1], [0.025, 1.1875], [0.1, 1.75], [0.975, 9.625], [1, 10]];
    for (const [p, v] of ref) expect(quantile(X, p)).toBeCloseTo(v, 13);
    expect(quantile([], 0.5)).toBeNaN();
    expect(() => quantile(X, 1.5)).toThrow(RangeError);
  });

  it("average ranks and tie sizes (R rank(x))", () => {
    expect(averageRanks(X)).toEqual([5, 1, 3.5, 3.5, 6, 2]);
    expect(tieSizes([1, 2, 2, 3, 3, 3])).toEqual([2, 3]);
  });
});
