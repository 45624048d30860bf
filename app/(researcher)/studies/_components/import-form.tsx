"use client";
// Uploads MixAssist rows, a model-output file and a zip of the audio; reports every bad line.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "./api";

export function ImportForm({ studyId, mode, systems }: { studyId: string; mode: string; systems: string[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  return (
    <form
      className="ms-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        setResult(null);
        try {
          const out = await callApi<{ items: number; audioFiles: number }>(`/api/studies/${studyId}/import`, {
            method: "POST",
            body: new FormData(e.currentTarget),
          });
          setResult(`Imported ${out.items} items with ${out.audioFiles} audio files.`);
          router.refresh();
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label>
        {mode === "chat"
          ? "Provided clips participants may choose (JSONL or CSV: id, audio_file, optional title) — optional: without them participants upload their own"
          : mode === "listwise"
          ? "MixAssist rows (JSONL or CSV), or the MixAssist evaluation code's judge CSV (prompt, conversation_id, turn_id, topic, <system>_generation columns)"
          : "MixAssist rows (JSONL or CSV: conversation_id, turn_id, topic, has_content, input_history, audio_file, user, assistant)"}
        <input type="file" name="rows" accept=".jsonl,.json,.csv" required />
      </label>
      {mode !== "chat" && <label>
        Model outputs (JSONL or CSV: conversation_id, turn_id, generation{mode === "listwise" ? ", system" : ""}){mode === "listwise" ? " — not needed with a judge CSV" : ""}
        <input type="file" name="outputs" accept=".jsonl,.json,.csv" required={mode !== "listwise"} />
      </label>}
      <label>
        Audio files (zip with the paths named in audio_file)
        <input type="file" name="audio" accept=".zip" />
      </label>
      <p className="ms-muted">
        {mode === "chat" ? <>A chat study works without an import: participants upload their own clip.</> : mode === "pairwise"
          ? <>The model outputs are stored as system <code>{systems[0]}</code> and the expert turns as <code>{systems[1]}</code> (change them in Settings).</>
          : <>Every item needs a response of each system: {systems.map((s) => <code key={s}>{s} </code>)}</>}
      </p>
      <button type="submit" className="ms-button" disabled={busy}>{busy ? "Importing…" : "Import"}</button>
      {result && <p className="ms-ok" role="status">{result}</p>}
      {error && <pre className="ms-error" role="alert">{error}</pre>}
    </form>
  );
}
