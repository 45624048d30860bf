import "server-only";
// The researcher's cancel and resume of a judge run. Owner or editor; a run in any other state is a conflict.
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgeRuns, studies } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { getStudyForResearcher } from "../studies/get-study-for-researcher";
import { studyAccessible } from "../studies/study-access";

async function ownedRun({ studyId, researcherId, runId }: { studyId: string; researcherId: string; runId: string }) {
  const db = await getDb();
  const [row] = await db
    .select({ id: judgeRuns.id, status: judgeRuns.status })
    .from(judgeRuns)
    .innerJoin(studies, eq(studies.id, judgeRuns.studyId))
    .where(and(eq(judgeRuns.id, runId), eq(judgeRuns.studyId, studyId), studyAccessible(researcherId, "read")))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such judge run.");
  await getStudyForResearcher({ studyId, researcherId, need: "write" }); // owner or editor; a viewer gets 403
  return row;
}

/** Running or stopped → cancelled. The runner sees it at its next recorded result and makes no new calls. */
export async function cancelJudgeRun(scope: { studyId: string; researcherId: string; runId: string }) {
  const run = await ownedRun(scope);
  const db = await getDb();
  const [row] = await db
    .update(judgeRuns)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(and(eq(judgeRuns.id, run.id), inArray(judgeRuns.status, ["running", "stopped"])))
    .returning({ id: judgeRuns.id });
  if (!row) throw new AppError("CONFLICT", `This run is ${run.status}; only a running or stopped run can be cancelled.`);
}

/** Stopped → running, clearing the reason it stopped; items already judged are not judged again. */
export async function resumeJudgeRun(scope: { studyId: string; researcherId: string; runId: string }) {
  const run = await ownedRun(scope);
  const db = await getDb();
  const [row] = await db
    .update(judgeRuns)
    .set({ status: "running", lastError: null, finishedAt: null })
    .where(and(eq(judgeRuns.id, run.id), eq(judgeRuns.status, "stopped")))
    .returning({ id: judgeRuns.id });
  if (!row) throw new AppError("CONFLICT", `This run is ${run.status}; only a stopped run can be resumed.`);
}
