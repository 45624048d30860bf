import { describe, expect, it } from "vitest";
import { answerOptions, mapPairwiseAnswer } from "./answer";
import { loadTemplate } from "@/studies/registry";
import type { TPairwiseConfig } from "./config";

const systems = { generated: "qwen-ft", reference: "expert" };

describe("mapPairwiseAnswer", () => {
  it("qwen-ft at A: A → generated_better, B → human_better", () => {
    expect(mapPairwiseAnswer("A", ["qwen-ft", "expert"], systems)).toBe("generated_better");
    expect(mapPairwiseAnswer("B", ["qwen-ft", "expert"], systems)).toBe("human_better");
  });

  it("expert at A: A → human_better, B → generated_better", () => {
    expect(mapPairwiseAnswer("A", ["expert", "qwen-ft"], systems)).toBe("human_better");
    expect(mapPairwiseAnswer("B", ["expert", "qwen-ft"], systems)).toBe("generated_better");
  });

  it("both_good and both_bad do not depend on the order", () => {
    for (const order of [["qwen-ft", "expert"], ["expert", "qwen-ft"]]) {
      expect(mapPairwiseAnswer("both_good", order, systems)).toBe("both_good");
      expect(mapPairwiseAnswer("both_bad", order, systems)).toBe("both_bad");
    }
  });

  it("a system that is neither generated nor reference is stored as <system>_better", () => {
    expect(mapPairwiseAnswer("A", ["mullama", "qwen-ft"], systems)).toBe("mullama_better");
    expect(mapPairwiseAnswer("B", ["mullama", "qwen-ft"], systems)).toBe("generated_better");
  });
});

describe("answerOptions", () => {
  it("four options keyed 1–4 with the study's labels", () => {
    const config = loadTemplate("mixassist-pairwise") as TPairwiseConfig;
    expect(answerOptions(config)).toEqual([
      { value: "A", label: "Response A is better", key: "1" },
      { value: "B", label: "Response B is better", key: "2" },
      { value: "both_good", label: "Both are good", key: "3" },
      { value: "both_bad", label: "Both are bad", key: "4" },
    ]);
  });
});
