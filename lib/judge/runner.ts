// Runs one LLM-judge run to its end: every item without a result is judged once, with bounded
// concurrency, retries and backoff; unparseable replies are recorded as failures with the raw reply.
import { setMaxListeners } from "node:events";
import { finishJudgeRun } from "@/db/queries/judge/finish-judge-run";
import { getJudgeRunWork, type TJudgeRunWork } from "@/db/queries/judge/get-judge-run-work";
import { recordJudgeResult } from "@/db/queries/judge/record-judge-result";
import { apiKeyFromEnv, env } from "@/lib/env";
import { chatOnce, LlmError, makeChatClient } from "@/lib/llm/client";
import { parseRankingReply } from "@/lib/llm/parse-ranking";
import { decryptApiKey } from "./api-key";
import { judgePresentation, type TJudgeItem } from "./item-prompt";
import { AbortedError, runPool, sleep, untilAborted } from "./pool";

export interface TJudgeRunnerOptions {
  runId: string;
  /** Aborting stops the run where it is and leaves it "running", to be resumed (server shutdown, tests). */
  signal?: AbortSignal;
  /** Called after each stored result; tests stop a run mid-way with it. */
  onResult?: (r: { itemId: string; status: "done" | "failed"; recorded: number }) => void;
  /** First retry delay after a failed call, doubled each retry, unless the server says how long to wait. */
  backoffBaseMs?: number;
  /** The server secret that decrypts stored keys; env().NEXTAUTH_SECRET by default. */
  secret?: string;
}

export interface TJudgeRunOutcome {
  /** "aborted": stopped by `signal` (still running in the database); "missing": no such run. */
  status: "done" | "stopped" | "cancelled" | "aborted" | "missing";
  /** Results stored by this call: ranked, failed. */
  done: number;
  failed: number;
  /** Chat calls made by this call, including ones whose item was not stored. */
  calls: number;
  /** Why the run stopped, when it did. */
  error?: string;
}

/** Items in a row that could not reach the endpoint before the run stops instead of trying every item. */
const BREAKER = 3;
/** The abort reason that means "the researcher cancelled" rather than "the server is stopping". */
export const CANCELLED = "cancelled";
const MAX_SERVER_WAIT_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 30_000;

type TItemOutcome =
  | { kind: "done"; ranking: string[]; rawReply: string; attempts: number; latencyMs: number }
  | { kind: "failed"; rawReply: string | null; error: string; attempts: number; latencyMs: number | null }
  | { kind: "unreachable"; error: string; attempts: number }
  | { kind: "fatal"; error: string }
  | { kind: "aborted" };

/** "rate_limited (HTTP 429): Rate limit reached" — what a researcher reads in the run's error. */
function explain(e: LlmError): string {
  return e.status !== undefined ? `${e.message} (HTTP ${e.status})` : e.message;
}

function resolveApiKey(run: TJudgeRunWork["run"], secret: string | undefined): string | undefined {
  if (run.apiKeyEnc) {
    if (!secret) throw new Error("The run's API key is stored encrypted, but NEXTAUTH_SECRET is not set on this server, so it cannot be read.");
    return decryptApiKey(run.apiKeyEnc, secret);
  }
  if (run.apiKeyEnv) {
    const key = apiKeyFromEnv(run.apiKeyEnv);
    if (!key) throw new Error(`The run takes its API key from the environment variable ${run.apiKeyEnv}, which is not set on this server.`);
    return key;
  }
  return env().MIXSTUDY_JUDGE_API_KEY;
}

