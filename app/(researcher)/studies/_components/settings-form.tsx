"use client";
// Edits a study's settings with the same zod schema the server parses.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { ZStudyConfig, type TStudyConfig } from "@/studies/config";
import { callApi } from "./api";
import { ChatSettingsFields } from "./chat-settings-fields";

/** readOnly: a viewer (or a closed study) sees the settings but cannot change them — the API refuses too. */
export function SettingsForm({ studyId, config, live, readOnly = false }: { studyId: string; config: TStudyConfig; live: boolean; readOnly?: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, formState } = useForm<TStudyConfig>({
    resolver: zodResolver(ZStudyConfig) as Resolver<TStudyConfig>,
    defaultValues: config,
  });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    try {
      await callApi(`/api/studies/${studyId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ config: values }) });
      setMessage({ ok: true, text: "Settings saved." });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  });
  const err = (path: string) => {
    const parts = path.split(".");
    let node: unknown = formState.errors;
    for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
    const m = (node as { message?: string } | undefined)?.message;
    return m ? <p className="ms-error">{m}</p> : null;
  };
  const num = { valueAsNumber: true } as const;
  return (
    <form onSubmit={onSubmit} className="ms-form" noValidate>
      <fieldset disabled={readOnly} className="ms-plain-fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0, display: "contents" }}>
      <label>Title<input {...register("title")} /></label>{err("title")}
      <label>Description<textarea rows={2} {...register("description")} /></label>
      <fieldset disabled={live}>
        <legend>Design {live && "(frozen while the study is live)"}</legend>
        {config.mode !== "chat" && (
          <>
            <label>Rounds per participant<input type="number" min={1} {...register("design.roundsPerParticipant", num)} /></label>{err("design.roundsPerParticipant")}
            <label>
              Judgments per item (empty: every participant sees every item)
              <input type="number" min={1} {...register("design.judgmentsPerItem", { setValueAs: (v) => (v === "" || v === null || Number.isNaN(Number(v)) ? null : Number(v)) })} />
            </label>{err("design.judgmentsPerItem")}
          </>
        )}
        <label>Release an abandoned session&apos;s items after (minutes)<input type="number" min={1} {...register("design.abandonAfterMinutes", num)} /></label>
        {config.mode === "pairwise" && (
          <>
            <label>Generated system name<input {...register("systems.generated")} /></label>{err("systems.generated")}
            <label>Reference system name<input {...register("systems.reference")} /></label>
          </>
        )}
        {config.mode === "listwise" &&
          config.systems.map((s, i) => (
            <label key={s.id}>Label of system <code>{s.id}</code> in tables<input {...register(`systems.${i}.label`)} /></label>
          ))}
      </fieldset>
      {config.mode === "listwise" && (
        <fieldset>
          <legend>Criteria, most important first (shown to raters and the LLM judge)</legend>
          {config.criteria.map((_, i) => (
            <label key={i}>Criterion {i + 1}<input {...register(`criteria.${i}`)} /></label>
          ))}
        </fieldset>
      )}
      {config.mode === "chat" && <ChatSettingsFields register={register} err={err} />}
      <label>Consent text<textarea rows={6} {...register("texts.consent")} /></label>{err("texts.consent")}
      <label>Instructions<textarea rows={6} {...register("texts.instructions")} /></label>{err("texts.instructions")}
      <label>Expertise question<input {...register("texts.expertiseQuestion")} /></label>
      {config.mode === "pairwise" && (
        <fieldset>
          <legend>Answer labels</legend>
          <label>Key 1<input {...register("answers.A")} /></label>
          <label>Key 2<input {...register("answers.B")} /></label>
          <label>Key 3<input {...register("answers.both_good")} /></label>
          <label>Key 4<input {...register("answers.both_bad")} /></label>
        </fieldset>
      )}
      <label>Completion code<input {...register("completion.code")} /></label>{err("completion.code")}
      <label>
        Redirect after completion ({"{code}"} is replaced; empty shows the code instead)
        <input {...register("completion.redirectUrl", { setValueAs: (v) => (v ? v : null) })} />
      </label>{err("completion.redirectUrl")}
      <label>Screen-out code (Prolific; empty: none)<input {...register("completion.screenOutCode", { setValueAs: (v) => (v ? v : null) })} /></label>{err("completion.screenOutCode")}
      <label>
        Redirect after a screen-out ({"{code}"} is replaced; empty shows the code instead)
        <input {...register("completion.screenOutRedirectUrl", { setValueAs: (v) => (v ? v : null) })} />
      </label>{err("completion.screenOutRedirectUrl")}
      </fieldset>
      {readOnly ? (
        <p className="ms-muted" data-testid="settings-readonly">Read only: these settings cannot be changed here.</p>
      ) : (
        <button type="submit" className="ms-button" disabled={formState.isSubmitting}>Save settings</button>
      )}
      {message && <p className={message.ok ? "ms-ok" : "ms-error"} role="status">{message.text}</p>}
    </form>
  );
}
