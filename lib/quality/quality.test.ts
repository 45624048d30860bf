// Unit: the flag rules, attention evaluation per mode, the listening rule, and the exclusion statement, with hand-worked answers.
import { describe, expect, it } from "vitest";
import { attentionRounds, pickGold } from "@/lib/assignment/assign";
import { createRng } from "@/lib/random/rng";
import { ImportError } from "@/lib/import/errors";
import { attentionPassed } from "./attention";
import { attentionChecksByLine } from "./import-attention";
import { exclusionStatement, isLeftOut } from "./exclusion";
import { finishFlags, straightLiningFlag, tooFastFlag } from "./flags";
import { effectiveListeningRule, listeningMissingMs, listeningReason } from "./listening";

const r = (answerPosition: string, timeOnItemMs: number | null = 5000) => ({ answerPosition, timeOnItemMs });

describe("straight-lining", () => {
  it("flags only when every round has the same answer position and there are enough rounds", () => {
    expect(straightLiningFlag([r("A"), r("A"), r("A"), r("A"), r("A")], { minRounds: 5 })).toEqual({ position: "A", rounds: 5 });
    expect(straightLiningFlag([r("A"), r("A"), r("A"), r("A")], { minRounds: 5 })).toBeNull(); // 4 < 5 rounds
    expect(straightLiningFlag([r("A"), r("A"), r("B"), r("A"), r("A")], { minRounds: 5 })).toBeNull();
    expect(straightLiningFlag([r("B>A>C"), r("B>A>C"), r("B>A>C")], { minRounds: 3 })).toEqual({ position: "B>A>C", rounds: 3 });
    expect(straightLiningFlag([r("A"), r("A"), r("A")], { minRounds: null })).toBeNull();
  });
});

describe("too fast", () => {
  it("flags when more than the share of rounds are under the minimum (not equal to it)", () => {
    // 2 s minimum: 1999 ms is fast, 2000 ms is not. 3 of 4 fast = 75 % > 50 %.
    expect(tooFastFlag([r("A", 1999), r("A", 100), r("A", 500), r("A", 2000)], { minSeconds: 2, share: 0.5 })).toEqual({ count: 3, rounds: 4, minSeconds: 2 });
    // 2 of 4 = 50 %, not more than 50 %.
    expect(tooFastFlag([r("A", 1999), r("A", 100), r("A", 2000), r("A", 9000)], { minSeconds: 2, share: 0.5 })).toBeNull();
    // An unmeasured round is not fast: 1 of 3 fast = 33 % > 25 %.
    expect(tooFastFlag([r("A", null), r("A", 100), r("A", 5000)], { minSeconds: 2, share: 0.25 })).toEqual({ count: 1, rounds: 3, minSeconds: 2 });
    expect(tooFastFlag([r("A", 1)], { minSeconds: null, share: 0 })).toBeNull();
    expect(tooFastFlag([], { minSeconds: 2, share: 0 })).toBeNull();
  });

  it("finishFlags stamps both", () => {
    expect(finishFlags([r("A", 100), r("A", 100)], { minSecondsPerTrial: 1, tooFastShare: 0.5, straightLiningMinRounds: 2 }, "T")).toEqual([
      { kind: "too_fast", count: 2, rounds: 2, minSeconds: 1, at: "T" },
      { kind: "straight_lining", position: "A", rounds: 2, at: "T" },
    ]);
  });
});

describe("attention evaluation", () => {
  const order = ["qwen-ft", "expert"]; // A = qwen-ft, B = expert
  it("pairwise: the better system by label, or both_good / both_bad", () => {
    const gold = { answer: "expert" };
    expect(attentionPassed(gold, { mode: "pairwise", answerPosition: "B", answer: "human_better", systemOrder: order, payload: null })).toBe(true);
    expect(attentionPassed(gold, { mode: "pairwise", answerPosition: "A", answer: "generated_better", systemOrder: order, payload: null })).toBe(false);
    expect(attentionPassed(gold, { mode: "pairwise", answerPosition: "both_good", answer: "both_good", systemOrder: order, payload: null })).toBe(false);
    expect(attentionPassed({ answer: "both_bad" }, { mode: "pairwise", answerPosition: "both_bad", answer: "both_bad", systemOrder: order, payload: null })).toBe(true);
    expect(attentionPassed({ answer: "human_better" }, { mode: "pairwise", answerPosition: "B", answer: "human_better", systemOrder: order, payload: null })).toBe(true);
  });
  it("listwise: top choice or exact ranking", () => {
    const a = { mode: "listwise" as const, answerPosition: "B>A>C", answer: "ltu>qwen>mullama", systemOrder: ["qwen", "ltu", "mullama"], payload: { ranking: ["ltu", "qwen", "mullama"] } };
    expect(attentionPassed({ answer: "ltu" }, a)).toBe(true);
    expect(attentionPassed({ answer: "qwen" }, a)).toBe(false);
    expect(attentionPassed({ ranking: ["ltu", "qwen", "mullama"] }, a)).toBe(true);
    expect(attentionPassed({ ranking: ["ltu", "mullama", "qwen"] }, a)).toBe(false);
  });
  it("rating: every rated response has the criterion value", () => {
    const a = (x: number, y: number) => ({ mode: "rating" as const, answerPosition: "", answer: "", systemOrder: ["s1", "s2"], payload: { ratings: { s1: { effectiveness: x }, s2: { effectiveness: y } } } });
    expect(attentionPassed({ answer: { effectiveness: 1 } }, a(1, 1))).toBe(true);
    expect(attentionPassed({ answer: { effectiveness: 1 } }, a(1, 2))).toBe(false);
  });
  it("a ground truth that does not parse fails closed", () => {
    expect(attentionPassed(null, { mode: "pairwise", answerPosition: "A", answer: "x", systemOrder: order, payload: null })).toBe(false);
    expect(attentionPassed({ track: "bass", gain_db: 3 }, { mode: "pairwise", answerPosition: "A", answer: "x", systemOrder: order, payload: null })).toBe(false);
  });
});

