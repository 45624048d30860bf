import "server-only";
// One assistant reply in a chat study, streamed: the built-in baseline, or an OpenAI-compatible
// endpoint that hears the clip (openai-audio) or reads its measured facts (openai-text).
// Every failure is a ChatReplyError whose message a participant may read.
import type OpenAI from "openai";
import { APIUserAbortError } from "openai";
import { audioPathFor } from "@/db/queries/audio/store-audio";
import { builtinChatReply } from "@/lib/assistant/builtin-chat";
import type { TAudioFacts } from "@/lib/audio/facts-schema";
import { clampWindow, modelWindowWav } from "@/lib/audio/window";
import { apiKeyFromEnv } from "@/lib/env";
import { LlmError, makeChatClient, toLlmError, type TChatContentPart, type TChatMessage } from "@/lib/llm/client";
import type { TChatAssistant } from "./config";
import { formatFactsForPrompt } from "./facts-prompt";

export type TChatReplyMessage = { role: "user" | "assistant"; content: string };
export type TChatReplyUsage = { promptTokens: number; completionTokens: number };
export type TChatReplyEvent = { type: "delta"; text: string } | { type: "done"; usage: TChatReplyUsage | null };

export type TStreamReplyArgs = {
  assistant: TChatAssistant;
  facts: TAudioFacts | null;
  clip: { hash: string; windowStartMs: number } | null;
  /** The whole conversation so far, oldest first; the last one is the new user message. */
  messages: TChatReplyMessage[];
  genre?: string;
  signal?: AbortSignal;
};

export type TChatReplyErrorKind = "endpoint" | "rate_limited" | "empty" | "first_token_timeout" | "total_timeout" | "aborted" | "config" | "audio";

/** A failed reply. `message` is safe to show a participant (no URL, key, model name or system label). */
export class ChatReplyError extends Error {
  readonly kind: TChatReplyErrorKind;
  /** Sending the same message again may work (rate limit, timeout, server error, empty reply, a stop). */
  readonly retryable: boolean;
  /** What actually went wrong, for the server log and the researcher; never sent to a participant. */
  readonly detail: string;

