"use client";
// Plays a mix and its stems in sync and switches between them without a restart or a gap: every clip is
// decoded into one AudioContext, all start at the same context time, and switching only moves gains.

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { formatClock, playheadAt, startPosition } from "@/lib/audio/playhead";
import type { TMultiClipListening } from "./rating-form";

export interface TPlayerClip {
  label: string;
  role: "mix" | "anchor" | "stem";
  url: string;
}

export interface TClipListening {
  playedMs: number;
  plays: number;
  seeks: number;
}

/** Listening on this round, per clip label, plus each clip's length (for "play the mix in full" rules). */
export type { TMultiClipListening };

export interface MultiClipPlayerProps {
  clips: TPlayerClip[];
  label?: string;
  /** Called (throttled, and on pause, switch, seek and unmount) with the listening so far. */
  onListeningChange?: (listening: TMultiClipListening) => void;
}

type TLoadStatus = "idle" | "loading" | "ready" | "error";

/** Gain ramp when switching: short enough to feel instant, long enough to avoid a click. */
const SWITCH_RAMP_S = 0.012;
const REPORT_EVERY_MS = 250;
/** Seek events closer together than this (one drag of the slider) count as one seek. */
const SEEK_MERGE_MS = 400;


function roleText(role: TPlayerClip["role"]): string | null {
  if (role === "anchor") return "anchor";
  return null;
}

interface TEngine {
  ctx: AudioContext;
  buffers: AudioBuffer[];
  gains: GainNode[];
  sources: AudioBufferSourceNode[] | null;
  /** Context time at which the running sources started, and the clip position they started from. */
  startedAt: number;
  startOffset: number;
  /** The loop the running sources were started with (null: no loop). */
  loop: { a: number; b: number } | null;
  duration: number;
}

/** The position of running sources at context time `now`, folding into the loop region when looping. */
const positionAt = (engine: TEngine, now: number): number => playheadAt(engine, now);

