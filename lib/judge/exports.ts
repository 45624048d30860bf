// The judge's exports: Tables 8, 2, 10 for one run, Table 5 stacking humans and every run, judge-vs-human agreement,
// and judge_results_<run_id>.json — built from stored rankings, failures counted and never filled in.
import { z } from "zod";
import type { ResultTable } from "@/lib/export/table";
import { judgeResultsJson, type TJudgeResultsJson } from "@/studies/listwise/judge-results-json";
import { rankingStatistics } from "@/studies/listwise/mode";
import { agreementTable, table10, table2, table5, table7, table8, type TAgreementRater, type TRanking, type TSystem } from "@/studies/listwise/tables";

export const JUDGE_TABLES = ["8", "2", "10", "5", "agreement"] as const;
export type TJudgeTableId = (typeof JUDGE_TABLES)[number];

export const ZJudgeExportQuery = z
  .object({
    table: z.enum(JUDGE_TABLES).optional(),
    format: z.enum(["csv", "md", "tex", "json"]).default("csv"),
  })
  .refine((q) => q.format === "json" || q.table !== undefined, { message: "give table=8|5|agreement|2|10, or format=json", path: ["table"] });

/** A stored result as the exports need it. */
export interface TJudgeResultForExport {
  runId: string;
  itemId: string;
  conversationId: string | null;
  turnId: number | null;
  topic: string | null;
  status: "done" | "failed";
  letterMap: Record<string, string>;
  ranking: string[] | null;
  rawReply: string | null;
  latencyMs: number | null;
  error: string | null;
}

export interface TJudgeRunForExport {
  id: string;
  model: string;
  seed: string;
  status: string;
}

export const judgeLabel = (run: Pick<TJudgeRunForExport, "id" | "model">): string => `${run.model} (run ${run.id.slice(0, 8)})`;

/** The run's rankings as Table rows: rater "judge:<run id>"; failed items are left out and counted separately. */
export function judgeRankings(runId: string, results: readonly TJudgeResultForExport[]): { rankings: TRanking[]; failed: number } {
  const mine = results.filter((r) => r.runId === runId);
  return {
    rankings: mine.flatMap((r) => (r.status === "done" && r.ranking ? [{ raterId: `judge:${runId}`, itemId: r.itemId, topic: r.topic, ranking: r.ranking }] : [])),
    failed: mine.filter((r) => r.status === "failed").length,
  };
}

/** Human raters for agreement, "Rater 1", "Rater 2", … in the order they first appear in `human`. */
export function humanRaters(human: readonly TRanking[]): TAgreementRater[] {
  const byRater = new Map<string, Map<string, string[]>>();
  for (const r of human) {
    let m = byRater.get(r.raterId);
    if (!m) byRater.set(r.raterId, (m = new Map()));
    m.set(r.itemId, r.ranking);
  }
  return [...byRater.entries()].map(([id, rankings], i) => ({ id, label: `Rater ${i + 1}`, rankings }));
}

export interface TJudgeExportInput {
  systems: readonly TSystem[];
  /** Every human ranking of the study (studies/listwise/mode rankingsOf). */
  human: readonly TRanking[];
  /** The run the table is about (Table 5 shows every run in `runs`). */
  run: TJudgeRunForExport;
  runs: readonly TJudgeRunForExport[];
  results: readonly TJudgeResultForExport[];
}

export function buildJudgeTable(id: TJudgeTableId, input: TJudgeExportInput): ResultTable {
  const { systems, human, run, runs, results } = input;
  const mine = judgeRankings(run.id, results);
  switch (id) {
    case "8":
      return table8(mine.rankings, systems, { judge: judgeLabel(run), failed: mine.failed });
    case "2": {
      const t = table2(mine.rankings, systems, { failed: mine.failed, title: `Table 2 — Ranking summary, LLM judge (${judgeLabel(run)})` });
      // The same statistics as the human Table 2; the bootstrap is seeded with the run's stored seed.
      const stats = rankingStatistics(mine.rankings, { systems: [...systems], statistics: { seed: run.seed, bootstrapResamples: 1000 } });
      return { ...t, id: "table2-judge", notes: [...(t.notes ?? []), ...stats] };
    }
    case "10": {
      const t = table10(mine.rankings, systems);
      return { ...t, id: "table10-judge", title: `${t.title}, LLM judge (${judgeLabel(run)})`, notes: mine.failed ? [`${mine.failed} failed item(s) are not counted.`] : t.notes };
    }
    case "5": {
      const raters = new Set(human.map((h) => h.raterId)).size;
      return table5(
        [
          { judge: `Humans (${raters} rater${raters === 1 ? "" : "s"})`, rankings: [...human], failed: 0 },
          ...runs.map((r) => {
            const j = judgeRankings(r.id, results);
            return { judge: `${judgeLabel(r)}${r.status === "done" ? "" : ` [${r.status}]`}`, rankings: j.rankings, failed: j.failed };
          }),
        ],
        systems,
      );
    }
    case "agreement": {
      const judge: TAgreementRater = { id: `judge:${run.id}`, label: `Judge ${run.model}`, rankings: new Map(mine.rankings.map((r) => [r.itemId, r.ranking])) };
      const t = agreementTable([judge, ...humanRaters(human)]);
      return { ...t, notes: [...(t.notes ?? []), ...(mine.failed ? [`The judge's ${mine.failed} failed item(s) are not compared.`] : [])] };
    }
  }
}

/** Human Table 7 for the judge page's side-by-side view. */
export const humanTable7 = (human: readonly TRanking[], systems: readonly TSystem[]): ResultTable =>
  table7(human, systems, { title: "Table 7 — Aggregated rankings, human raters" });

/** judge_results_<run_id>.json of one run. */
export function judgeResultsFile(run: TJudgeRunForExport, results: readonly TJudgeResultForExport[], systems: readonly TSystem[]): { filename: string; json: TJudgeResultsJson } {
  const json = judgeResultsJson({
    runId: run.id,
    model: run.model,
    randomSeed: run.seed,
    systems,
    evaluations: results
      .filter((r) => r.runId === run.id)
      .map((r) => ({
        itemId: r.itemId,
        conversationId: r.conversationId,
        turnId: r.turnId,
        topic: r.topic,
        letterMap: r.letterMap,
        ranking: r.status === "done" ? r.ranking : null,
        rawReply: r.rawReply,
        latencyMs: r.latencyMs,
        ...(r.error ? { error: r.error } : {}),
      })),
  });
  return { filename: `judge_results_${run.id}.json`, json };
}
