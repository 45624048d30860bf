import "server-only";
// The runner's last word on a run: done, or stopped with the reason. A cancelled run stays cancelled.
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgeRuns } from "@/db/schema";

export async function finishJudgeRun({ runId, status, lastError }: { runId: string; status: "done" | "stopped"; lastError: string | null }) {
  const db = await getDb();
  const [row] = await db
    .update(judgeRuns)
    .set({ status, lastError, finishedAt: new Date() })
    .where(and(eq(judgeRuns.id, runId), eq(judgeRuns.status, "running")))
    .returning({ id: judgeRuns.id });
  return Boolean(row);
}
