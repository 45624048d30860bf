// The one place that reads process.env: every setting MixStudy understands, validated with zod.
import path from "node:path";
import { z } from "zod";
import { API_KEY_ENV_NAME } from "@/lib/judge/schemas";

const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  MIXSTUDY_DATA_DIR: z.string().default("data"),
  MIXSTUDY_UPLOAD_MAX_MB: z.coerce.number().positive().default(200),
  MIXSTUDY_AUDIO_MAX_MB: z.coerce.number().positive().default(50),
  MIXSTUDY_SEED_DEMO: z.enum(["0", "1"]).default("1"),
  MIXSTUDY_LOG_QUIET: z.enum(["0", "1"]).default("0"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Default API key of LLM-judge runs that name no key of their own. */
  MIXSTUDY_JUDGE_API_KEY: z.string().min(1).optional(),
  NODE_ENV: z.string().default("development"),
});

export type TEnv = z.infer<typeof ZEnv> & { dataDir: string; audioDir: string };

let cached: TEnv | undefined;

export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`MixStudy: invalid environment\n${lines}`);
  }
  const dataDir = path.resolve(parsed.data.MIXSTUDY_DATA_DIR);
  cached = { ...parsed.data, dataDir, audioDir: path.join(dataDir, "audio") };
  return cached;
}

/** Tests change the environment between cases; this forgets the cached copy. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * The value of an API-key environment variable named by a judge run; undefined when unset. Only
 * names ending in _API_KEY are read, so a run can never send the server's own secrets
 * (NEXTAUTH_SECRET, DATABASE_URL) to an endpoint.
 */
export function apiKeyFromEnv(name: string): string | undefined {
  if (!API_KEY_ENV_NAME.test(name)) return undefined;
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}
