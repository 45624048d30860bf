import "server-only";
// Everything the judge exports and the judge page need, owner-scoped: systems, human rankings, runs and their results.
import { listJudgeResultsForResearcher } from "@/db/queries/judge/list-judge-results";
import { listJudgeRunsForResearcher } from "@/db/queries/judge/list-judge-runs";
import { listJudgmentsForTables } from "@/db/queries/judgments/list-judgments-for-tables";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { AppError } from "@/lib/http/app-error";
import { rankingsOf } from "@/studies/listwise/mode";
import type { TJudgeExportInput } from "./exports";
import type { TJudgeRunSummary } from "./schemas";

export type TJudgePageData = Omit<TJudgeExportInput, "run" | "runs"> & {
  slug: string;
  run: Omit<TJudgeRunSummary, "active"> | null;
  /** Runs with at least one result, oldest first. */
  runs: Omit<TJudgeRunSummary, "active">[];
  /** Every run, newest first. */
  allRuns: Omit<TJudgeRunSummary, "active">[];
};

/** With `runId`, that run is `run` (404 if it is not this study's); otherwise the newest run with results, or null. */
export async function loadJudgeExportData({ studyId, researcherId, runId }: { studyId: string; researcherId: string; runId?: string }): Promise<TJudgePageData> {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "read" });
  if (study.config.mode !== "listwise") throw new AppError("NOT_FOUND", "LLM-judge runs belong to listwise studies.");
  const [runs, results, judgments] = await Promise.all([
    listJudgeRunsForResearcher({ studyId, researcherId }),
    listJudgeResultsForResearcher({ studyId, researcherId }),
    listJudgmentsForTables({ studyId, researcherId }),
  ]);
  const withResults = runs.filter((r) => r.done + r.failed > 0);
  const run = runId ? runs.find((r) => r.id === runId) : withResults[0] ?? null;
  if (runId && !run) throw new AppError("NOT_FOUND", "No such judge run.");
  return {
    slug: study.slug,
    systems: study.config.systems,
    human: rankingsOf(judgments),
    run: run ?? null,
    // Oldest first in Table 5, after the human pool.
    runs: [...withResults].reverse(),
    allRuns: runs,
    results,
  };
}
