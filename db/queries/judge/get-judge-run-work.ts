import "server-only";
// What a judge runner needs: the run's settings, the study's systems, and the items without a result yet.
// Not researcher-scoped: only the server's own runner calls it, for a run a researcher already started.
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { candidates, items, judgeRuns, studies } from "@/db/schema";
import { ZStudyConfig } from "@/studies/registry";
import type { TJudgeItem } from "@/lib/judge/item-prompt";

export async function getJudgeRunWork({ runId }: { runId: string }) {
  const db = await getDb();
  const [run] = await db
    .select({
      id: judgeRuns.id,
      status: judgeRuns.status,
      baseUrl: judgeRuns.baseUrl,
      model: judgeRuns.model,
      apiKeyEnc: judgeRuns.apiKeyEnc,
      apiKeyEnv: judgeRuns.apiKeyEnv,
      temperature: judgeRuns.temperature,
      concurrency: judgeRuns.concurrency,
      maxRetries: judgeRuns.maxRetries,
      timeoutMs: judgeRuns.timeoutMs,
      prompt: judgeRuns.prompt,
      seed: judgeRuns.seed,
      config: studies.config,
    })
    .from(judgeRuns)
    .innerJoin(studies, eq(studies.id, judgeRuns.studyId))
    .where(eq(judgeRuns.id, runId))
    .limit(1);
  if (!run) return null;
  const config = ZStudyConfig.parse(run.config);
  const systems = config.mode === "listwise" ? config.systems.map((s) => s.id) : [];
  // Resume rule: an item with any result row (done or failed) of this run is never judged again.
  const rows = await db
    .select({ id: items.id, externalId: items.externalId, history: items.history, userUtterance: items.userUtterance, system: candidates.system, text: candidates.text })
    .from(items)
    .leftJoin(candidates, eq(candidates.itemId, items.id))
    // Gold items (attention checks for human raters) are not part of what the judge ranks.
    .where(and(eq(items.studyId, sql`(select study_id from judge_runs where id = ${runId})`), eq(items.kind, "item"), sql`not exists (select 1 from judge_results r where r.run_id = ${runId} and r.item_id = ${items.id})`))
    .orderBy(asc(items.externalId), asc(items.id), asc(candidates.system));
  const pending = new Map<string, TJudgeItem>();
  for (const r of rows) {
    let item = pending.get(r.id);
    if (!item) pending.set(r.id, (item = { id: r.id, history: r.history, userUtterance: r.userUtterance, candidates: [] }));
    if (r.system !== null && r.text !== null) item.candidates.push({ system: r.system, text: r.text });
  }
  const { config: _config, ...settings } = run;
  return { run: settings, systems, pending: [...pending.values()] };
}

export type TJudgeRunWork = NonNullable<Awaited<ReturnType<typeof getJudgeRunWork>>>;