export function MultiClipPlayer({ clips, label = "Audio", onListeningChange }: MultiClipPlayerProps) {
  const engineRef = useRef<TEngine | null>(null);
  const loadingRef = useRef(false);
  const rafRef = useRef<number | null>(null);
  const onListeningRef = useRef(onListeningChange);
  const listeningRef = useRef<Record<string, TClipListening>>(Object.fromEntries(clips.map((c) => [c.label, { playedMs: 0, plays: 0, seeks: 0 }])));
  const durationsRef = useRef<Record<string, number>>({});
  const lastCreditRef = useRef<number | null>(null);
  const lastReportRef = useRef(0);
  const lastSeekRef = useRef(-Infinity);
  const selectedRef = useRef(0);
  const loopRef = useRef<{ a: number | null; b: number | null; on: boolean }>({ a: null, b: null, on: false });

  const [status, setStatus] = useState<TLoadStatus>("idle");
  const [loaded, setLoaded] = useState(0);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const [selected, setSelected] = useState(0);
  const [loopA, setLoopA] = useState<number | null>(null);
  const [loopB, setLoopB] = useState<number | null>(null);
  const [loopOn, setLoopOn] = useState(false);
  /** How often the sources were (re)started: a switch must not change it (exposed for tests). */
  const [starts, setStarts] = useState(0);
  const seekId = useId();
  const groupId = useId();

  useEffect(() => {
    onListeningRef.current = onListeningChange;
  }, [onListeningChange]);

  const report = useCallback((force: boolean) => {
    const now = performance.now();
    if (!force && now - lastReportRef.current < REPORT_EVERY_MS) return;
    lastReportRef.current = now;
    const clipsCopy = Object.fromEntries(Object.entries(listeningRef.current).map(([k, v]) => [k, { ...v, playedMs: Math.round(v.playedMs) }]));
    onListeningRef.current?.({ clips: clipsCopy, durationsMs: { ...durationsRef.current } });
  }, []);

  /** Credits the audio-clock time since the last credit to the clip being heard. */
  const credit = useCallback(() => {
    const engine = engineRef.current;
    if (!engine || !engine.sources || lastCreditRef.current === null) return;
    const now = engine.ctx.currentTime;
    // Sources are scheduled slightly ahead: nothing is heard before their start time.
    if (now <= lastCreditRef.current) return;
    const delta = (now - lastCreditRef.current) * 1000;
    lastCreditRef.current = now;
    const entry = listeningRef.current[clips[selectedRef.current]?.label];
    if (entry) entry.playedMs += delta;
  }, [clips]);

  const stopSources = useCallback(() => {
    const engine = engineRef.current;
    if (!engine?.sources) return;
    for (const s of engine.sources) {
      s.onended = null;
      try {
        s.stop();
      } catch {
        // A source that already ended cannot be stopped again; nothing to do.
      }
      s.disconnect();
    }
    engine.sources = null;
  }, []);

  const stopTicking = useCallback(() => {
    if (rafRef.current !== null) cancelAnimationFrame(rafRef.current);
    rafRef.current = null;
  }, []);

  const pause = useCallback(() => {
    const engine = engineRef.current;
    if (!engine?.sources) return;
    credit();
    const pos = positionAt(engine, engine.ctx.currentTime);
    stopSources();
    stopTicking();
    lastCreditRef.current = null;
    engine.startOffset = pos;
    setPosition(pos);
    setPlaying(false);
    report(true);
  }, [credit, stopSources, stopTicking, report]);

  const tick = useCallback(() => {
    const engine = engineRef.current;
    if (!engine?.sources) {
      rafRef.current = null;
      return;
    }
    credit();
    const pos = positionAt(engine, engine.ctx.currentTime);
    if (!engine.loop && pos >= engine.duration) {
      // The end: stop and leave the playhead at the end, so Play starts over.
      stopSources();
      lastCreditRef.current = null;
      engine.startOffset = engine.duration;
      setPosition(engine.duration);
      setPlaying(false);
      rafRef.current = null;
      report(true);
      return;
    }
    setPosition(pos);
    report(false);
    rafRef.current = requestAnimationFrame(tick);
  }, [credit, stopSources, report]);

  /** Starts every clip at `offset`, all at the same context time, with only the selected one audible. */
  const startAt = useCallback(
    (offset: number) => {
      const engine = engineRef.current;
      if (!engine) return;
      stopSources();
      const { a, b, on } = loopRef.current;
      const loop = on && a !== null && b !== null && b > a ? { a, b } : null;
      const from = startPosition(offset, engine.duration, loop);
      // A few milliseconds ahead, so every source is scheduled before the first one sounds.
      const when = engine.ctx.currentTime + 0.03;
      engine.sources = engine.buffers.map((buffer, i) => {
        const source = engine.ctx.createBufferSource();
        source.buffer = buffer;
        if (loop) {
          source.loop = true;
          source.loopStart = loop.a;
          source.loopEnd = Math.min(loop.b, buffer.duration);
        }
        source.connect(engine.gains[i]);
        if (from < buffer.duration || loop) source.start(when, Math.min(from, buffer.duration));
        return source;
      });
      engine.startedAt = when;
      engine.startOffset = from;
      engine.loop = loop;
      lastCreditRef.current = when;
      setStarts((n) => n + 1);
      setPosition(from);
      setPlaying(true);
      if (rafRef.current === null) rafRef.current = requestAnimationFrame(tick);
    },
    [stopSources, tick],
  );

  const countPlay = useCallback(
    (index: number) => {
      const entry = listeningRef.current[clips[index]?.label];
      if (entry) entry.plays += 1;
    },
    [clips],
  );

  // Unmount (a new round): stop everything, report what was heard, and release the context.
  useEffect(() => {
    return () => {
      stopTicking();
      credit();
      stopSources();
      report(true);
      const engine = engineRef.current;
      engineRef.current = null;
      void engine?.ctx.close().catch(() => undefined);
    };
  }, [stopTicking, credit, stopSources, report]);

  const load = useCallback(async (ctx: AudioContext): Promise<TEngine> => {
    let done = 0;
    const buffers = await Promise.all(
      clips.map(async (clip) => {
        const response = await fetch(clip.url, { credentials: "same-origin" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const buffer = await ctx.decodeAudioData(await response.arrayBuffer());
        done += 1;
        setLoaded(done);
        return buffer;
      }),
    );
    const gains = buffers.map((_, i) => {
      const gain = ctx.createGain();
      gain.gain.value = i === selectedRef.current ? 1 : 0;
      gain.connect(ctx.destination);
      return gain;
    });
    durationsRef.current = Object.fromEntries(clips.map((c, i) => [c.label, Math.round(buffers[i].duration * 1000)]));
    return { ctx, buffers, gains, sources: null, startedAt: 0, startOffset: 0, loop: null, duration: Math.max(...buffers.map((b) => b.duration)) };
  }, [clips]);

  // Runs inside the click handler: the AudioContext is created and resumed by the user's gesture (Safari, iOS).
  const togglePlay = () => {
    const engine = engineRef.current;
    if (engine?.sources) {
      pause();
      return;
    }
    if (engine) {
      void engine.ctx.resume();
      countPlay(selectedRef.current);
      startAt(engine.startOffset);
      return;
    }
    if (loadingRef.current) return;
    loadingRef.current = true;
    const ctx = new AudioContext();
    void ctx.resume();
    setStatus("loading");
    setErrorMessage(null);
    setLoaded(0);
    load(ctx)
      .then((ready) => {
        engineRef.current = ready;
        setDuration(ready.duration);
        setStatus("ready");
        countPlay(selectedRef.current);
        startAt(0);
        report(true);
      })
      .catch((e: unknown) => {
        void ctx.close().catch(() => undefined);
        setStatus("error");
        setErrorMessage(`The audio could not be loaded (${e instanceof Error ? e.message : "unknown error"}). Press Play to try again.`);
      })
      .finally(() => {
        loadingRef.current = false;
      });
  };

  const select = (index: number) => {
    if (index === selectedRef.current) return;
    const engine = engineRef.current;
    // Credit the time so far to the clip that was audible, then move the gains; the sources keep running.
    credit();
    selectedRef.current = index;
    setSelected(index);
    if (engine) {
      const now = engine.ctx.currentTime;
      engine.gains.forEach((gain, i) => {
        const target = i === index ? 1 : 0;
        gain.gain.cancelScheduledValues(now);
        gain.gain.setValueAtTime(gain.gain.value, now);
        gain.gain.linearRampToValueAtTime(target, now + SWITCH_RAMP_S);
      });
      if (engine.sources) countPlay(index);
    }
    report(true);
  };

  const seek = (value: number) => {
    const engine = engineRef.current;
    if (!engine) return;
    const now = performance.now();
    if (now - lastSeekRef.current > SEEK_MERGE_MS) {
      const entry = listeningRef.current[clips[selectedRef.current]?.label];
      if (entry) entry.seeks += 1;
    }
    lastSeekRef.current = now;
    if (engine.sources) {
      credit();
      startAt(value);
    } else {
      engine.startOffset = value;
      setPosition(value);
    }
    report(true);
  };

  /** Loop settings apply at once: running sources restart at the current position with the new region. */
  const applyLoop = (next: { a: number | null; b: number | null; on: boolean }) => {
    loopRef.current = next;
    setLoopA(next.a);
    setLoopB(next.b);
    setLoopOn(next.on);
    const engine = engineRef.current;
    if (engine?.sources) {
      credit();
      startAt(positionAt(engine, engine.ctx.currentTime));
    }
  };

  const loopValid = loopA !== null && loopB !== null && loopB > loopA;
  const canControl = status === "ready" && duration > 0;
  const current = clips[selected];
  const positionMs = Math.round(position * 1000);

  return (
    <section
      className="ms-audio ms-mcp"
      aria-label={label}
      data-testid="multi-clip-player"
      data-position-ms={positionMs}
      data-playing={playing ? "true" : "false"}
      data-starts={starts}
    >
      <p className="ms-audio__label">{label}</p>

      {clips.length > 1 ? (
        <div className="ms-mcp__clips" role="group" aria-labelledby={groupId}>
          <p id={groupId} className="ms-mcp__clips-title">
            Listen to:
          </p>
          <div className="ms-mcp__clip-buttons">
            {clips.map((clip, i) => {
              const role = roleText(clip.role);
              return (
                <button
                  key={`${i}-${clip.label}`}
                  type="button"
                  className={`ms-button ms-mcp__clip${i === selected ? " ms-mcp__clip--on" : ""}${clip.role === "mix" ? " ms-mcp__clip--mix" : ""}`}
                  aria-pressed={i === selected}
                  onClick={() => select(i)}
                >
                  {clip.label}
                  {role ? <span className="ms-mcp__role"> ({role})</span> : null}
                </button>
              );
            })}
          </div>
        </div>
      ) : null}

      <div className="ms-audio__controls">
        <button
          type="button"
          className="ms-button ms-button--primary ms-audio__play"
          onClick={togglePlay}
          aria-pressed={playing}
          aria-label={playing ? `Pause ${label}` : `Play ${label}`}
          disabled={status === "loading"}
        >
          <span aria-hidden="true">{playing ? "❚❚" : "▶"}</span>
          <span>{playing ? "Pause" : "Play"}</span>
        </button>
        <label htmlFor={seekId} className="ms-visually-hidden">
          Seek position in {label}
        </label>
        <input
          id={seekId}
          className="ms-audio__seek"
          type="range"
          min={0}
          max={canControl ? duration : 0}
          step={0.1}
          value={canControl ? Math.min(position, duration) : 0}
          disabled={!canControl}
          aria-valuetext={`${formatClock(position)} of ${formatClock(duration)}`}
          onChange={(e) => seek(Number(e.currentTarget.value))}
        />
        <span className="ms-audio__time ms-mcp__time" data-testid="player-time">
          {formatClock(position)} / {duration > 0 ? formatClock(duration) : "–:––"}
        </span>
      </div>

      {clips.length > 1 ? (
        <p className="ms-mcp__now" aria-live="polite">
          Now playing: <strong>{current?.label ?? "—"}</strong>
          {playing ? null : <span className="ms-muted"> (paused)</span>}
        </p>
      ) : null}

      <div className="ms-mcp__loop" role="group" aria-label="Loop a region">
        <button
          type="button"
          className="ms-button ms-mcp__loop-btn"
          disabled={!canControl}
          onClick={() => applyLoop({ a: position, b: loopB !== null && loopB > position ? loopB : null, on: loopOn && loopB !== null && loopB > position })}
        >
          Set loop start
        </button>
        <button
          type="button"
          className="ms-button ms-mcp__loop-btn"
          disabled={!canControl || loopA === null || position <= loopA}
          onClick={() => applyLoop({ a: loopA, b: position, on: true })}
        >
          Set loop end
        </button>
        <button
          type="button"
          className="ms-button ms-mcp__loop-btn"
          aria-pressed={loopOn && loopValid}
          disabled={!canControl || !loopValid}
          onClick={() => applyLoop({ a: loopA, b: loopB, on: !loopOn })}
        >
          Loop {loopOn && loopValid ? "on" : "off"}
        </button>
        <button
          type="button"
          className="ms-button ms-button--quiet ms-mcp__loop-btn"
          disabled={loopA === null && loopB === null}
          onClick={() => applyLoop({ a: null, b: null, on: false })}
        >
          Clear loop
        </button>
        <span className="ms-muted ms-mcp__loop-text" data-testid="loop-region">
          {loopA === null ? "No loop set." : loopB === null ? `Loop from ${formatClock(loopA)} — now set its end.` : `Loop ${formatClock(loopA)}–${formatClock(loopB)}`}
        </span>
      </div>

      <p className="ms-audio__status" role="status" aria-live="polite">
        {status === "idle"
          ? "Press Play to load the audio. You can switch between the clips while it plays; they stay in sync."
          : status === "loading"
            ? `Loading audio… (${loaded} of ${clips.length} clips)`
            : null}
      </p>
      {errorMessage ? (
        <p className="ms-error" role="alert">
          {errorMessage}
        </p>
      ) : null}
    </section>
  );
}
