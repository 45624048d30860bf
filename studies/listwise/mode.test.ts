import { describe, expect, it } from "vitest";
import { loadTemplate } from "@/studies/registry";
import type { TListwiseConfig } from "./config";
import { checkRanking, listwiseMode, rankingStatistics } from "./mode";
import type { TRanking } from "./tables";

const config = loadTemplate("mixassist-listwise") as TListwiseConfig;

describe("listwise answers", () => {
  it("maps a ranking of letters back to systems through the order shown", () => {
    expect(listwiseMode.mapAnswer(["C", "A", "B"], ["ltu", "mullama", "qwen"], config)).toEqual({
      answerPosition: "C>A>B",
      answer: "qwen>ltu>mullama",
      payload: { ranking: ["qwen", "ltu", "mullama"] },
    });
  });
  it("refuses ties, gaps and letters that were not shown", () => {
    expect(() => checkRanking(["A", "A", "B"], 3)).toThrow(/repeated A; missing C/);
    expect(() => checkRanking(["A", "B"], 3)).toThrow(/missing C/);
    expect(() => checkRanking(["A", "B", "D"], 3)).toThrow(/not shown D/);
    expect(() => checkRanking("A>B>C", 3)).toThrow(/list of letters/);
  });
});

describe("ranking statistics under Table 2", () => {
  // 12 items: qwen always first, ltu second on 8, mullama second on 4.
  const rankings: TRanking[] = Array.from({ length: 12 }, (_, i) => ({
    raterId: "r1",
    itemId: `i${i}`,
    topic: "drums",
    ranking: i < 8 ? ["qwen", "ltu", "mullama"] : ["qwen", "mullama", "ltu"],
  }));
  it("is reproducible for the study's seed and names the Friedman test", () => {
    const a = rankingStatistics(rankings, config);
    expect(rankingStatistics(rankings, config)).toEqual(a);
    // Qwen is ranked 1 in every resample, so its interval is exactly [1, 1].
    // Qwen first in 12 of 12: Wilson 95% interval 75.8% to 100% (R prop.test(12, 12, correct = FALSE)$conf.int = 0.7575 1).
    expect(a[0]).toMatch(/^Ranked #1, with Wilson 95% intervals: Qwen 100\.0% \(95% CI 75\.8% to 100\.0%\); LTU 0\.0%/);
    expect(a[1]).toBe("Qwen: average rank 1.00 (95% CI 1.00 to 1.00, 1000 bootstrap resamples of items).");
    // Friedman on 12 blocks with rank sums 12, 28, 32: χ² = 12/(12·3·4)·(144+784+1024) − 3·12·4 = 18.67, df 2.
    expect(a[4]).toMatch(/^Friedman test across 3 systems over 12 rankings: χ² = 18\.67, df = 2, p < 0\.001/);
    expect(a[5]).toMatch(/^Pairwise Wilcoxon signed-rank tests, Holm-corrected: /);
    expect(a[6]).toMatch(/^Plackett–Luce worth \(probability of being ranked first among all; sums to 1\): Qwen /);
    expect(rankingStatistics(rankings, { ...config, statistics: { seed: "other", bootstrapResamples: 1000 } }).at(-1)).toBe('Bootstrap seed "other".');
  });
});

describe("listwise import from MixAssist rows and several models' outputs", () => {
  it("keeps one candidate per configured system and refuses a row missing one", async () => {
    const { prepareListwiseImport } = await import("./import");
    const { makeMixAssistSample, toJsonl } = await import("@/lib/import/sample-data");
    const sample = makeMixAssistSample(3, 11, { seconds: 1 });
    const rows = sample.rows.map((r) => ({ ...r, audio_file: null }));
    const outputs = ["qwen", "ltu", "mullama"].flatMap((system) =>
      sample.outputs.map((o) => ({ conversation_id: o.conversation_id, turn_id: o.turn_id, generation: `${system} says: ${o.generation}`, system })),
    );
    const files = (outs: typeof outputs) => ({ rows: { name: "rows.jsonl", text: toJsonl(rows) }, outputs: { name: "outputs.jsonl", text: toJsonl(outs) }, audio: null });
    const prepared = await prepareListwiseImport(files(outputs), config, { audioMaxBytes: 1 << 20 });
    expect(prepared.items).toHaveLength(3);
    for (const item of prepared.items) {
      // The expert's own reply is not one of this study's systems, so it is left out.
      expect(item.candidates.map((c) => c.system).sort()).toEqual(["ltu", "mullama", "qwen"]);
      expect(item.candidates.find((c) => c.system === "ltu")!.text).toMatch(/^ltu says: /);
    }
    const withoutOneLtu = outputs.filter((o) => !(o.system === "ltu" && o.turn_id === sample.outputs[1].turn_id && o.conversation_id === sample.outputs[1].conversation_id));
    await expect(prepareListwiseImport(files(withoutOneLtu), config, { audioMaxBytes: 1 << 20 })).rejects.toThrow(/line 2: no model output \(ltu\)/);
  });
});
