// The listwise mode: raters rank every candidate, 1 = best, no ties (MixAssist Appendix D.2).
import { z } from "zod";
import { chartByColumns, chartByRows } from "@/lib/export/chart-data";
import type { ResultTable } from "@/lib/export/table";
import { AppError } from "@/lib/http/app-error";
import { createRng } from "@/lib/random/rng";
import { averageRankSentence, friedmanSentence, plackettLuceSentence, posthocSentence } from "@/lib/stats/plain-words";
import { averageRankBootstrap, friedman, plackettLuce, pooledRankMatrix, posthocWilcoxon } from "@/lib/stats/rankings";
import type { TJudgmentExportRow } from "../judgments-csv";
import type { TStudyMode } from "../mode";
import { POSITION_LETTERS } from "../view";
import type { TListwiseConfig } from "./config";
import { rankersAgreementTable, rankOneSentence, rankStats, table10, table2, table6, table7, type TRanking } from "./tables";

const ZRanking = z.array(z.string()).min(2).max(8);

/** A ranking must name every shown letter exactly once: no ties, no gaps, nothing unknown. */
export function checkRanking(raw: unknown, shown: number): string[] {
  const parsed = ZRanking.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "Invalid body: answer: a ranking is a list of letters, best first.");
  const letters = POSITION_LETTERS.slice(0, shown);
  const ranking = parsed.data;
  const repeated = ranking.filter((l, i) => ranking.indexOf(l) !== i);
  const unknown = ranking.filter((l) => !letters.includes(l));
  const missing = letters.filter((l) => !ranking.includes(l));
  if (repeated.length || unknown.length || missing.length || ranking.length !== shown) {
    const why = [
      repeated.length ? `repeated ${[...new Set(repeated)].join(", ")}` : "",
      missing.length ? `missing ${missing.join(", ")}` : "",
      unknown.length ? `not shown ${unknown.join(", ")}` : "",
    ].filter(Boolean).join("; ");
    throw new AppError("BAD_REQUEST", `Invalid body: answer: rank each of ${letters.join(", ")} exactly once (${why}).`);
  }
  return ranking;
}

export function rankingsOf(rows: readonly TJudgmentExportRow[]): TRanking[] {
  return rows.map((r) => ({
    raterId: r.participantId,
    itemId: r.itemId ?? r.itemExternalId,
    topic: r.topic,
    ranking: r.answer.split(">"),
  }));
}

/**
 * Under Table 2: average rank with bootstrap 95% intervals resampling items (seed and resamples from
 * the study's configuration), the Friedman test over complete rankings, and Holm-corrected Wilcoxon post-hoc tests.
 */
export function rankingStatistics(rankings: readonly TRanking[], config: Pick<TListwiseConfig, "systems" | "statistics">): string[] {
  if (rankings.length === 0) return [];
  const ids = config.systems.map((s) => s.id);
  const label = new Map(config.systems.map((s) => [s.id, s.label]));
  const { bootstrapResamples, seed } = config.statistics;
  const boot = averageRankBootstrap(rankings, ids, { resamples: bootstrapResamples, rng: createRng(seed, "bootstrap:average-rank") });
  // Identical rankings pooled with counts: at most k! rows, so a million rankings cost one pass.
  const { rows: matrix, weights } = pooledRankMatrix(rankings, ids);
  const posthoc = posthocWilcoxon(matrix, ids, weights).map((t) => ({ ...t, a: label.get(t.a) ?? t.a, b: label.get(t.b) ?? t.b }));
  const pl = plackettLuce(rankings.map((r) => r.ranking), ids);
  return [
    rankOneSentence(rankStats(rankings, config.systems), rankings.length),
    ...boot.systems.map((r) => averageRankSentence({ ...r, system: label.get(r.system) ?? r.system }, boot.resamples)),
    friedmanSentence(friedman(matrix, weights), ids.length),
    posthocSentence(posthoc),
    plackettLuceSentence(ids.map((id) => ({ label: label.get(id) ?? id, worth: pl.worth[id] }))),
    `Bootstrap seed "${seed}".`,
  ];
}

export const LISTWISE_TABLES = [
  { id: "7", title: "Table 7 — Aggregated rankings" },
  { id: "2", title: "Table 2 — Ranking summary" },
  { id: "10", title: "Table 10 — Rank #1 share by topic" },
  { id: "6", title: "Table 6 — Two-system preference" },
  { id: "agreement", title: "Agreement between rankers" },
];

export const listwiseMode: TStudyMode<TListwiseConfig> = {
  id: "listwise",
  label: "Listwise (rank the responses)",
  trialSystems(config, itemSystems) {
    const wanted = config.systems.map((s) => s.id).filter((s) => itemSystems.includes(s));
    return wanted.length >= 2 ? wanted : [...itemSystems].sort();
  },
  mapAnswer(raw, systemOrder) {
    const letters = checkRanking(raw, systemOrder.length);
    const systems = letters.map((l) => systemOrder[POSITION_LETTERS.indexOf(l)]);
    return { answerPosition: letters.join(">"), answer: systems.join(">"), payload: { ranking: systems } };
  },
  studyTexts(config) {
    return {
      mode: "listwise",
      title: config.title,
      consentText: config.texts.consent,
      instructions: config.texts.instructions,
      expertiseQuestion: config.texts.expertiseQuestion,
      answerOptions: [],
      criteria: config.criteria,
    };
  },
  tables: (config) => LISTWISE_TABLES.filter((t) => t.id !== "6" || config.systems.length === 2),
  buildTable(id, rows, config): ResultTable {
    const rankings = rankingsOf(rows);
    const systems = config.systems;
    if (id === "7") return table7(rankings, systems);
    if (id === "2") {
      const t = table2(rankings, systems);
      return { ...t, notes: [...(t.notes ?? []), ...rankingStatistics(rankings, config)] };
    }
    if (id === "10") return table10(rankings, systems);
    if (id === "agreement") return rankersAgreementTable(rankings, systems);
    if (id === "6") {
      const t = table6(rankings, systems);
      if (t) return t;
    }
    throw new AppError("NOT_FOUND", `This study has no table ${id}.`);
  },
  chart(t) {
    if (t.id.startsWith("table7") || t.id.startsWith("table8")) return chartByRows(t, t.columns.slice(1));
    if (t.id.startsWith("table10")) return chartByRows(t, t.columns.slice(2));
    if (t.id.startsWith("table2")) return chartByColumns(t, [String(t.rows[1]?.[0] ?? "")]);
    if (t.id.startsWith("table6")) return chartByRows(t, ["% Preferred"]);
    return null;
  },
  positions: (config) => config.systems.length,
};
