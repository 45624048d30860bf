import { describe, expect, it } from "vitest";
import { judgeResultsJson, type TJudgeEvaluationInput } from "./judge-results-json";

const systems = [{ id: "qwen" }, { id: "ltu" }, { id: "mullama" }];

const ev = (itemId: string, letterMap: Record<string, string>, ranking: string[] | null, extra: Partial<TJudgeEvaluationInput> = {}): TJudgeEvaluationInput => ({
  itemId,
  conversationId: "group4_conv10",
  turnId: 3,
  topic: "drums",
  letterMap,
  ranking,
  rawReply: ranking ? '{"rank_1": "A", "rank_2": "B", "rank_3": "C"}' : "I think all three are fine.",
  latencyMs: 1500,
  ...extra,
});

// Three items: qwen > ltu > mullama; ltu > qwen > mullama; one failure.
const run = judgeResultsJson({
  runId: "run-1",
  model: "gpt-4o",
  randomSeed: "abc123",
  systems,
  evaluations: [
    ev("i1", { A: "qwen", B: "ltu", C: "mullama" }, ["qwen", "ltu", "mullama"]),
    ev("i2", { A: "ltu", B: "mullama", C: "qwen" }, ["ltu", "qwen", "mullama"], { latencyMs: 250 }),
    ev("i3", { A: "mullama", B: "qwen", C: "ltu" }, null, { error: "reply did not parse: no ranking found in the reply", latencyMs: null }),
  ],
});

describe("judgeResultsJson", () => {
  it("counts #1s, rank positions and average ranks over the parsed items only", () => {
    // #1: qwen once, ltu once. Ranks: qwen 1,2 → avg 1.5; ltu 2,1 → 1.5; mullama 3,3 → 3.
    expect(run.model_counts).toEqual({ qwen: 1, ltu: 1, mullama: 0 });
    expect(run.rank_counts).toEqual({
      qwen: { "1": 1, "2": 1, "3": 0 },
      ltu: { "1": 1, "2": 1, "3": 0 },
      mullama: { "1": 0, "2": 0, "3": 2 },
    });
    expect(run.average_ranks).toEqual({ qwen: 1.5, ltu: 1.5, mullama: 3 });
    expect(run.final_evaluated_count).toBe(2);
    expect(run.failed).toBe(1);
    expect(Object.keys(run.model_counts)).toEqual(["qwen", "ltu", "mullama"]);
  });

  it("writes each evaluation in the MixAssist shape", () => {
    expect(run.run_id).toBe("run-1");
    expect(run.model).toBe("gpt-4o");
    expect(run.random_seed).toBe("abc123");
    expect(run.evaluations[1]).toEqual({
      sample_id: 1,
      item_id: "i2",
      conversation_id: "group4_conv10",
      turn_id: 3,
      topic: "drums",
      status: "ok",
      rankings: { ltu: 1, qwen: 2, mullama: 3 },
      best_model: "ltu",
      model_letter_map: { ltu: "A", mullama: "B", qwen: "C" },
      letter_model_map: { A: "ltu", B: "mullama", C: "qwen" },
      ranking_response: '{"rank_1": "A", "rank_2": "B", "rank_3": "C"}',
      latency: 0.25,
    });
  });

  it("keeps a failed item as failed, never with a made-up ranking", () => {
    const f = run.evaluations[2];
    expect(f.status).toBe("failed");
    expect(f.rankings).toBeNull();
    expect(f.best_model).toBeNull();
    expect(f.latency).toBeNull();
    expect(f.ranking_response).toBe("I think all three are fine.");
    expect(f.error).toBe("reply did not parse: no ranking found in the reply");
  });

  it("round-trips through JSON unchanged", () => {
    const text = JSON.stringify(run);
    expect(JSON.parse(text)).toEqual(run);
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it("gives null average ranks (not NaN, not 0) when every item failed", () => {
    const allFailed = judgeResultsJson({
      runId: "run-2",
      model: "llama3",
      randomSeed: 42,
      systems,
      evaluations: [ev("i1", { A: "qwen", B: "ltu", C: "mullama" }, null, { latencyMs: Infinity })],
    });
    expect(allFailed.average_ranks).toEqual({ qwen: null, ltu: null, mullama: null });
    expect(allFailed.model_counts).toEqual({ qwen: 0, ltu: 0, mullama: 0 });
    expect(allFailed.failed).toBe(1);
    expect(allFailed.evaluations[0].latency).toBeNull();
    const text = JSON.stringify(allFailed);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(text)).toEqual(allFailed);
  });

  it("rejects a ranking that is not a permutation of the systems", () => {
    expect(() =>
      judgeResultsJson({ runId: "r", model: "m", randomSeed: 1, systems, evaluations: [ev("i9", {}, ["qwen", "qwen", "ltu"])] }),
    ).toThrow(/item i9.*not a permutation/);
  });
});
