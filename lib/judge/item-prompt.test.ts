import { describe, expect, it } from "vitest";
import { judgePresentation, judgePromptOf } from "./item-prompt";

describe("judge item prompt", () => {
  it("passes a judge-CSV prompt through and formats a MixAssist history as the conversation", () => {
    expect(judgePromptOf({ history: [], userUtterance: "Full prompt from the CSV" })).toBe("Full prompt from the CSV");
    const history = [
      { role: "user", content: "Here is my mix.", audio_file: null },
      { role: "assistant", content: "The vocals are buried." },
    ];
    expect(judgePromptOf({ history, userUtterance: "How do I fix it?" })).toBe("Producer: Here is my mix.\nExpert: The vocals are buried.\nProducer: How do I fix it?");
  });

  it("letters follow the seeded shuffle: same seed and item, same order; missing system → null", () => {
    const item = { id: "item-1", history: [], userUtterance: "P", candidates: [{ system: "b", text: "tb" }, { system: "a", text: "ta" }, { system: "c", text: "tc" }] };
    const one = judgePresentation(item, ["a", "b", "c"], "seed")!;
    expect(judgePresentation(item, ["a", "b", "c"], "seed")).toEqual(one);
    expect(one.letters).toEqual(["A", "B", "C"]);
    expect(Object.values(one.letterMap).sort()).toEqual(["a", "b", "c"]);
    expect(one.userMessage).toBe(`PROMPT: P\n\n${one.letters.map((l) => `RESPONSE ${l}: t${one.letterMap[l]}`).join("\n\n")}`);
    const orders = new Set(Array.from({ length: 30 }, (_, i) => Object.values(judgePresentation({ ...item, id: `i${i}` }, ["a", "b", "c"], "seed")!.letterMap).join("")));
    expect(orders.size).toBeGreaterThan(3);
    expect(judgePresentation(item, ["a", "b", "d"], "seed")).toBeNull();
  });
});
