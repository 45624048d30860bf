// Server start-up: the database is opened (and migrated) before the first request, the demo seeded.
import { closeDb, getHandle } from "@/db/client";
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/demo/seed";
import { closeOrphanedReplies } from "@/db/queries/chat/close-orphaned-replies";
import { backfillStudyVersions } from "@/db/queries/studies/backfill-study-versions";
import { resumeRunningJudgeRuns, stopAllJudgeRuns } from "@/lib/judge/registry";

export async function boot(): Promise<void> {
  let handle;
  try {
    handle = await getHandle();
  } catch (err) {
    console.error(`\n${(err as Error).message}\n`);
    process.exit(1);
  }
  console.log(`[mixstudy] database ready (${handle.kind}${handle.kind === "pglite" ? ` in ${env().dataDir}/pglite` : ""})`);
  const backfilled = await backfillStudyVersions();
  if (backfilled) console.log(`[mixstudy] recorded the configuration hash and version of ${backfilled} earlier stud${backfilled === 1 ? "y" : "ies"}`);
  if (env().MIXSTUDY_SEED_DEMO === "1") await seedDemo();
  const interrupted = await closeOrphanedReplies();
  if (interrupted) console.log(`[mixstudy] ${interrupted} chat repl${interrupted === 1 ? "y" : "ies"} cut off by the last stop marked failed (participants can retry)`);
  // LLM-judge runs left running by the last stop continue where they stopped (items with a result are not judged again).
  try {
    const resumed = await resumeRunningJudgeRuns();
    if (resumed.length) console.log(`[mixstudy] resumed ${resumed.length} judge run(s)`);
  } catch (err) {
    console.error("[mixstudy] could not resume judge runs (they stay running and resume at the next start):", err);
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[mixstudy] ${signal}: closing the database`);
    stopAllJudgeRuns()
      .then(() => closeDb())
      .catch((err) => console.error("[mixstudy] error while closing the database:", err))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}
