// Which assistant a chat study talks to, as part of the study's server-side configuration: the
// back end, endpoint, model, prompt and limits. API keys are never stored here, only the NAME of
// the environment variable that holds one.
import { z } from "zod";
import { API_KEY_ENV_NAME } from "@/lib/judge/schemas";

export const CHAT_BACKENDS = ["builtin", "openai-audio", "openai-text"] as const;
export type TChatBackend = (typeof CHAT_BACKENDS)[number];

export const DEFAULT_CHAT_SYSTEM_PROMPT = [
  "You are an experienced mixing engineer helping a musician improve their mix.",
  "Answer the way a friendly expert would in a studio conversation: concrete, specific and brief",
  "(a few sentences unless asked for more). Name the instrument, the frequency range, the amount",
  "(dB, ms, ratio) and the tool (EQ, compression, panning, reverb, saturation, automation) when you",
  "suggest a change, and explain why it helps. Ask a short question when the musician's goal is unclear.",
  "Base what you say about the audio on what you can actually hear or on the measurements you are given;",
  "never invent measurements.",
].join(" ");

export const ZChatAssistant = z
  .object({
    backend: z.enum(CHAT_BACKENDS).default("builtin"),
    /** OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (vLLM) or http://127.0.0.1:11434/v1 (Ollama). */
    baseUrl: z.string().trim().regex(/^https?:\/\/\S+$/, "an http(s) URL such as http://127.0.0.1:8000/v1").optional(),
    model: z.string().trim().min(1).max(200).optional(),
    /** NAME of the environment variable holding the API key (e.g. OPENAI_API_KEY); absent for servers that need none. */
    apiKeyEnv: z.string().trim().regex(API_KEY_ENV_NAME, "a variable name ending in _API_KEY, e.g. OPENAI_API_KEY").optional(),
    temperature: z.number().min(0).max(2).default(0.7),
    maxTokens: z.number().int().min(1).max(8192).default(512),
    /** A reply whose first token has not arrived by then fails (retryable). */
    firstTokenTimeoutMs: z.number().int().min(1).max(600_000).default(30_000),
    /** A reply not finished by then fails (retryable); what streamed so far is kept by the caller. */
    totalTimeoutMs: z.number().int().min(1).max(1_800_000).default(120_000),
    systemPrompt: z.string().trim().min(1).max(20_000).default(DEFAULT_CHAT_SYSTEM_PROMPT),
    /** The researcher's name for this prompt; describeAssistant adds a hash of the prompt text to it. */
    promptVersion: z.string().trim().min(1).max(100).default("v1"),
    /**
     * Also put the measured audio facts into the system prompt. Default: yes for openai-text (its
     * only view of the clip), no for openai-audio (set it to compare "audio" with "audio + facts").
     */
    factsInPrompt: z.boolean().optional(),
    /** How openai-audio sends the clip: `input_audio` (vLLM, llama.cpp, OpenAI) or vLLM's `audio_url` data URL. */
    audioPart: z.enum(["input_audio", "audio_url"]).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.backend === "builtin") return;
    if (!a.baseUrl) ctx.addIssue({ code: "custom", path: ["baseUrl"], message: `required for the ${a.backend} back end` });
    if (!a.model) ctx.addIssue({ code: "custom", path: ["model"], message: `required for the ${a.backend} back end` });
  })
  .refine((a) => a.firstTokenTimeoutMs <= a.totalTimeoutMs, { path: ["firstTokenTimeoutMs"], message: "must not exceed totalTimeoutMs" });

export type TChatAssistant = z.infer<typeof ZChatAssistant>;
export type TChatAssistantInput = z.input<typeof ZChatAssistant>;

/** The model name stored for turns of the built-in assistant. */
export const BUILTIN_MODEL_NAME = "builtin-rules";

/** FNV-1a 32-bit as 8 hex digits: a short, stable, dependency-free fingerprint (not a security hash). */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** "+facts" / "+nofacts" when the facts-in-prompt choice differs from the back end's default, since it changes what the model reads. */
function factsMarker(a: TChatAssistant): string {
  if (a.backend === "builtin" || a.factsInPrompt === undefined || a.factsInPrompt === (a.backend === "openai-text")) return "";
  return a.factsInPrompt ? "+facts" : "+nofacts";
}

/**
 * What is stored with every assistant turn: the back end, the model and a prompt version that
 * changes whenever the system prompt text does ("v1+3f2a9c01"), so an edited prompt is a new version
 * even if the researcher forgot to bump the label.
 */
export function describeAssistant(a: TChatAssistant): { backend: TChatBackend; model: string; promptVersion: string } {
  return {
    backend: a.backend,
    model: a.backend === "builtin" ? BUILTIN_MODEL_NAME : (a.model ?? ""),
    promptVersion: `${a.promptVersion}+${shortHash(a.systemPrompt)}${factsMarker(a)}`,
  };
}
