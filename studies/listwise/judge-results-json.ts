// An LLM-judge run in the MixAssist evaluation code's `judge_results_<run_id>.json` shape
// (SPEC §6), so its analysis scripts read our runs. Always valid JSON: no NaN, no Infinity.
//
// Field shapes follow that code (llm_judge evaluator): `rankings` maps system → rank (1 = best),
// `model_letter_map` maps system → letter and `letter_model_map` letter → system, `latency` is in
// seconds, `rank_counts` has string rank keys ("1", "2", …) as Python's json.dump writes them.
// Two deliberate differences: failed items stay in `evaluations` with status "failed" and
// rankings null (MixAssist fell back to a random ranking or dropped them), and `average_ranks`
// is null for a system with no rankings (MixAssist wrote 0, which reads as a perfect score).

export interface TJudgeEvaluationInput {
  itemId: string;
  conversationId: string | null;
  turnId: number | null;
  topic: string | null;
  /** Letter shown to the judge → system id. */
  letterMap: Record<string, string>;
  /** System ids best first, or null when the reply never parsed (after retries). */
  ranking: string[] | null;
  rawReply: string | null;
  latencyMs: number | null;
  error?: string;
}

export interface TJudgeResultsInput {
  runId: string;
  model: string;
  randomSeed: string | number;
  evaluations: readonly TJudgeEvaluationInput[];
  /** System ids in display order (the key order of the count maps). */
  systems: readonly { id: string }[];
}

export interface TJudgeEvaluationJson {
  sample_id: number;
  item_id: string;
  conversation_id: string | null;
  turn_id: number | null;
  topic: string | null;
  status: "ok" | "failed";
  rankings: Record<string, number> | null;
  best_model: string | null;
  model_letter_map: Record<string, string>;
  letter_model_map: Record<string, string>;
  ranking_response: string | null;
  latency: number | null;
  error?: string;
}

export interface TJudgeResultsJson {
  run_id: string;
  model: string;
  random_seed: string | number;
  evaluations: TJudgeEvaluationJson[];
  model_counts: Record<string, number>;
  rank_counts: Record<string, Record<string, number>>;
  average_ranks: Record<string, number | null>;
  final_evaluated_count: number;
  failed: number;
}

const finiteOrNull = (x: number | null | undefined): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/**
 * Builds the results object. A non-null `ranking` must be a permutation of `systems` (throws
 * otherwise: a malformed ranking is a bug upstream, not a judge failure).
 */
export function judgeResultsJson(input: TJudgeResultsInput): TJudgeResultsJson {
  const ids = input.systems.map((s) => s.id);
  const n = ids.length;
  const model_counts = Object.fromEntries(ids.map((id) => [id, 0]));
  const rank_counts = Object.fromEntries(ids.map((id) => [id, Object.fromEntries(ids.map((_, r) => [String(r + 1), 0]))]));
  const rankSums = Object.fromEntries(ids.map((id) => [id, 0]));
  let ranked = 0;

  const evaluations = input.evaluations.map((e, i): TJudgeEvaluationJson => {
    let rankings: Record<string, number> | null = null;
    if (e.ranking) {
      const valid = e.ranking.length === n && new Set(e.ranking).size === n && e.ranking.every((id) => id in model_counts);
      if (!valid) throw new Error(`Judge ranking of item ${e.itemId} is [${e.ranking.join(", ")}], not a permutation of [${ids.join(", ")}]`);
      rankings = Object.fromEntries(e.ranking.map((id, r) => [id, r + 1]));
      ranked++;
      model_counts[e.ranking[0]]++;
      e.ranking.forEach((id, r) => {
        rank_counts[id][String(r + 1)]++;
        rankSums[id] += r + 1;
      });
    }
    return {
      sample_id: i,
      item_id: e.itemId,
      conversation_id: e.conversationId,
      turn_id: finiteOrNull(e.turnId),
      topic: e.topic,
      status: rankings ? "ok" : "failed",
      rankings,
      best_model: e.ranking?.[0] ?? null,
      model_letter_map: Object.fromEntries(Object.entries(e.letterMap).map(([letter, system]) => [system, letter])),
      letter_model_map: { ...e.letterMap },
      ranking_response: e.rawReply,
      latency: finiteOrNull(e.latencyMs === null ? null : e.latencyMs / 1000),
      ...(e.error !== undefined ? { error: e.error } : {}),
    };
  });

  return {
    run_id: input.runId,
    model: input.model,
    random_seed: typeof input.randomSeed === "number" ? (finiteOrNull(input.randomSeed) ?? String(input.randomSeed)) : input.randomSeed,
    evaluations,
    model_counts,
    rank_counts,
    average_ranks: Object.fromEntries(ids.map((id) => [id, ranked ? rankSums[id] / ranked : null])),
    final_evaluated_count: ranked,
    failed: input.evaluations.length - ranked,
  };
}
