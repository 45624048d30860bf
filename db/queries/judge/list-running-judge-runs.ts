import "server-only";
// Runs left running when the server stopped: the boot resumes them. Server-internal, not researcher-scoped.
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgeRuns } from "@/db/schema";

export async function listRunningJudgeRuns(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.select({ id: judgeRuns.id }).from(judgeRuns).where(eq(judgeRuns.status, "running")).orderBy(asc(judgeRuns.createdAt));
  return rows.map((r) => r.id);
}
