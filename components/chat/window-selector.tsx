"use client";
// Which 30 s of the clip the assistant hears: a slider before the first message, then a fixed line.
import { useEffect, useId, useState } from "react";
import { formatTime } from "../audio-player";

export function WindowSelector({ durationMs, windowMs, startMs, locked, onChange }: { durationMs: number; windowMs: number; startMs: number; locked: boolean; onChange: (startMs: number) => Promise<void> }) {
  const [value, setValue] = useState(startMs);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setValue(startMs), [startMs]);
  const maxStart = Math.max(0, durationMs - windowMs);
  const text = `The assistant hears ${formatTime(value / 1000)}–${formatTime((value + windowMs) / 1000)} of your clip.`;
  const commit = async (v: number) => {
    if (v === startMs) return;
    setSaving(true);
    setError(null);
    try {
      await onChange(v);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not save the window.");
      setValue(startMs);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="ms-chat-window">
      <p className="ms-chat-window__text" data-testid="listening-window">{text}</p>
      {!locked && maxStart > 0 && (
        <>
          <label htmlFor={id} className="ms-muted">Move the window to the part you want to talk about (you can change it until you send your first message)</label>
          <input
            id={id}
            type="range"
            min={0}
            max={maxStart}
            step={500}
            value={value}
            disabled={saving}
            onChange={(e) => setValue(Number(e.currentTarget.value))}
            onPointerUp={(e) => void commit(Number(e.currentTarget.value))}
            onKeyUp={(e) => void commit(Number(e.currentTarget.value))}
          />
        </>
      )}
      {error && <p className="ms-error" role="alert">{error}</p>}
    </div>
  );
}
