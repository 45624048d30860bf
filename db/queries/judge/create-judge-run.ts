import "server-only";
// Stores a new judge run of a listwise study (status running); the runner is started by the caller.
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgeRuns } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { recordAudit } from "../audit/record-audit";
import { getStudyForResearcher } from "../studies/get-study-for-researcher";

export interface TJudgeRunSettings {
  baseUrl: string;
  model: string;
  apiKeyEnc: string | null;
  apiKeyEnv: string | null;
  apiKeyHint: string | null;
  temperature: number;
  concurrency: number;
  maxRetries: number;
  timeoutMs: number;
  prompt: string;
  seed: string;
}

export async function createJudgeRun({ studyId, researcherId, settings }: { studyId: string; researcherId: string; settings: TJudgeRunSettings }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "write" });
  if (study.config.mode !== "listwise") throw new AppError("BAD_REQUEST", "LLM-judge runs rank candidates: they need a listwise study.");
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(items).where(and(eq(items.studyId, studyId), eq(items.kind, "item")));
  if (Number(n) === 0) throw new AppError("CONFLICT", "Import items before starting a judge run.");
  const [row] = await db
    .insert(judgeRuns)
    .values({ studyId, researcherId, status: "running", ...settings })
    .returning({ id: judgeRuns.id });
  await recordAudit({ studyId, researcherId, action: "judge_run_started", detail: { runId: row.id, model: settings.model, baseUrl: settings.baseUrl, items: Number(n) } });
  return { id: row.id, items: Number(n) };
}
