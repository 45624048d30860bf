// The one place that reads process.env: every setting MixStudy understands, validated with zod.
import path from "node:path";
import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z.string().url().optional(),
  MIXSTUDY_DATA_DIR: z.string().default("data"),
  MIXSTUDY_UPLOAD_MAX_MB: z.coerce.number().positive().default(200),
  MIXSTUDY_AUDIO_MAX_MB: z.coerce.number().positive().default(50),
  MIXSTUDY_SEED_DEMO: z.enum(["0", "1"]).default("1"),
  MIXSTUDY_LOG_QUIET: z.enum(["0", "1"]).default("0"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
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
