import "server-only";
// A study's judge results for exports and the judge page: one row per judged item, with the item's ids. Readable by the owner and shared researchers.
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgeResults, judgeRuns, studies } from "@/db/schema";
import { studyAccessible } from "../studies/study-access";

export async function listJudgeResultsForResearcher({ studyId, researcherId, runIds }: { studyId: string; researcherId: string; runIds?: string[] }) {
  const db = await getDb();
  const rows = await db
    .select({
      runId: judgeResults.runId,
      itemId: judgeResults.itemId,
      itemExternalId: items.externalId,
      conversationId: items.conversationId,
      turnId: items.turnId,
      topic: items.topic,
      status: judgeResults.status,
      letterMap: judgeResults.letterMap,
      ranking: judgeResults.ranking,
      rawReply: judgeResults.rawReply,
      attempts: judgeResults.attempts,
      latencyMs: judgeResults.latencyMs,
      error: judgeResults.error,
    })
    .from(judgeResults)
    .innerJoin(judgeRuns, eq(judgeRuns.id, judgeResults.runId))
    .innerJoin(studies, eq(studies.id, judgeRuns.studyId))
    .innerJoin(items, eq(items.id, judgeResults.itemId))
    .where(and(eq(judgeRuns.studyId, studyId), studyAccessible(researcherId, "read"), runIds ? inArray(judgeResults.runId, runIds) : undefined))
    .orderBy(asc(items.externalId));
  return rows.map((r) => ({
    ...r,
    status: r.status as "done" | "failed",
    letterMap: r.letterMap as Record<string, string>,
    ranking: (r.ranking as string[] | null) ?? null,
  }));
}

export type TJudgeResultRow = Awaited<ReturnType<typeof listJudgeResultsForResearcher>>[number];
