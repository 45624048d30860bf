import "server-only";
// Stores one item's outcome in a judge run, only while the run is still running, at most once per item.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgeResults, judgeRuns } from "@/db/schema";

export interface TJudgeResultInput {
  runId: string;
  itemId: string;
  status: "done" | "failed";
  letterMap: Record<string, string>;
  ranking: string[] | null;
  rawReply: string | null;
  attempts: number;
  latencyMs: number | null;
  error: string | null;
}

/**
 * "recorded", "duplicate" (the unique run+item index kept an earlier row), or "not-running" (the
 * run was cancelled meanwhile: nothing is stored). The run row is locked so a cancel and a result
 * cannot interleave.
 */
export async function recordJudgeResult(r: TJudgeResultInput): Promise<"recorded" | "duplicate" | "not-running"> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [run] = await tx.select({ status: judgeRuns.status }).from(judgeRuns).where(eq(judgeRuns.id, r.runId)).for("update");
    if (run?.status !== "running") return "not-running";
    const inserted = await tx
      .insert(judgeResults)
      .values({ ...r, latencyMs: r.latencyMs === null ? null : Math.round(r.latencyMs) })
      .onConflictDoNothing({ target: [judgeResults.runId, judgeResults.itemId] })
      .returning({ id: judgeResults.id });
    return inserted.length ? "recorded" : "duplicate";
  });
}
