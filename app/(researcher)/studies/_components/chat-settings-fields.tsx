"use client";
// The chat study's settings inside the study settings form: the assistant (server-side only), the chat's limits and the survey texts.
import type { ReactNode } from "react";
import type { UseFormRegister } from "react-hook-form";
import type { TStudyConfig } from "@/studies/config";

/** How each back end is named to the researcher; participants only ever read "the assistant". */
export const BACKEND_LABELS = {
  builtin: "Built-in baseline (no model)",
  "openai-audio": "OpenAI-compatible endpoint that hears audio (vLLM serving Qwen2-Audio)",
  "openai-text": "OpenAI-compatible text endpoint (Ollama, llama.cpp, OpenAI) — gets the audio facts",
} as const;

const orUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export function ChatSettingsFields({ register, err }: { register: UseFormRegister<TStudyConfig>; err: (path: string) => ReactNode }) {
  // The form's values are a chat config here; react-hook-form's paths are typed on the union's common part.
  const r = register as unknown as UseFormRegister<Record<string, unknown>>;
  const num = { valueAsNumber: true } as const;
  return (
    <>
      <fieldset>
        <legend>Assistant (never shown to participants)</legend>
        <label>
          Back end
          <select {...r("assistant.backend")}>
            {Object.entries(BACKEND_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <label>Base URL (e.g. http://127.0.0.1:8000/v1 for vLLM)<input {...r("assistant.baseUrl", { setValueAs: orUndefined })} placeholder="http://127.0.0.1:8000/v1" /></label>{err("assistant.baseUrl")}
        <label>Model (e.g. Qwen/Qwen2-Audio-7B-Instruct)<input {...r("assistant.model", { setValueAs: orUndefined })} /></label>{err("assistant.model")}
        <label>
          API key environment variable NAME on the server (e.g. VLLM_API_KEY; empty when the server needs no key — never paste a key here)
          <input {...r("assistant.apiKeyEnv", { setValueAs: orUndefined })} placeholder="VLLM_API_KEY" />
        </label>{err("assistant.apiKeyEnv")}
        <label>Temperature<input type="number" step="0.1" min={0} max={2} {...r("assistant.temperature", num)} /></label>{err("assistant.temperature")}
        <label>Longest reply (tokens)<input type="number" min={1} {...r("assistant.maxTokens", num)} /></label>{err("assistant.maxTokens")}
        <label>First-token timeout (ms)<input type="number" min={1} {...r("assistant.firstTokenTimeoutMs", num)} /></label>{err("assistant.firstTokenTimeoutMs")}
        <label>Whole-reply timeout (ms)<input type="number" min={1} {...r("assistant.totalTimeoutMs", num)} /></label>{err("assistant.totalTimeoutMs")}
        <label>Prompt version label (stored with every reply, with a hash of the prompt)<input {...r("assistant.promptVersion")} /></label>{err("assistant.promptVersion")}
        <label>System prompt<textarea rows={5} {...r("assistant.systemPrompt")} /></label>{err("assistant.systemPrompt")}
      </fieldset>
      <fieldset>
        <legend>Chat</legend>
        <label>Time budget (minutes)<input type="number" step="0.5" min={0.5} {...r("chat.timeBudgetMinutes", num)} /></label>{err("chat.timeBudgetMinutes")}
        <label>Longest message (characters)<input type="number" min={10} {...r("chat.maxUserMessageChars", num)} /></label>{err("chat.maxUserMessageChars")}
        <label>Messages per participant per minute (rate limit)<input type="number" min={1} {...r("chat.maxMessagesPerMinute", num)} /></label>{err("chat.maxMessagesPerMinute")}
        <label>Longest upload (seconds)<input type="number" min={1} {...r("chat.maxClipSeconds", num)} /></label>{err("chat.maxClipSeconds")}
        <div className="ms-check"><input id="chat-allow-upload" type="checkbox" {...r("chat.allowUpload")} /><label htmlFor="chat-allow-upload">Participants may upload their own clip</label></div>
        <div className="ms-check"><input id="chat-allow-provided" type="checkbox" {...r("chat.allowProvidedClips")} /><label htmlFor="chat-allow-provided">Participants may pick one of the imported clips</label></div>
      </fieldset>
      <fieldset>
        <legend>Survey after the chat (Q1 is the expertise question)</legend>
        {(["naturalness", "contribution", "novelty"] as const).map((q, i) => (
          <div key={q}>
            <label>Q{i + 2} ({q})<input {...r(`survey.${q}.question`)} /></label>{err(`survey.${q}.question`)}
            <label>Answers, lowest to highest
              {[0, 1, 2, 3].map((k) => <input key={k} aria-label={`Q${i + 2} answer ${k + 1}`} {...r(`survey.${q}.labels.${k}`)} />)}
            </label>
          </div>
        ))}
        <label>Q5 (open)<input {...r("survey.insights.question")} /></label>{err("survey.insights.question")}
      </fieldset>
    </>
  );
}
