import "server-only";
// A study's judge runs with their progress, newest first. Readable by the owner and shared researchers; never returns the key.
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgeResults, judgeRuns, studies } from "@/db/schema";
import { studyAccessible } from "../studies/study-access";
import type { TJudgeRunStatus, TJudgeRunSummary } from "@/lib/judge/schemas";

export async function listJudgeRunsForResearcher({ studyId, researcherId, runId }: { studyId: string; researcherId: string; runId?: string }): Promise<Omit<TJudgeRunSummary, "active">[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: judgeRuns.id,
      status: judgeRuns.status,
      model: judgeRuns.model,
      baseUrl: judgeRuns.baseUrl,
      seed: judgeRuns.seed,
      apiKeyHint: judgeRuns.apiKeyHint,
      apiKeyEnv: judgeRuns.apiKeyEnv,
      temperature: judgeRuns.temperature,
      concurrency: judgeRuns.concurrency,
      maxRetries: judgeRuns.maxRetries,
      timeoutMs: judgeRuns.timeoutMs,
      createdAt: judgeRuns.createdAt,
      finishedAt: judgeRuns.finishedAt,
      lastError: judgeRuns.lastError,
      total: sql<number>`(select count(*) from items where items.study_id = ${judgeRuns.studyId} and items.kind = 'item')::int`,
      done: sql<number>`count(${judgeResults.id}) filter (where ${judgeResults.status} = 'done')::int`,
      failed: sql<number>`count(${judgeResults.id}) filter (where ${judgeResults.status} = 'failed')::int`,
      calls: sql<number>`coalesce(sum(${judgeResults.attempts}), 0)::int`,
      recentCalls: sql<number>`coalesce(sum(${judgeResults.attempts}) filter (where ${judgeResults.createdAt} > now() - interval '60 seconds'), 0)::int`,
      // Seconds the last-minute window covers: a run younger than a minute counts from its start.
      recentWindow: sql<number>`least(60, greatest(1, extract(epoch from now() - ${judgeRuns.createdAt})))::float8`,
      span: sql<number | null>`extract(epoch from max(${judgeResults.createdAt}) - min(${judgeResults.createdAt}))::float8`,
      medianLatency: sql<number | null>`percentile_cont(0.5) within group (order by ${judgeResults.latencyMs})::float8`,
    })
    .from(judgeRuns)
    .innerJoin(studies, eq(studies.id, judgeRuns.studyId))
    .leftJoin(judgeResults, eq(judgeResults.runId, judgeRuns.id))
    .where(and(eq(judgeRuns.studyId, studyId), studyAccessible(researcherId, "read"), runId ? eq(judgeRuns.id, runId) : undefined))
    .groupBy(judgeRuns.id)
    .orderBy(desc(judgeRuns.createdAt));
  return rows.map((r) => {
    const done = Number(r.done);
    const failed = Number(r.failed);
    const calls = Number(r.calls);
    let callsPerMinute: number | null = null;
    if (calls > 0) {
      if (r.status === "running") callsPerMinute = (Number(r.recentCalls) * 60) / Number(r.recentWindow);
      else {
        // The first result's own call time is part of the run too; the median latency stands in for it.
        const seconds = Math.max(1, Number(r.span ?? 0) + Number(r.medianLatency ?? 0) / 1000);
        callsPerMinute = (calls * 60) / seconds;
      }
    }
    return {
      id: r.id,
      status: r.status as TJudgeRunStatus,
      model: r.model,
      baseUrl: r.baseUrl,
      seed: r.seed,
      apiKeyHint: r.apiKeyHint,
      apiKeyEnv: r.apiKeyEnv,
      temperature: r.temperature,
      concurrency: r.concurrency,
      maxRetries: r.maxRetries,
      timeoutMs: r.timeoutMs,
      createdAt: new Date(r.createdAt).toISOString(),
      finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null,
      lastError: r.lastError,
      total: Number(r.total),
      done,
      failed,
      remaining: Math.max(0, Number(r.total) - done - failed),
      calls,
      callsPerMinute: callsPerMinute === null ? null : Math.round(callsPerMinute * 10) / 10,
    };
  });
}
