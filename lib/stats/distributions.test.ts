import { describe, expect, it } from "vitest";
import { chiSquareSf, lgamma, normalCdf, psignrank, wilcoxonSignedRank } from "./distributions";

// Reference values from R 4.2.2, printed with %.17g.
describe("lgamma", () => {
  it("matches R lgamma()", () => {
    // lgamma(0.5), lgamma(3.7), lgamma(100), lgamma(1e6)
    expect(lgamma(0.5)).toBeCloseTo(0.57236494292470008, 13);
    expect(lgamma(3.7)).toBeCloseTo(1.4280723266653881, 13);
    expect(Math.abs(lgamma(100) / 359.1342053695754 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(lgamma(1e6) / 12815504.569147611 - 1)).toBeLessThan(1e-14);
    expect(lgamma(1)).toBeCloseTo(0, 14);
  });
});

describe("normalCdf", () => {
  it("matches R pnorm()", () => {
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220428, 14);
    expect(normalCdf(0.3)).toBeCloseTo(0.61791142218895267, 14);
    expect(normalCdf(2.5)).toBeCloseTo(0.99379033467422384, 14);
    expect(normalCdf(0)).toBe(0.5);
    // pnorm(-8): relative accuracy in the far tail.
    expect(Math.abs(normalCdf(-8) / 6.2209605742717849e-16 - 1)).toBeLessThan(1e-10);
  });
});

describe("chiSquareSf", () => {
  it("matches R pchisq(x, df, lower.tail = FALSE)", () => {
    expect(chiSquareSf(7.8, 2)).toBeCloseTo(0.020241911445804391, 14);
    expect(chiSquareSf(0.5, 3)).toBeCloseTo(0.91889141165467592, 14);
    expect(Math.abs(chiSquareSf(30, 5) / 1.4748581038443054e-5 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(chiSquareSf(100, 60) / 0.00091682886145608015 - 1)).toBeLessThan(1e-12);
    expect(chiSquareSf(0, 3)).toBe(1);
  });
});

describe("psignrank", () => {
  it("n = 3: V takes 0..6 with counts 1,1,1,2,1,1,1 out of 8", () => {
    expect(psignrank(0, 3)).toBe(1 / 8);
    expect(psignrank(3, 3)).toBe(5 / 8);
    expect(psignrank(6, 3)).toBe(1);
  });
});

describe("wilcoxonSignedRank (R wilcox.test(x, y, paired = TRUE))", () => {
  it("exact, n = 9 (R's ?wilcox.test depression example): V = 40, p = 0.0390625", () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const w = wilcoxonSignedRank(x, y);
    expect(w.method).toBe("exact");
    expect(w.statistic).toBe(40);
    expect(w.p).toBeCloseTo(0.0390625, 15);
  });

  it("exact, all positive: V = 36, p = 2/256", () => {
    const w = wilcoxonSignedRank([10, 20, 30, 40, 50, 60, 70, 80], [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(w.statistic).toBe(36);
    expect(w.p).toBeCloseTo(0.0078125000000000017, 15);
  });

  it("ties and zeros → normal approximation with corrections: V = 33, p = 0.041558707296959881", () => {
    // x2 <- c(3,5,2,6,7,4,8,9,1,5); y2 <- c(1,5,3,2,7,1,4,3,2,2); wilcox.test(x2, y2, paired = TRUE)
    const w = wilcoxonSignedRank([3, 5, 2, 6, 7, 4, 8, 9, 1, 5], [1, 5, 3, 2, 7, 1, 4, 3, 2, 2]);
    expect(w.method).toBe("normal");
    expect(w.n).toBe(8);
    expect(w.statistic).toBe(33);
    expect(w.p).toBeCloseTo(0.041558707296959881, 12);
  });

  it("n = 60 without ties → normal approximation: V = 682, p = 0.08697544330538623", () => {
    // set.seed(1); x3 <- round(rnorm(60), 3); y3 <- round(rnorm(60) + 0.3, 3)
    const x3 = [-0.626, 0.184, -0.836, 1.595, 0.33, -0.82, 0.487, 0.738, 0.576, -0.305, 1.512, 0.39, -0.621, -2.215, 1.125, -0.045, -0.016, 0.944, 0.821, 0.594, 0.919, 0.782, 0.075, -1.989, 0.62, -0.056, -0.156, -1.471, -0.478, 0.418, 1.359, -0.103, 0.388, -0.054, -1.377, -0.415, -0.394, -0.059, 1.1, 0.763, -0.165, -0.253, 0.697, 0.557, -0.689, -0.707, 0.365, 0.769, -0.112, 0.881, 0.398, -0.612, 0.341, -1.129, 1.433, 1.98, -0.367, -1.044, 0.57, -0.135];
    const y3 = [2.702, 0.261, 0.99, 0.328, -0.443, 0.489, -1.505, 1.766, 0.453, 2.473, 0.776, -0.41, 0.911, -0.634, -0.954, 0.591, -0.143, 0.301, 0.374, -0.29, -0.269, 0.165, 1.478, -1.224, 0.894, 0.633, 1.363, -0.004, 0.67, 0.567, -0.243, 1.508, 1.46, 1, 1.887, 0.858, -0.977, -0.273, -0.925, -0.173, -0.32, 0.342, -0.611, 0.458, -0.355, 2.067, 1.017, 1.21, 0.684, 1.982, -0.336, -0.162, 1.732, -0.351, 0.093, -0.093, -0.02, 0.021, 0.794, 0.123];
    const w = wilcoxonSignedRank(x3, y3);
    expect(w.method).toBe("normal");
    expect(w.statistic).toBe(682);
    expect(w.p).toBeCloseTo(0.08697544330538623, 12);
  });

  it("all differences zero → n = 0, p = 1 (R stops with an error)", () => {
    expect(wilcoxonSignedRank([1, 2], [1, 2])).toMatchObject({ n: 0, p: 1 });
  });
});
