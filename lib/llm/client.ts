// The one place that builds an `openai` client, plus a single chat call whose failures come back as typed LlmErrors.
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";

/** What servers without keys (Ollama, vLLM, llama.cpp) are sent: the SDK refuses an empty key. */
export const NO_API_KEY = "not-needed";

export type TChatClientOptions = {
  /** OpenAI-compatible base URL, e.g. http://localhost:8000/v1 */
  baseUrl: string;
  /** Empty or absent means the server needs none; NO_API_KEY is sent instead. */
  apiKey?: string | null;
  /** Per-request timeout, connection to last byte. */
  timeoutMs: number;
  /** The SDK's own retries; 0 by default because the judge retries (and records) calls itself. */
  maxRetries?: number;
};

/**
 * Builds an OpenAI SDK client for any OpenAI-compatible endpoint. Every option the SDK would
 * otherwise take from OPENAI_* environment variables is given explicitly, so settings come only
 * from lib/env.ts or a study's server-side configuration.
 */
export function makeChatClient({ baseUrl, apiKey, timeoutMs, maxRetries = 0 }: TChatClientOptions): OpenAI {
  if (!/^https?:\/\/\S+$/.test(baseUrl.trim())) throw new Error(`makeChatClient: baseUrl must be an http(s) URL, got "${baseUrl}"`);
  if (!(timeoutMs > 0)) throw new Error(`makeChatClient: timeoutMs must be positive, got ${timeoutMs}`);
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new Error(`makeChatClient: maxRetries must be an integer ≥ 0, got ${maxRetries}`);
  return new OpenAI({
    baseURL: baseUrl.trim().replace(/\/+$/, ""),
    apiKey: apiKey?.trim() ? apiKey.trim() : NO_API_KEY,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: timeoutMs,
    maxRetries,
  });
}

/** A text part, or audio as vLLM takes it for Qwen2-Audio: inline base64, or an `audio_url` (a vLLM extension the SDK types lack). */
export type TChatContentPart =
  | { type: "text"; text: string }
  | { type: "input_audio"; input_audio: { data: string; format: "wav" | "mp3" } }
  | { type: "audio_url"; audio_url: { url: string } };

export type TChatMessage =
  | { role: "system" | "developer"; content: string }
  | { role: "user"; content: string | TChatContentPart[] }
  | { role: "assistant"; content: string };

export type TChatRequest = {
  model: string;
  messages: TChatMessage[];
  /** Omitted from the request when undefined, for models that reject the parameter. */
  temperature?: number;
};

export type TChatUsage = { promptTokens: number; completionTokens: number; totalTokens: number };
export type TChatResult = { content: string; latencyMs: number; usage?: TChatUsage };

export type TLlmErrorKind = "rate_limited" | "timeout" | "server" | "bad_request" | "auth" | "network" | "empty";

export class LlmError extends Error {
  readonly kind: TLlmErrorKind;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** How long the server asked us to wait (Retry-After / retry-after-ms), when it said. */
  readonly retryAfterMs?: number;

  constructor(kind: TLlmErrorKind, message: string, opts: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(`${kind}: ${message}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "LlmError";
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }

  /** Worth another try later: rate limits, timeouts, server and network failures, empty replies. */
  get retryable(): boolean {
    return this.kind !== "bad_request" && this.kind !== "auth";
  }
}

/**
 * Sends one non-streaming chat completion and returns the first choice's text. Throws LlmError:
 * "empty" when the reply has no text, and the kind matching the SDK's error otherwise. Errors that
 * are not the SDK's (bugs) are rethrown as they are.
 */
export async function chatOnce(client: OpenAI, { model, messages, temperature }: TChatRequest): Promise<TChatResult> {
  const started = performance.now();
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await client.chat.completions.create({
      model,
      // TChatMessage is a subset of the SDK's params except audio_url parts, which vLLM accepts and the SDK sends through unchanged.
      messages: messages as ChatCompletionMessageParam[],
      ...(temperature === undefined ? {} : { temperature }),
    });
  } catch (e) {
    throw toLlmError(e);
  }
  const latencyMs = performance.now() - started;
  const choice = completion.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== "string" || content.trim() === "") {
    const why = !choice ? "no choices" : choice.message?.refusal ? `refusal: ${choice.message.refusal}` : `finish_reason ${choice.finish_reason ?? "none"}`;
    throw new LlmError("empty", `the model returned no text (${why})`);
  }
  const u = completion.usage;
  return {
    content,
    latencyMs,
    ...(u ? { usage: { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, totalTokens: u.total_tokens } } : {}),
  };
}

/** Maps the SDK's error classes (openai v6, `openai/core/error`) to an LlmError kind. */
export function toLlmError(e: unknown): unknown {
  if (e instanceof LlmError || !(e instanceof OpenAIError)) return e;
  const message = e.message;
  // Order matters: the timeout class extends the connection class, and both extend APIError.
  if (e instanceof APIConnectionTimeoutError) return new LlmError("timeout", message, { cause: e });
  if (e instanceof APIUserAbortError) return new LlmError("network", message, { cause: e });
  if (e instanceof APIConnectionError) return new LlmError("network", message, { cause: e });
  if (!(e instanceof APIError)) return new LlmError("server", message, { cause: e });
  const status = e.status;
  const retryAfterMs = retryAfterFrom(e.headers);
  const extra = { cause: e, ...(status === undefined ? {} : { status }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  if (e instanceof RateLimitError) return new LlmError("rate_limited", message, extra);
  if (e instanceof AuthenticationError || e instanceof PermissionDeniedError) return new LlmError("auth", message, extra);
  if (e instanceof BadRequestError || e instanceof NotFoundError || e instanceof UnprocessableEntityError || e instanceof ConflictError) {
    return new LlmError("bad_request", message, extra);
  }
  if (e instanceof InternalServerError || (status !== undefined && status >= 500)) return new LlmError("server", message, extra);
  return new LlmError(status === 408 ? "timeout" : "bad_request", message, extra);
}

/** Reads `retry-after-ms`, then `retry-after` as seconds or as an HTTP date. */
function retryAfterFrom(headers: Headers | undefined): number | undefined {
  const msValue = headers?.get("retry-after-ms")?.trim();
  const ms = msValue ? Number(msValue) : NaN;
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
