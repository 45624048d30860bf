"use client";
// Uploads a zip of stems with the anchor, segment length, gain error and seed; then each system's advice by item id.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../../../_components/api";

type TStemsResult = { items: number; clips: number; audioFiles: number; notes: string[]; itemIds: string[] };

// Long messages (paths, lists of stems) wrap on narrow screens instead of running off the card.
const WRAP = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } as const;

function useUpload<T>(url: string, describe: (out: T) => string) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const onSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(describe(await callApi<T>(url, { method: "POST", body: new FormData(e.currentTarget) })));
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, result, onSubmit };
}

export function StemsForm({ studyId, defaultSeed }: { studyId: string; defaultSeed: string }) {
  const up = useUpload<TStemsResult>(`/api/studies/${studyId}/stems`, (o) =>
    [`Created ${o.items} items with ${o.clips} clips (${o.audioFiles} audio files): ${o.itemIds.slice(0, 6).join(", ")}${o.itemIds.length > 6 ? " …" : ""}`, ...o.notes.map((n) => `Note: ${n}`)].join("\n"),
  );
  return (
    <form className="ms-form" onSubmit={up.onSubmit} data-testid="stems-form">
      <label>
        Stems (a zip of WAV files: the stems of one song, or one folder per song; mixture.wav is skipped)
        <input type="file" name="stems" accept=".zip" required />
      </label>
      <label>
        Anchor stem (its file name without .wav)
        <input type="text" name="anchor" placeholder="bass" required maxLength={100} />
      </label>
      <label>
        Segment length (seconds)
        <input type="number" name="segmentSeconds" defaultValue={10} min={1} max={120} step="any" required />
      </label>
      <label>
        Gain error (± dB, on one non-anchor stem per segment)
        <input type="number" name="gainDb" defaultValue={4} min={0.5} max={24} step="any" required />
      </label>
      <label>
        Seed (the same seed and stems give the same errors)
        <input type="text" name="seed" defaultValue={defaultSeed} required maxLength={100} />
      </label>
      <label>
        At most this many segments per song (optional)
        <input type="number" name="maxSegmentsPerSong" min={1} max={1000} />
      </label>
      <button type="submit" className="ms-button" disabled={up.busy}>{up.busy ? "Building items…" : "Build items"}</button>
      {up.result && <pre className="ms-ok" role="status" style={WRAP}>{up.result}</pre>}
      {up.error && <pre className="ms-error" role="alert" style={WRAP}>{up.error}</pre>}
    </form>
  );
}

export function AdviceForm({ studyId, systems }: { studyId: string; systems: string[] }) {
  const up = useUpload<{ responses: number; items: number }>(`/api/studies/${studyId}/stems/advice`, (o) => `Attached ${o.responses} responses to ${o.items} items.`);
  return (
    <form className="ms-form" onSubmit={up.onSubmit} data-testid="advice-form">
      <label>
        Advice by item id (CSV or JSONL with columns item_id, system, text)
        <input type="file" name="advice" accept=".csv,.jsonl" required />
      </label>
      <p className="ms-muted">Systems of this study: {systems.map((s) => <code key={s}>{s} </code>)}</p>
      <button type="submit" className="ms-button" disabled={up.busy}>{up.busy ? "Attaching…" : "Attach advice"}</button>
      {up.result && <p className="ms-ok" role="status">{up.result}</p>}
      {up.error && <pre className="ms-error" role="alert" style={WRAP}>{up.error}</pre>}
    </form>
  );
}
