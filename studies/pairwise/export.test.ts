import { describe, expect, it } from "vitest";
import { table3Statistics } from "./export";
import type { TPairwiseJudgmentRow, TPreferenceAnswer } from "./tables";

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
