import "server-only";
// The judge runs working in this server process: started in the background, cancelled, resumed at boot, stopped at shutdown.
import { listRunningJudgeRuns } from "@/db/queries/judge/list-running-judge-runs";
import { CANCELLED, executeJudgeRun, type TJudgeRunOutcome } from "./runner";

interface TActiveRun {
  controller: AbortController;
  done: Promise<TJudgeRunOutcome>;
}

// On globalThis so Next's dev reloads and separate route bundles share one table.
const g = globalThis as unknown as { __mixstudyJudgeRuns?: Map<string, TActiveRun> };
const active = (g.__mixstudyJudgeRuns ??= new Map());

/** Starts the runner of `runId` in the background unless it is already working; resolves when it ends. */
export function startJudgeRun(runId: string): Promise<TJudgeRunOutcome> {
  const existing = active.get(runId);
  if (existing) return existing.done;
  const controller = new AbortController();
  const done = executeJudgeRun({ runId, signal: controller.signal })
    .catch((err: unknown): TJudgeRunOutcome => {
      console.error(`[mixstudy] judge run ${runId} failed:`, err);
      return { status: "aborted", done: 0, failed: 0, calls: 0, error: (err as Error).message };
    })
    .finally(() => active.delete(runId));
  active.set(runId, { controller, done });
  return done;
}

export const isJudgeRunActive = (runId: string): boolean => active.has(runId);

/** Stops the runner after the researcher cancelled (the database already says "cancelled"): no new calls. */
export function cancelActiveJudgeRun(runId: string): void {
  active.get(runId)?.controller.abort(CANCELLED);
}

/** At server start: picks up every run left "running" where it stopped. */
export async function resumeRunningJudgeRuns(): Promise<{ runId: string; done: Promise<TJudgeRunOutcome> }[]> {
  const ids = await listRunningJudgeRuns();
  return ids.map((runId) => ({ runId, done: startJudgeRun(runId) }));
}

/** At shutdown: aborts every runner (their runs stay "running" for the next start) and waits for them, at most `timeoutMs`. */
export async function stopAllJudgeRuns(timeoutMs = 5000): Promise<void> {
  const runs = [...active.values()];
  for (const r of runs) r.controller.abort("shutdown");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(runs.map((r) => r.done)),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
