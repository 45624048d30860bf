// Benchmark: an LLM-judge run of 250 items against the fake server (200 ms per reply), sequential vs concurrency 16, on PGlite in a temp dir.
import { createJudgeRun } from "@/db/queries/judge/create-judge-run";
import { useFreshDatabase } from "@/db/testing/test-db";
import { executeJudgeRun } from "@/lib/judge/runner";
import { ZStartJudgeRun } from "@/lib/judge/schemas";
import { runSettingsFrom } from "@/lib/judge/start-run";
import { lettersFor, listwiseStudyWithItems, readJudgeRequest } from "@/lib/judge/test-fixtures";
import { defaultJudgeSystemPrompt } from "@/lib/llm/judge-prompt";
import { startFakeOpenAI } from "@/lib/testing/fake-openai";

const ITEMS = 250;
const LATENCY_MS = 200;

async function main() {
  const db = await useFreshDatabase("pglite");
  const fake = await startFakeOpenAI({
    latencyMs: LATENCY_MS,
    script: (req) => ({ content: JSON.stringify(Object.fromEntries(lettersFor(readJudgeRequest(req.body).letterToSystem, ["qwen", "ltu", "mullama"]).map((l, i) => [`rank_${i + 1}`, l]))) }),
  });
  try {
    const { researcherId, studyId } = await listwiseStudyWithItems(ITEMS);
    const rates: number[] = [];
    for (const concurrency of [1, 16]) {
      const input = ZStartJudgeRun.parse({ baseUrl: fake.url, model: "fake-model", prompt: defaultJudgeSystemPrompt(3), concurrency, maxRetries: 0, timeoutSeconds: 10 });
      const { id } = await createJudgeRun({ studyId, researcherId, settings: runSettingsFrom(input, undefined) });
      const t0 = performance.now();
      const out = await executeJudgeRun({ runId: id });
      const seconds = (performance.now() - t0) / 1000;
      if (out.status !== "done" || out.done !== ITEMS) throw new Error(`run with concurrency ${concurrency} ended ${out.status} with ${out.done}/${ITEMS} done`);
      rates.push(ITEMS / seconds);
      console.log(`concurrency ${String(concurrency).padStart(2)}: ${ITEMS} items in ${seconds.toFixed(2)} s = ${(ITEMS / seconds).toFixed(2)} items/s (${out.calls} calls)`);
    }
    console.log(`speed-up (16 vs 1): ${(rates[1] / rates[0]).toFixed(2)}x  (ideal ${16}x at ${LATENCY_MS} ms per reply)`);
  } finally {
    await fake.close();
    await db.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
