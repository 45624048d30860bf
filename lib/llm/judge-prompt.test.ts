import { describe, expect, it } from "vitest";
import { createRng, shuffle } from "@/lib/random/rng";
import { buildJudgeUserMessage, defaultJudgeSystemPrompt, judgeAnswerShape, judgeLetters, judgeRng, letterOrder } from "./judge-prompt";

describe("defaultJudgeSystemPrompt", () => {
  it("states the three criteria in order of importance", () => {
    const p = defaultJudgeSystemPrompt();
    const at = (s: string) => p.indexOf(s);
    expect(at("1. Technical accuracy")).toBeGreaterThan(0);
    expect(at("2. Helpfulness")).toBeGreaterThan(at("1. Technical accuracy"));
    expect(at("3. Conversation fluency")).toBeGreaterThan(at("2. Helpfulness"));
    expect(p).toContain("in order of importance");
  });

  it("asks for the JSON shape with as many letters as candidates", () => {
    expect(defaultJudgeSystemPrompt()).toContain('{"rank_1": "A", "rank_2": "B", "rank_3": "C"}');
    expect(defaultJudgeSystemPrompt()).toContain("RESPONSE A, RESPONSE B, RESPONSE C");
    expect(defaultJudgeSystemPrompt(4)).toContain('{"rank_1": "A", "rank_2": "B", "rank_3": "C", "rank_4": "D"}');
    expect(defaultJudgeSystemPrompt(4)).toContain("one of A, B, C or D");
    expect(defaultJudgeSystemPrompt(2)).toContain('{"rank_1": "A", "rank_2": "B"}');
    // The shape in the prompt parses as JSON.
    expect(JSON.parse(judgeAnswerShape(judgeLetters(3)))).toEqual({ rank_1: "A", rank_2: "B", rank_3: "C" });
  });

  it("rejects impossible candidate counts", () => {
    expect(() => judgeLetters(0)).toThrow(RangeError);
    expect(() => judgeLetters(27)).toThrow(RangeError);
  });
});

describe("buildJudgeUserMessage", () => {
  it("writes PROMPT then each RESPONSE, separated by blank lines", () => {
    expect(
      buildJudgeUserMessage("How do I fix muddy drums?", [
        { letter: "A", text: "Cut 300 Hz on the kick." },
        { letter: "B", text: "Add reverb." },
      ]),
    ).toBe("PROMPT: How do I fix muddy drums?\n\nRESPONSE A: Cut 300 Hz on the kick.\n\nRESPONSE B: Add reverb.");
  });
});

describe("letterOrder", () => {
  const systems = ["qwen", "ltu", "mu-llama"];

  it("letters the judge stream's shuffle A, B, C and is replayable from seed and item", () => {
    const order = letterOrder(systems, judgeRng("abc123", "item-7"));
    expect(order.map((o) => o.letter)).toEqual(["A", "B", "C"]);
    expect(order.map((o) => o.system)).toEqual(shuffle(createRng("abc123", "judge:item-7"), systems));
    expect([...order.map((o) => o.system)].sort()).toEqual([...systems].sort());
    expect(letterOrder(systems, judgeRng("abc123", "item-7"))).toEqual(order);
  });

  it("varies across items: all 6 orders of 3 systems occur over 60 items", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) seen.add(letterOrder(systems, judgeRng("s", `i${i}`)).map((o) => o.system).join(","));
    expect(seen.size).toBe(6);
  });
});
