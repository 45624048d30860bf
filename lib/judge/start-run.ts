import "server-only";
// Starting a judge run for a researcher: the key is checked and encrypted, the run stored, its runner started.
import { createJudgeRun, type TJudgeRunSettings } from "@/db/queries/judge/create-judge-run";
import { apiKeyFromEnv, env } from "@/lib/env";
import { AppError } from "@/lib/http/app-error";
import { newSeed } from "@/lib/random/rng";
import { apiKeyHint, encryptApiKey } from "./api-key";
import { startJudgeRun } from "./registry";
import type { TJudgeRunOutcome } from "./runner";
import type { TStartJudgeRun } from "./schemas";

/** The stored settings of a new run; throws a 400 the researcher can act on when the key cannot be used. */
export function runSettingsFrom(input: TStartJudgeRun, secret: string | undefined): TJudgeRunSettings {
  let apiKeyEnc: string | null = null;
  let apiKeyHintText: string | null = null;
  if (input.apiKey) {
    if (!secret) throw new AppError("BAD_REQUEST", "This server has no NEXTAUTH_SECRET to encrypt a stored API key; set it, or give the name of an environment variable holding the key.");
    apiKeyEnc = encryptApiKey(input.apiKey, secret);
    apiKeyHintText = apiKeyHint(input.apiKey);
  } else if (input.apiKeyEnv) {
    const key = apiKeyFromEnv(input.apiKeyEnv);
    if (!key) throw new AppError("BAD_REQUEST", `The environment variable ${input.apiKeyEnv} is not set on this server.`);
    apiKeyHintText = apiKeyHint(key);
  } else {
    const key = env().MIXSTUDY_JUDGE_API_KEY;
    if (key) apiKeyHintText = apiKeyHint(key);
  }
  return {
    baseUrl: input.baseUrl.replace(/\/+$/, ""),
    model: input.model,
    apiKeyEnc,
    apiKeyEnv: input.apiKeyEnv || null,
    apiKeyHint: apiKeyHintText,
    temperature: input.temperature,
    concurrency: input.concurrency,
    maxRetries: input.maxRetries,
    timeoutMs: Math.round(input.timeoutSeconds * 1000),
    prompt: input.prompt,
    seed: newSeed(),
  };
}

/** Stores the run and starts it in the background; `done` resolves when the runner ends (tests await it). */
export async function startJudgeRunFor({ studyId, researcherId, input }: { studyId: string; researcherId: string; input: TStartJudgeRun }): Promise<{ id: string; items: number; done: Promise<TJudgeRunOutcome> }> {
  const run = await createJudgeRun({ studyId, researcherId, settings: runSettingsFrom(input, env().NEXTAUTH_SECRET) });
  return { ...run, done: startJudgeRun(run.id) };
}
