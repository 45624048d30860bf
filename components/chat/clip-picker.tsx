"use client";
// Choosing the clip to talk about: upload one's own (checked on the server, errors shown as sent) or pick a provided one.
import { useId, useRef, useState } from "react";
import type { TChatView, TParticipantState } from "@/studies/participant-state";
import { AudioPlayer } from "../audio-player";
import { postForState } from "./chat-api";

export function ClipPicker({ chat, base, onState }: { chat: TChatView; base: string; onState: (s: TParticipantState) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const run = async (action: () => Promise<TParticipantState>) => {
    setBusy(true);
    setError(null);
    try {
      onState(await action());
    } catch (e) {
      setError(e instanceof Error ? e.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  };

  const upload = () => {
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setError("Choose an audio file first.");
      return;
    }
    if (file.size > chat.maxUploadMb * 1024 * 1024) {
      setError(`"${file.name}" is larger than the limit of ${chat.maxUploadMb} MB.`);
      return;
    }
    const form = new FormData();
    form.set("file", file);
    void run(() => postForState(`${base}/chat/upload`, form));
  };

  return (
    <section className="ms-card ms-chat-pick" aria-labelledby="ms-pick-heading">
      <h2 id="ms-pick-heading" className="ms-step-title">Choose the clip to talk about</h2>
      {chat.allowUpload && (
        <div className="ms-chat-pick__upload">
          <label htmlFor={inputId} className="ms-section-title">Upload a clip of your mix</label>
          <p className="ms-muted">
            WAV, FLAC, MP3 or OGG, at most {chat.maxUploadMb} MB and {Math.round(chat.maxClipSeconds / 60)} minutes. The clock starts when your clip is ready.
          </p>
          <div className="ms-actions">
            <input id={inputId} ref={fileRef} type="file" name="file" accept="audio/*,.wav,.flac,.mp3,.ogg" disabled={busy} onChange={() => setError(null)} />
            <button type="button" className="ms-button ms-button--primary" disabled={busy} onClick={upload}>
              {busy ? "Uploading and measuring…" : "Upload clip"}
            </button>
          </div>
        </div>
      )}
      {chat.providedClips.length > 0 && (
        <div className="ms-chat-pick__provided">
          <h3 className="ms-section-title">{chat.allowUpload ? "…or use one of ours" : "Pick a clip"}</h3>
          <ul className="ms-chat-pick__list">
            {chat.providedClips.map((c) => (
              <li key={c.id} className="ms-chat-pick__item">
                <AudioPlayer src={c.url} label={c.label} />
                <button type="button" className="ms-button" disabled={busy} onClick={() => void run(() => postForState(`${base}/chat/clip`, { itemId: c.id }))}>
                  Use {c.label.split(":")[0]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <p className="ms-error" role="alert">{error}</p>}
      {busy && <p className="ms-status" role="status">Working…</p>}
    </section>
  );
}
