import { describe, expect, it } from "vitest";
import { signTest } from "./binomial";
import { krippendorffAlpha } from "./krippendorff";
import { alphaSentence, averageRankSentence, formatP, friedmanSentence, kendallWSentence, posthocSentence, proportionPhrase, signTestSentence } from "./plain-words";
import { wilson } from "./proportion";
import { friedman, kendallW, posthocWilcoxon } from "./rankings";

describe("formatP", () => {
  it("two significant digits, floor at 0.001, 1 when it rounds to 1", () => {
    expect(formatP(0.48278855684402283)).toBe("p = 0.48");
    expect(formatP(0.012444146277171803)).toBe("p = 0.012");
    expect(formatP(0.0012)).toBe("p = 0.0012");
    expect(formatP(0.000999)).toBe("p < 0.001");
    expect(formatP(0.05)).toBe("p = 0.050");
    expect(formatP(0.999)).toBe("p = 1");
    expect(formatP(1)).toBe("p = 1");
    expect(formatP(NaN)).toBe("p not available");
  });
});

describe("signTestSentence", () => {
  it("the issue's example: 40 of 73", () => {
    expect(signTestSentence(signTest(40, 33))).toBe("Generated preferred in 40 of 73 decided comparisons, p = 0.48, not significant at 0.05.");
  });
  it("names the side preferred more; handles a tie and no decided comparisons", () => {
    expect(signTestSentence(signTest(3, 17), { labels: ["Generated", "Human"] })).toBe(
      "Human preferred in 17 of 20 decided comparisons, p = 0.0026, significant at 0.05.",
    );
    expect(signTestSentence(signTest(5, 5))).toBe("Generated and expert each preferred in 5 of 10 decided comparisons, p = 1, not significant at 0.05.");
    expect(signTestSentence(signTest(0, 0))).toMatch(/^No decided comparisons/);
  });
});

describe("other sentences", () => {
  it("proportion, average rank, Friedman, post hoc, W, alpha", () => {
    expect(proportionPhrase(wilson(40, 100))).toBe("40.0% (95% CI 30.9% to 49.8%)");
    expect(averageRankSentence({ system: "Qwen", mean: 1.59, lower: 1.5, upper: 1.684 }, 1000)).toBe(
      "Qwen: average rank 1.59 (95% CI 1.50 to 1.68, 1000 bootstrap resamples of items).",
    );
    const m = [[1, 2, 3], [2, 1, 3], [1, 3, 2], [1, 2, 3], [2, 1, 3], [1, 2, 3], [3, 1, 2], [1, 2, 3], [2, 1, 3], [1, 3, 2], [1, 2, 3], [2, 3, 1]];
    expect(friedmanSentence(friedman(m), 3)).toBe(
      "Friedman test across 3 systems over 12 rankings: χ² = 7.17, df = 2, p = 0.028, significant at 0.05 — the systems' ranks differ.",
    );
    expect(posthocSentence(posthocWilcoxon(m, ["q", "l", "m"]))).toBe(
      "Pairwise Wilcoxon signed-rank tests, Holm-corrected: q vs l p = 0.30; q vs m p = 0.041 (significant at 0.05); l vs m p = 0.24.",
    );
    expect(kendallWSentence(kendallW([[1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 3, 4]]))).toBe(
      "Kendall's W = 0.78 among 3 rankers (0 = no agreement, 1 = complete), p = 0.072, not significant at 0.05.",
    );
    expect(alphaSentence(krippendorffAlpha([[0, 1], [1, 1], [0, 1], [0, 0], [0, 0], [0, 1], [0, 0], [0, 0], [1, 0], [0, 0]], "nominal"), "nominal")).toBe(
      "Krippendorff's alpha (nominal) = 0.10 over 10 units (1 = perfect agreement, 0 = chance).",
    );
  });
});