describe("listening rule", () => {
  it("full: the clip's length less 300 ms; seconds: N s or the whole of a shorter clip", () => {
    expect(listeningMissingMs("none", 0, 10_000)).toBe(0);
    expect(listeningMissingMs("full", 9_600, 10_000)).toBe(100);
    expect(listeningMissingMs("full", 9_700, 10_000)).toBe(0);
    expect(listeningMissingMs({ seconds: 5 }, 4_900, 10_000)).toBe(100);
    expect(listeningMissingMs({ seconds: 5 }, 1_700, 2_000)).toBe(0);
    expect(listeningMissingMs({ seconds: 5 }, 1_600, 2_000)).toBe(100);
    expect(listeningReason({ seconds: 5 }, 4_900, 10_000)).toBe("Listen to the audio clip for at least 5 s before answering (4.9 s so far).");
    expect(listeningReason("full", 0, 10_000)).toBe("Play the audio clip all the way through before answering (0.0 s heard of 10.0 s).");
    expect(listeningReason("full", 9_700, 10_000)).toBeNull();
  });
  it("the study-wide rule wins over a rating study's requireMixPlayed", () => {
    expect(effectiveListeningRule({ quality: { requireListening: "none" }, listening: { requireMixPlayed: "full" } })).toBe("full");
    expect(effectiveListeningRule({ quality: { requireListening: { seconds: 3 } }, listening: { requireMixPlayed: "full" } })).toEqual({ seconds: 3 });
    expect(effectiveListeningRule({ quality: { requireListening: "none" } })).toBe("none");
  });
});

describe("gold rounds in the assignment", () => {
  it("keeps the rounds that fit the session", () => {
    expect(attentionRounds([8, 3], 5)).toEqual([3]); // 5 regular + 1 gold = 6 rounds: 8 does not fit
    expect(attentionRounds([3, 8], 10)).toEqual([3, 8]);
    expect(attentionRounds([1, 1, 2], 0)).toEqual([1, 2]);
    expect(attentionRounds([], 10)).toEqual([]);
  });
  it("picks distinct gold items first, then repeats", () => {
    const picked = pickGold({ goldIds: ["g1", "g2"], rounds: 3, exclude: new Set(["g1"]), rng: createRng("s", "gold") });
    expect(picked[0]).toBe("g2");
    expect(picked[1]).toBe("g1");
    expect(picked[2]).toBe("g2");
  });
});

describe("exclusion statement", () => {
  const s = (status: string, excluded: boolean, ...kinds: string[]) => ({ status, excludedAt: excluded ? new Date(0) : null, flags: kinds.map((kind) => ({ kind })) });
  const sessions = [
    s("completed", false), s("completed", false), s("completed", false), s("completed", false), s("completed", false),
    s("completed", false), s("completed", false), s("completed", false), s("completed", false),
    s("completed", true, "attention_failed"), s("screened_out", true, "attention_failed"), s("completed", false, "too_fast"),
  ];
  it("standard leaves out excluded and screened-out sessions, keeps merely flagged", () => {
    expect(exclusionStatement("standard", sessions)).toBe("Excluded 2 of 12 sessions: 1 screened out, 1 failed attention check. Merely flagged sessions are included (flagged=standard).");
    expect(sessions.filter((x) => isLeftOut("standard", x))).toHaveLength(2);
  });
  it("exclude also leaves out flagged sessions; include keeps all", () => {
    expect(exclusionStatement("exclude", sessions)).toBe("Excluded 3 of 12 sessions: 1 screened out, 1 failed attention check, 1 too fast. Every flagged session is excluded (flagged=exclude).");
    expect(exclusionStatement("include", sessions)).toBe("Included all 12 sessions, 3 of them flagged, excluded or screened out (flagged=include).");
    expect(exclusionStatement("standard", [s("completed", false)])).toBe("Excluded 0 of 1 session. Merely flagged sessions are included (flagged=standard).");
  });
});

describe("attention_check in import rows", () => {
  it("reads it per line from JSONL objects and CSV JSON cells; a bad one names its line and field", () => {
    const jsonl = ['{"id":"a"}', '{"id":"b","attention_check":{"answer":"expert"}}'].join("\n");
    expect([...attentionChecksByLine({ name: "rows.jsonl", text: jsonl })]).toEqual([[2, { answer: "expert" }]]);
    const csv = 'id,attention_check\na,\nb,"{""ranking"":[""qwen"",""ltu""]}"\n';
    expect([...attentionChecksByLine({ name: "rows.csv", text: csv })]).toEqual([[3, { ranking: ["qwen", "ltu"] }]]);
    const bad = () => attentionChecksByLine({ name: "rows.csv", text: "id,attention_check\na,{nope\n" });
    expect(bad).toThrow(ImportError);
    try {
      bad();
    } catch (e) {
      expect((e as ImportError).issues).toEqual([{ file: "rows", line: 2, field: "attention_check", message: expect.stringMatching(/not valid JSON/) }]);
    }
  });
});
