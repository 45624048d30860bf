import { describe, expect, it } from "vitest";
import { table3Statistics } from "./export";
import { agreementTable, table11, type TPairwiseJudgmentRow, type TPreferenceAnswer } from "./tables";

const rows = (counts: Record<TPreferenceAnswer, number>): TPairwiseJudgmentRow[] =>
  (Object.entries(counts) as [TPreferenceAnswer, number][]).flatMap(([answer, n]) =>
    Array.from({ length: n }, (_, i) => ({ participantId: `p${i % 10}`, expertise: "Intermediate" as const, answer })),
  );

describe("Table 3 statistics", () => {
  it("states the paper's sign test in plain words (40 vs 33 decided, ties excluded; R binom.test(40, 73) p = 0.4828)", () => {
    const notes = table3Statistics(rows({ generated_better: 40, human_better: 33, both_good: 12, both_bad: 15 }));
    expect(notes[0]).toBe("Generated preferred in 40 of 73 decided comparisons, p = 0.48, not significant at 0.05.");
    // Wilson 95% interval of 40/100 (R prop.test(40, 100, correct = FALSE)$conf.int: 0.3094013 0.4979974)
    expect(notes[1]).toContain("Generated better 40.0% (95% CI 30.9% to 49.8%)");
  });
});

describe("Table 3 statistics: Davidson Bradley–Terry with an item bootstrap", () => {
  const withItems = (counts: [number, number, number, number][]): TPairwiseJudgmentRow[] =>
    counts.flatMap(([g, h, bg, bb], item) =>
      (["generated_better", "human_better", "both_good", "both_bad"] as const).flatMap((answer, a) =>
        Array.from({ length: [g, h, bg, bb][a] }, (_, i) => ({ participantId: `p${i}`, expertise: null, answer, itemId: `i${item}` })),
      ),
    );

  it("states the worth share (40/73 = 0.55) and both tie parameters (12/√1320 = 0.33, 15/√1320 = 0.41) with the seed", () => {
    const j = withItems([[10, 8, 3, 4], [10, 9, 3, 3], [12, 8, 4, 4], [8, 8, 2, 4]]);
    const notes = table3Statistics(j, { seed: "paper", bootstrapResamples: 500 });
    expect(notes[2]).toMatch(
      /^Davidson Bradley–Terry model with "both good" and "both bad" as two kinds of tie: Generated's worth share 0\.55 \(95% CI 0\.\d\d to 0\.\d\d; 0\.5 = no preference\); tie parameters: both good ν = 0\.33 \(95% CI [\d.]+ to [\d.]+\), both bad ν = 0\.41 \(95% CI [\d.]+ to [\d.]+\); 500 bootstrap resamples of 4 items, seed "paper"\.$/,
    );
    expect(table3Statistics(j, { seed: "paper", bootstrapResamples: 500 })).toEqual(notes);
  });

  it("identical items give the exact interval (every resample has the same totals)", () => {
    const j = withItems(Array.from({ length: 6 }, () => [3, 1, 0, 0] as [number, number, number, number]));
    expect(table3Statistics(j, { seed: "s", bootstrapResamples: 100 })[2]).toContain("Generated's worth share 0.75 (95% CI 0.75 to 0.75; 0.5 = no preference)");
  });
});

describe("Table 11 statistics", () => {
  it("per group: Wilson 95% intervals of the four shares and the sign test (Intermediate 29 vs 24: R binom.test p = 0.5831)", () => {
    const j: TPairwiseJudgmentRow[] = rows({ generated_better: 29, human_better: 24, both_good: 4, both_bad: 13 });
    const t = table11(j);
    // R prop.test(k, 70, correct = FALSE)$conf.int: 29 → 0.3063–0.5312; 24 → 0.2425–0.4596; 4 → 0.0224–0.1379; 13 → 0.1119–0.2923.
    expect(t.notes).toContain(
      "Intermediate (70 judgments): Generated better 41.4% (95% CI 30.6% to 53.1%); Human better 34.3% (95% CI 24.2% to 46.0%); Both good 5.7% (95% CI 2.2% to 13.8%); Both bad 18.6% (95% CI 11.2% to 29.2%). Generated preferred in 29 of 53 decided comparisons, p = 0.58, not significant at 0.05.",
    );
    // Groups with no judgments say nothing.
    expect(t.notes?.some((n) => n.startsWith("Amateur"))).toBe(false);
  });
});

describe("pairwise agreement table", () => {
  it("Krippendorff's alpha (nominal) over items judged by two or more participants", () => {
    // Item a: generated, generated; item b: generated, human; item c: both_good, both_good; item d: one judgment (drops out).
    // Four answers: o_gg = 2, o_gh = o_hg = 1, o_bgbg = 2 → n_g = 3, n_h = 1, n_bg = 2, n = 6;
    // D_o = 2/6; D_e = (36 − 9 − 1 − 4)/30 = 22/30; α = 1 − (1/3)/(22/30) = 1 − 10/22 = 0.5455.
    // Decided only: items a (g, g) and b (g, h): n_g = 3, n_h = 1, n = 4; D_o = 2/4; D_e = 2·3/12 = 0.5; α = 0.
    const j: TPairwiseJudgmentRow[] = [
      { participantId: "p1", expertise: null, answer: "generated_better", itemId: "a" },
      { participantId: "p2", expertise: null, answer: "generated_better", itemId: "a" },
      { participantId: "p1", expertise: null, answer: "generated_better", itemId: "b" },
      { participantId: "p2", expertise: null, answer: "human_better", itemId: "b" },
      { participantId: "p1", expertise: null, answer: "both_good", itemId: "c" },
      { participantId: "p2", expertise: null, answer: "both_good", itemId: "c" },
      { participantId: "p1", expertise: null, answer: "both_bad", itemId: "d" },
    ];
    const t = agreementTable(j);
    expect(t.rows).toEqual([
      ["Krippendorff's α (nominal), four answers", 3, 6, "0.55"],
      ["Krippendorff's α (nominal), generated vs expert only", 2, 4, "0.00"],
    ]);
    expect(t.notes?.[0]).toBe("Four answers: Krippendorff's alpha (nominal) = 0.55 over 3 items with 2+ judgments (1 = perfect agreement, 0 = chance).");
  });

  it("says so when no item has two judgments", () => {
    const t = agreementTable(rows({ generated_better: 3, human_better: 1, both_good: 0, both_bad: 0 }).map((r, i) => ({ ...r, itemId: `i${i}` })));
    expect(t.rows[0]).toEqual(["Krippendorff's α (nominal), four answers", 0, 0, "—"]);
    expect(t.notes?.[0]).toBe("Four answers: Krippendorff's alpha (nominal) not available: needs items judged by at least two participants.");
  });
});
