"use client";
// Starts an LLM-judge run, validated with the same zod schema the server parses.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ZStartJudgeRun, type TStartJudgeRun, type TStartJudgeRunInput } from "@/lib/judge/schemas";
import { callApi } from "../../../_components/api";

const ENDPOINTS = [
  { label: "OpenAI", url: "https://api.openai.com/v1" },
  { label: "Ollama", url: "http://127.0.0.1:11434/v1" },
  { label: "vLLM", url: "http://127.0.0.1:8000/v1" },
  { label: "llama.cpp", url: "http://127.0.0.1:8080/v1" },
];

export function StartJudgeForm({ studyId, defaultPrompt, serverKeyHint }: { studyId: string; defaultPrompt: string; serverKeyHint: string | null }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, formState, setValue, reset, getValues } = useForm<TStartJudgeRunInput, unknown, TStartJudgeRun>({
    resolver: zodResolver(ZStartJudgeRun),
    defaultValues: { baseUrl: ENDPOINTS[0].url, model: "", apiKey: "", apiKeyEnv: "", temperature: 0, concurrency: 4, maxRetries: 2, timeoutSeconds: 60, prompt: defaultPrompt },
  });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    try {
      const run = await callApi<{ id: string; items: number }>(`/api/studies/${studyId}/judge`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(values),
      });
      setMessage({ ok: true, text: `Run started on ${run.items} item(s).` });
      // The key never stays in the browser's form state after it was sent.
      reset({ ...getValues(), apiKey: "" });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  });
  const err = (name: keyof TStartJudgeRunInput) => {
    const m = formState.errors[name]?.message;
    return m ? <p className="ms-error" role="alert">{m}</p> : null;
  };
  const num = { valueAsNumber: true } as const;
  return (
    <form onSubmit={onSubmit} className="ms-form" noValidate data-testid="start-judge-form">
      <label>
        Endpoint base URL (OpenAI-compatible)
        <input {...register("baseUrl")} list="judge-endpoints" autoComplete="off" />
        <datalist id="judge-endpoints">{ENDPOINTS.map((e) => <option key={e.url} value={e.url}>{e.label}</option>)}</datalist>
      </label>
      {err("baseUrl")}
      <p className="ms-muted">
        {ENDPOINTS.map((e, i) => (
          <span key={e.url}>
            {i > 0 && " · "}
            <button type="button" className="ms-link-button" onClick={() => setValue("baseUrl", e.url, { shouldValidate: true })}>{e.label}</button>
          </span>
        ))}
      </p>
      <label>Model<input {...register("model")} placeholder="gpt-4o, qwen2.5:7b-instruct …" autoComplete="off" /></label>
      {err("model")}
      <fieldset className="ms-fieldset">
        <legend>API key (stored encrypted on the server, shown back only as a hint)</legend>
        <label>Key<input type="password" {...register("apiKey")} autoComplete="new-password" placeholder="sk-…" /></label>
        {err("apiKey")}
        <label>…or the name of a server environment variable<input {...register("apiKeyEnv")} placeholder="OPENAI_API_KEY" autoComplete="off" /></label>
        {err("apiKeyEnv")}
        <p className="ms-muted">
          Leave both empty for servers without keys (Ollama, vLLM, llama.cpp){serverKeyHint ? <> or to use the server&apos;s MIXSTUDY_JUDGE_API_KEY ({serverKeyHint})</> : null}.
        </p>
      </fieldset>
      <label>Temperature<input type="number" step="0.1" min={0} max={2} {...register("temperature", num)} /></label>{err("temperature")}
      <label>Concurrent calls<input type="number" min={1} max={64} {...register("concurrency", num)} /></label>{err("concurrency")}
      <label>Retries per item (a reply that does not parse is asked again)<input type="number" min={0} max={10} {...register("maxRetries", num)} /></label>{err("maxRetries")}
      <label>Timeout per call (seconds)<input type="number" step="0.1" min={0.1} max={600} {...register("timeoutSeconds", num)} /></label>{err("timeoutSeconds")}
      <label>
        Judge prompt (system message; the user message is PROMPT: … then RESPONSE A: … in a per-item shuffled order)
        <textarea rows={14} {...register("prompt")} />
      </label>
      {err("prompt")}
      <p>
        <button type="submit" className="ms-button ms-button--primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Starting…" : "Start judge run"}
        </button>{" "}
        <button type="button" className="ms-button ms-button--quiet" onClick={() => setValue("prompt", defaultPrompt)}>Reset prompt to default</button>
      </p>
      {message && <p className={message.ok ? "ms-ok" : "ms-error"} role="status">{message.text}</p>}
    </form>
  );
}
