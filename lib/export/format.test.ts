import { describe, expect, it } from "vitest";
import { avg2, countWithPct, fixed, pct1, share1 } from "./format";

describe("format", () => {
  it("pct1 turns a fraction into a one-decimal percentage", () => {
    expect(pct1(0.4)).toBe("40.0");
    expect(pct1(0.504)).toBe("50.4");
    expect(pct1(0)).toBe("0.0");
    expect(pct1(1)).toBe("100.0");
  });

  it("share1 divides, and gives 0.0 for an empty total", () => {
    expect(share1(33, 100)).toBe("33.0");
    expect(share1(1, 3)).toBe("33.3");
    expect(share1(2, 3)).toBe("66.7");
    expect(share1(126, 250)).toBe("50.4");
    expect(share1(1, 16)).toBe("6.3"); // 6.25 rounds half up
    expect(share1(0, 0)).toBe("0.0");
  });

  it("avg2 rounds half up despite binary floats", () => {
    expect(avg2(1.594)).toBe("1.59");
    expect(avg2(2.705)).toBe("2.71"); // 2.705 is 2.70499999… in binary; toFixed gives 2.70
    expect(avg2(1.005)).toBe("1.01");
    expect(avg2(7.06)).toBe("7.06");
    expect(avg2(5)).toBe("5.00");
  });

  it("fixed handles negatives, negative zero and non-finite values", () => {
    expect(fixed(-1.25, 1)).toBe("-1.3");
    expect(fixed(-0.004, 2)).toBe("0.00");
    expect(fixed(Number.NaN, 2)).toBe("—");
    expect(fixed(Infinity, 1)).toBe("—");
  });

  it("countWithPct matches the papers' Table 2 cell", () => {
    expect(countWithPct(126, 250)).toBe("126 (50.4%)");
    expect(countWithPct(13, 250)).toBe("13 (5.2%)");
  });
});