export async function executeJudgeRun(opts: TJudgeRunnerOptions): Promise<TJudgeRunOutcome> {
  const { runId, backoffBaseMs = 500 } = opts;
  const outcome: TJudgeRunOutcome = { status: "done", done: 0, failed: 0, calls: 0 };
  const work = await getJudgeRunWork({ runId });
  if (!work) return { ...outcome, status: "missing" };
  const { run, systems, pending } = work;
  if (run.status !== "running") return { ...outcome, status: run.status === "cancelled" ? "cancelled" : run.status === "stopped" ? "stopped" : "done" };

  let client: ReturnType<typeof makeChatClient>;
  try {
    client = makeChatClient({ baseUrl: run.baseUrl, apiKey: resolveApiKey(run, opts.secret ?? env().NEXTAUTH_SECRET), timeoutMs: run.timeoutMs, maxRetries: 0 });
  } catch (err) {
    const error = (err as Error).message;
    await finishJudgeRun({ runId, status: "stopped", lastError: error });
    return { ...outcome, status: "stopped", error };
  }

  // One signal for everything in flight: the caller's (shutdown), a cancel seen in the database, or the breaker.
  const stop = new AbortController();
  // Every call in flight listens for the stop; more than Node's default of 10 is expected, not a leak.
  setMaxListeners(run.concurrency + 10, stop.signal);
  const onOuterAbort = () => stop.abort(opts.signal?.reason ?? "aborted");
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener("abort", onOuterAbort, { once: true });

  let stopReason: string | null = null;
  let cancelled = false;
  let sendTemperature = true;
  let unreachableInARow = 0;
  let unreachable = 0;
  let lastUnreachable = "";
  const stopWith = (reason: string) => {
    stopReason ??= reason;
    stop.abort("stopped");
  };

  async function judgeOne(item: TJudgeItem, letters: string[], letterMap: Record<string, string>, userMessage: string): Promise<TItemOutcome> {
    let maxAttempts = 1 + run.maxRetries;
    let attempts = 0;
    let lastReply: string | null = null;
    let lastLatency: number | null = null;
    let lastProblem = "";
    while (attempts < maxAttempts) {
      if (stop.signal.aborted) return { kind: "aborted" };
      attempts++;
      outcome.calls++;
      let reply;
      try {
        reply = await untilAborted(
          chatOnce(client, {
            model: run.model,
            messages: [
              { role: "system", content: run.prompt },
              { role: "user", content: userMessage },
            ],
            temperature: sendTemperature ? run.temperature : undefined,
          }),
          stop.signal,
        );
      } catch (e) {
        if (e instanceof AbortedError) return { kind: "aborted" };
        if (!(e instanceof LlmError)) throw e;
        if (e.kind === "bad_request" && sendTemperature && /temperature/i.test(e.message)) {
          // Some models (reasoning ones) refuse the parameter: "temperature 0 where the model allows".
          sendTemperature = false;
          maxAttempts++;
          continue;
        }
        if (!e.retryable) return { kind: "fatal", error: `The endpoint refused the request: ${explain(e)}` };
        if (e.kind === "empty") {
          lastReply = "";
          lastProblem = e.message;
          continue;
        }
        if (attempts >= maxAttempts) return { kind: "unreachable", error: explain(e), attempts };
        const wait = e.retryAfterMs !== undefined ? Math.min(e.retryAfterMs, MAX_SERVER_WAIT_MS) : Math.min(MAX_BACKOFF_MS, backoffBaseMs * 2 ** (attempts - 1) * (0.8 + 0.4 * Math.random()));
        try {
          await sleep(wait, stop.signal);
        } catch {
          return { kind: "aborted" };
        }
        continue;
      }
      lastLatency = reply.latencyMs;
      const parsed = parseRankingReply(reply.content, letters);
      if (parsed.ok) return { kind: "done", ranking: parsed.ranking.map((l) => letterMap[l]), rawReply: reply.content, attempts, latencyMs: reply.latencyMs };
      lastReply = reply.content;
      lastProblem = parsed.error;
    }
    return { kind: "failed", rawReply: lastReply, error: `the reply did not parse after ${attempts} attempt(s): ${lastProblem}`, attempts, latencyMs: lastLatency };
  }

  async function worker(item: TJudgeItem) {
    if (stop.signal.aborted) return;
    const shown = judgePresentation(item, systems, run.seed);
    let result: Parameters<typeof recordJudgeResult>[0];
    if (!shown) {
      const have = new Set(item.candidates.map((c) => c.system));
      const error = `the item has no response of ${systems.filter((s) => !have.has(s)).join(", ")}`;
      result = { runId, itemId: item.id, status: "failed", letterMap: {}, ranking: null, rawReply: null, attempts: 0, latencyMs: null, error };
    } else {
      const o = await judgeOne(item, shown.letters, shown.letterMap, shown.userMessage);
      if (o.kind === "aborted") return;
      if (o.kind === "fatal") return stopWith(o.error);
      if (o.kind === "unreachable") {
        unreachable++;
        lastUnreachable = o.error;
        if (++unreachableInARow >= BREAKER) stopWith(`${BREAKER} items in a row could not reach the endpoint after retries; last error: ${o.error}`);
        return;
      }
      unreachableInARow = 0;
      result =
        o.kind === "done"
          ? { runId, itemId: item.id, status: "done", letterMap: shown.letterMap, ranking: o.ranking, rawReply: o.rawReply, attempts: o.attempts, latencyMs: o.latencyMs, error: null }
          : { runId, itemId: item.id, status: "failed", letterMap: shown.letterMap, ranking: null, rawReply: o.rawReply, attempts: o.attempts, latencyMs: o.latencyMs, error: o.error };
    }
    // A shutdown may close the database while calls are in flight: their results are dropped, and judged again on resume.
    if (opts.signal?.aborted) return;
    const stored = await recordJudgeResult(result);
    if (stored === "not-running") {
      cancelled = true;
      stop.abort("cancelled");
      return;
    }
    if (stored === "recorded") {
      if (result.status === "done") outcome.done++;
      else outcome.failed++;
      opts.onResult?.({ itemId: item.id, status: result.status, recorded: outcome.done + outcome.failed });
    }
  }

  let crash: unknown = null;
  try {
    await runPool(pending, run.concurrency, worker, stop.signal);
  } catch (err) {
    crash = err;
  } finally {
    opts.signal?.removeEventListener("abort", onOuterAbort);
  }

  if (opts.signal?.aborted) {
    if (crash) console.warn(`[mixstudy] judge run ${runId} stopped by shutdown: ${(crash as Error).message}`);
    return { ...outcome, status: opts.signal.reason === CANCELLED ? "cancelled" : "aborted" };
  }
  if (crash) {
    const error = `internal error: ${(crash as Error).message}`;
    console.error(`[mixstudy] judge run ${runId} crashed:`, crash);
    await finishJudgeRun({ runId, status: "stopped", lastError: `${error}. Resume to continue.` }).catch(() => undefined);
    return { ...outcome, status: "stopped", error };
  }
  if (cancelled) return { ...outcome, status: "cancelled" };
  if (stopReason || unreachable > 0) {
    const left = `Items not judged yet stay open; resume the run to judge them.`;
    const error = stopReason ? `${stopReason}. ${left}` : `${unreachable} item(s) could not reach the endpoint after retries (last error: ${lastUnreachable}). ${left}`;
    const stopped = await finishJudgeRun({ runId, status: "stopped", lastError: error });
    return { ...outcome, status: stopped ? "stopped" : "cancelled", error };
  }
  const finished = await finishJudgeRun({ runId, status: "done", lastError: null });
  return { ...outcome, status: finished ? "done" : "cancelled" };
}