  constructor(kind: TChatReplyErrorKind, opts: { retryable?: boolean; detail?: string; cause?: unknown } = {}) {
    const retryable = opts.retryable ?? kind !== "config";
    // An endpoint that refuses the request itself (wrong key, unknown model) will not do better on a retry.
    super(kind === "endpoint" && !retryable ? PARTICIPANT_MESSAGES.config : PARTICIPANT_MESSAGES[kind], opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "ChatReplyError";
    this.kind = kind;
    this.retryable = retryable;
    this.detail = opts.detail ?? kind;
  }
}

const PARTICIPANT_MESSAGES: Record<TChatReplyErrorKind, string> = {
  endpoint: "The assistant could not answer just now. Please try again.",
  rate_limited: "The assistant is busy right now. Please wait a moment and try again.",
  empty: "The assistant returned an empty reply. Please try again.",
  first_token_timeout: "The assistant took too long to start answering. Please try again.",
  total_timeout: "The assistant took too long to finish its answer. Please try again.",
  aborted: "The reply was stopped.",
  config: "The assistant is not set up correctly for this study. Please tell the researcher.",
  audio: "The assistant could not load your audio clip. Please try again.",
};

const BUILTIN_CHUNK_WORDS = 3;
const BUILTIN_CHUNK_DELAY_MS = 20;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

/** Streams the built-in assistant's reply a few words at a time, so the page shows it arriving and Stop can cut it. */
async function* builtinStream(args: TStreamReplyArgs): AsyncGenerator<TChatReplyEvent> {
  const text = builtinChatReply({ facts: args.facts, messages: args.messages, genre: args.genre });
  const pieces = text.match(/\S+\s*/g) ?? [text];
  for (let i = 0; i < pieces.length; i += BUILTIN_CHUNK_WORDS) {
    if (args.signal?.aborted) throw new ChatReplyError("aborted", { detail: "stopped by the caller" });
    yield { type: "delta", text: pieces.slice(i, i + BUILTIN_CHUNK_WORDS).join("") };
    if (i + BUILTIN_CHUNK_WORDS < pieces.length) await sleep(BUILTIN_CHUNK_DELAY_MS, args.signal);
  }
  if (args.signal?.aborted) throw new ChatReplyError("aborted", { detail: "stopped by the caller" });
  yield { type: "done", usage: null };
}

// The model window of a clip is the same for every turn of a conversation; a few are kept (as
// promises, so a reply arriving while prepareModelWindow still works waits for the same result)
// so each request does not decode and resample the clip again.
const windowCache = new Map<string, Promise<string>>();
const WINDOW_CACHE_SIZE = 8;

function windowBase64(hash: string, windowStartMs: number): Promise<string> {
  const key = `${hash}@${windowStartMs}`;
  const hit = windowCache.get(key);
  if (hit) return hit;
  const pending = modelWindowWav(audioPathFor(hash), windowStartMs).then((wav) => wav.toString("base64"));
  windowCache.set(key, pending);
  pending.catch(() => windowCache.delete(key)); // a failure is not remembered: the next turn tries again
  if (windowCache.size > WINDOW_CACHE_SIZE) windowCache.delete(windowCache.keys().next().value as string);
  return pending;
}

/**
 * Prepares (and caches) the 16 kHz window of a clip an audio model will hear, so the first reply
 * does not wait for decoding and resampling (a few hundred ms for a long clip). Call it when the
 * participant picks a clip or moves the window; a failure here is reported again by the reply.
 */
export async function prepareModelWindow(clip: { hash: string; windowStartMs: number }): Promise<void> {
  await windowBase64(clip.hash, clip.windowStartMs);
}

/** The chat-completions messages for an endpoint back end (exported for tests and the researcher's preview). */
export async function buildEndpointMessages(args: TStreamReplyArgs): Promise<TChatMessage[]> {
  const { assistant, facts, clip, messages, genre } = args;
  const system: string[] = [assistant.systemPrompt];
  if (genre?.trim()) system.push(`The musician describes the genre as: ${genre.trim().slice(0, 100)}.`);
  if (assistant.factsInPrompt ?? assistant.backend === "openai-text") {
    system.push(facts ? formatFactsForPrompt(facts) : "No measurements of the musician's audio are available for this conversation.");
  }
  const out: TChatMessage[] = [{ role: "system", content: system.join("\n\n") }];
  let audioB64: string | null = null;
  if (assistant.backend === "openai-audio" && clip) {
    try {
      audioB64 = await windowBase64(clip.hash, clip.windowStartMs);
    } catch (e) {
      throw new ChatReplyError("audio", { detail: `could not prepare the model window of ${clip.hash}: ${e instanceof Error ? e.message : String(e)}`, cause: e });
    }
  }
  const firstUser = messages.findIndex((m) => m.role === "user");
  messages.forEach((m, i) => {
    if (m.role === "user" && i === firstUser && audioB64) {
      const audio: TChatContentPart =
        assistant.audioPart === "audio_url"
          ? { type: "audio_url", audio_url: { url: `data:audio/wav;base64,${audioB64}` } }
          : { type: "input_audio", input_audio: { data: audioB64, format: "wav" } };
      const parts: TChatContentPart[] = [audio, { type: "text", text: m.content }];
      out.push({ role: "user", content: parts });
    } else {
      out.push({ role: m.role, content: m.content });
    }
  });
  return out;
}

/** The window the model hears, for the page to show ("the assistant hears 0:35–1:05"); re-exported so callers need only this module. */
export { clampWindow };

function endpointError(e: unknown, reason: "first_token_timeout" | "total_timeout" | "aborted" | null): ChatReplyError {
  if (e instanceof ChatReplyError) return e;
  if (reason) return new ChatReplyError(reason, { detail: reason, cause: e });
  const mapped = toLlmError(e);
  if (mapped instanceof LlmError) {
    if (mapped.kind === "rate_limited") return new ChatReplyError("rate_limited", { detail: mapped.message, cause: e });
    if (mapped.kind === "timeout") return new ChatReplyError("total_timeout", { detail: mapped.message, cause: e });
    return new ChatReplyError("endpoint", { retryable: mapped.retryable, detail: mapped.message, cause: e });
  }
  return new ChatReplyError("endpoint", { detail: e instanceof Error ? e.message : String(e), cause: e });
}

async function* endpointStream(args: TStreamReplyArgs): AsyncGenerator<TChatReplyEvent> {
  const { assistant, signal } = args;
  if (!assistant.baseUrl || !assistant.model) throw new ChatReplyError("config", { detail: "baseUrl and model are required for an endpoint back end" });
  const apiKey = assistant.apiKeyEnv ? apiKeyFromEnv(assistant.apiKeyEnv) : undefined;
  if (assistant.apiKeyEnv && !apiKey) throw new ChatReplyError("config", { detail: `environment variable ${assistant.apiKeyEnv} is not set` });
  if (signal?.aborted) throw new ChatReplyError("aborted", { detail: "stopped before the request" });

  const messages = await buildEndpointMessages(args);
  const client: OpenAI = makeChatClient({ baseUrl: assistant.baseUrl, apiKey, timeoutMs: assistant.totalTimeoutMs, maxRetries: 0 });

  // One controller cancels the HTTP request for any of: the caller's stop, no first token in time, no end in time.
  const controller = new AbortController();
  let reason: "first_token_timeout" | "total_timeout" | "aborted" | null = null;
  const abort = (r: typeof reason) => {
    if (!reason) reason = r;
    controller.abort();
  };
  const onCallerAbort = () => abort("aborted");
  signal?.addEventListener("abort", onCallerAbort, { once: true });
  let firstTimer: NodeJS.Timeout | null = setTimeout(() => abort("first_token_timeout"), assistant.firstTokenTimeoutMs);
  const totalTimer = setTimeout(() => abort("total_timeout"), assistant.totalTimeoutMs);
  const clearFirst = () => {
    if (firstTimer) clearTimeout(firstTimer);
    firstTimer = null;
  };

  let usage: TChatReplyUsage | null = null;
  let gotText = false;
  try {
    const stream = await client.chat.completions.create(
      {
        model: assistant.model,
        // TChatMessage is the SDK's message type but for vLLM's audio_url part, which the SDK passes through unchanged.
        messages: messages as OpenAI.Chat.Completions.ChatCompletionMessageParam[],
        temperature: assistant.temperature,
        max_tokens: assistant.maxTokens,
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal: controller.signal },
    );
    for await (const chunk of stream) {
      if (reason) break;
      const text = chunk.choices?.[0]?.delta?.content;
      if (typeof text === "string" && text !== "") {
        clearFirst();
        gotText = true;
        yield { type: "delta", text };
      }
      if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
    }
  } catch (e) {
    if (e instanceof APIUserAbortError || controller.signal.aborted) throw endpointError(e, reason ?? "aborted");
    throw endpointError(e, null);
  } finally {
    clearFirst();
    clearTimeout(totalTimer);
    signal?.removeEventListener("abort", onCallerAbort);
    // Leaving early (the consumer stopped iterating) must not leave the request open.
    if (!controller.signal.aborted) controller.abort();
  }
  if (reason) throw new ChatReplyError(reason, { detail: reason });
  if (!gotText) throw new ChatReplyError("empty", { detail: "the stream ended without any text" });
  yield { type: "done", usage };
}

/**
 * Streams one assistant reply: `delta` events with text as it is generated, then one `done` with
 * token usage when the endpoint reported it (null for the built-in assistant). Throws
 * ChatReplyError on failure; text already yielded stays the caller's to keep or discard.
 */
export function streamAssistantReply(args: TStreamReplyArgs): AsyncGenerator<TChatReplyEvent> {
  const last = args.messages.at(-1);
  if (!last || last.role !== "user") {
    return (async function* (): AsyncGenerator<TChatReplyEvent> {
      throw new ChatReplyError("config", { detail: "the last message must be the participant's" });
    })();
  }
  return args.assistant.backend === "builtin" ? builtinStream(args) : endpointStream(args);
}
