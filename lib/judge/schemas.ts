// What a researcher sends to start an LLM-judge run, and what the runs list answers: shared by the form and the route.
import { z } from "zod";

/** Environment variables a run may take its key from: API-key names only (never NEXTAUTH_SECRET or DATABASE_URL). */
export const API_KEY_ENV_NAME = /^[A-Z][A-Z0-9_]{0,100}_API_KEY$/;

export const ZStartJudgeRun = z
  .object({
    baseUrl: z.string().trim().regex(/^https?:\/\/\S+$/, "an http(s) URL such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1"),
    model: z.string().trim().min(1, "required").max(200),
    /** A key typed in: stored encrypted, shown back only as a hint. */
    apiKey: z.string().trim().max(1000).default(""),
    /** Or the name of an environment variable holding the key. */
    apiKeyEnv: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || API_KEY_ENV_NAME.test(v), "a variable name ending in _API_KEY, e.g. OPENAI_API_KEY"),
    temperature: z.number().min(0).max(2).default(0),
    concurrency: z.number().int().min(1).max(64).default(4),
    maxRetries: z.number().int().min(0).max(10).default(2),
    timeoutSeconds: z.number().min(0.1).max(600).default(60),
    prompt: z.string().trim().min(1, "required").max(20_000),
  })
  .refine((v) => !(v.apiKey && v.apiKeyEnv), { message: "give a key or an environment variable name, not both", path: ["apiKeyEnv"] });

export type TStartJudgeRun = z.infer<typeof ZStartJudgeRun>;
export type TStartJudgeRunInput = z.input<typeof ZStartJudgeRun>;

export const JUDGE_RUN_STATUSES = ["running", "done", "cancelled", "stopped"] as const;
export type TJudgeRunStatus = (typeof JUDGE_RUN_STATUSES)[number];

/** One run as the researcher's runs list shows it; never the key, only its hint or variable name. */
export interface TJudgeRunSummary {
  id: string;
  status: TJudgeRunStatus;
  model: string;
  baseUrl: string;
  /** Seed of the per-item letter shuffle. */
  seed: string;
  apiKeyHint: string | null;
  apiKeyEnv: string | null;
  temperature: number;
  concurrency: number;
  maxRetries: number;
  timeoutMs: number;
  createdAt: string;
  finishedAt: string | null;
  lastError: string | null;
  /** Items of the study the run judges. */
  total: number;
  done: number;
  failed: number;
  remaining: number;
  /** Chat calls (attempts) recorded so far. */
  calls: number;
  /** Over the last minute while running; over the whole run otherwise. Null before any result. */
  callsPerMinute: number | null;
  /** A runner is working on it in this server process. */
  active: boolean;
}
