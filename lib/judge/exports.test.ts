import { describe, expect, it } from "vitest";
import { renderTable } from "@/lib/export/table";
import { buildJudgeTable, type TJudgeResultForExport } from "./exports";

const systems = [{ id: "q", label: "Qwen" }, { id: "l", label: "LTU" }, { id: "m", label: "MU-LLaMA" }];
const run = { id: "11111111-2222-3333-4444-555555555555", model: "judge-x", seed: "s", status: "done" };
const result = (itemId: string, ranking: string[] | null): TJudgeResultForExport => ({
  runId: run.id, itemId, conversationId: null, turnId: null, topic: null, status: ranking ? "done" : "failed",
  letterMap: {}, ranking, rawReply: null, latencyMs: 10, error: ranking ? null : "unparsable",
});

describe("judge agreement export", () => {
  it("carries Cohen's kappa and Kendall's tau in the table and as sentences in CSV, Markdown and LaTeX", () => {
    // Judge vs one rater on 4 items: tops q, q, l, m vs q, l, l, m → observed 3/4; chance (2·1 + 1·2 + 1·1)/16 = 5/16;
    // kappa = (12/16 − 5/16)/(11/16) = 7/11 = 0.64. Taus per item: 1, 1/3, 1, 1 → mean 0.83.
    const human = [
      { raterId: "h1", itemId: "a", topic: null, ranking: ["q", "l", "m"] },
      { raterId: "h1", itemId: "b", topic: null, ranking: ["l", "q", "m"] },
      { raterId: "h1", itemId: "c", topic: null, ranking: ["l", "q", "m"] },
      { raterId: "h1", itemId: "d", topic: null, ranking: ["m", "l", "q"] },
    ];
    const results = [result("a", ["q", "l", "m"]), result("b", ["q", "l", "m"]), result("c", ["l", "q", "m"]), result("d", ["m", "l", "q"]), result("e", null)];
    const t = buildJudgeTable("agreement", { systems, human, run, runs: [run], results });
    expect(t.rows).toEqual([["Judge judge-x vs Rater 1", 4, "0.64", "0.83"]]);
    const sentence = "Judge judge-x vs Rater 1: over 4 shared items, Cohen's kappa on the top choice = 0.64 and mean Kendall's tau between the rankings = 0.83 (1 = same, 0 = chance).";
    expect(t.notes).toContain(sentence);
    expect(t.notes).toContain("The judge's 1 failed item(s) are not compared.");
    expect(renderTable(t, "csv").body).toContain(`\r\n# ${sentence}\r\n`);
    expect(renderTable(t, "md").body).toContain(`\n\n${sentence}`);
    expect(renderTable(t, "tex").body).toContain("Cohen's kappa on the top choice = 0.64 and mean Kendall's tau between the rankings = 0.83");
  });
});

describe("judge Table 2 export", () => {
  it("carries the human Table 2's statistics, the bootstrap seeded with the run's seed", () => {
    const results = ["a", "b", "c", "d"].map((id, i) => result(id, i < 3 ? ["q", "l", "m"] : ["l", "q", "m"]));
    const t = buildJudgeTable("2", { systems, human: [], run, runs: [run], results });
    expect(t.id).toBe("table2-judge");
    // Qwen first in 3 of 4: Wilson 95% (R prop.test(3, 4, correct = FALSE)) 30.1% to 95.4%.
    expect(t.notes).toContain("Ranked #1, with Wilson 95% intervals: Qwen 75.0% (95% CI 30.1% to 95.4%); LTU 25.0% (95% CI 4.6% to 69.9%); MU-LLaMA 0.0% (95% CI 0.0% to 49.0%).");
    expect(t.notes?.some((n) => n.startsWith("Friedman test across 3 systems over 4 rankings"))).toBe(true);
    expect(t.notes?.at(-1)).toBe('Bootstrap seed "s".');
    expect(renderTable(t, "csv").body).toContain('\r\n# Bootstrap seed "s".\r\n');
  });
});
