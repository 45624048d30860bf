"use client";
// Streams one audio clip with howler (HTML5 audio, so HTTP range requests) and reports how long it actually played.

import { Howl } from "howler";
import { useCallback, useEffect, useId, useRef, useState } from "react";

export interface AudioPlayerProps {
  src: string;
  label?: string;
  /** Called with the total milliseconds the clip has actually been playing (throttled, and on pause/end). */
  onListenedChange?: (listenedMs: number) => void;
  /** Called with the same cadence: time heard, how often playback started, how often the listener sought, and the clip's length once known. */
  onListeningChange?: (listening: TClipListening) => void;
}

/** One clip's listening as a judgment stores it (judgments.listening.clips[label]), plus its duration for the listening rule. */
export interface TClipListening {
  playedMs: number;
  plays: number;
  seeks: number;
  durationMs: number | null;
}

type TLoadStatus = "idle" | "loading" | "ready" | "error";

// The audio URL has no extension, so howler cannot guess a codec; it checks format[0] for the
// single source and the browser then sniffs the real type from the response.
const FORMATS = ["wav", "mp3", "flac", "ogg"];
const REPORT_EVERY_MS = 250;

export function formatTime(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return "0:00";
  const s = Math.floor(totalSeconds);
  const minutes = Math.floor(s / 60);
  const seconds = s % 60;
  return `${minutes}:${seconds.toString().padStart(2, "0")}`;
}

function errorText(error: unknown): string {
  if (typeof error === "string" && error.length > 0) return error;
  if (typeof error === "number") {
    // HTML5 MediaError codes, which howler passes through.
    if (error === 2) return "a network error interrupted loading";
    if (error === 3) return "the file could not be decoded";
    if (error === 4) return "the format is not supported by this browser";
  }
  return "unknown error";
}

export function AudioPlayer({ src, label = "Audio clip", onListenedChange, onListeningChange }: AudioPlayerProps) {
  const howlRef = useRef<Howl | null>(null);
  const rafRef = useRef<number | null>(null);
  const lastTickRef = useRef<number | null>(null);
  const listenedRef = useRef(0);
  const lastReportedRef = useRef(0);
  const onListenedRef = useRef(onListenedChange);
  const seekingRef = useRef(false);
  const onListeningRef = useRef(onListeningChange);
  const playsRef = useRef(0);
  const seeksRef = useRef(0);
  const durationRef = useRef<number | null>(null);

  const [status, setStatus] = useState<TLoadStatus>("idle");
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState(0);
  const seekId = useId();

  useEffect(() => {
    onListenedRef.current = onListenedChange;
    onListeningRef.current = onListeningChange;
  }, [onListenedChange, onListeningChange]);

  const report = useCallback((force: boolean) => {
    const ms = Math.round(listenedRef.current);
    if (force || ms - lastReportedRef.current >= REPORT_EVERY_MS) {
      lastReportedRef.current = ms;
      onListenedRef.current?.(ms);
      onListeningRef.current?.({ playedMs: ms, plays: playsRef.current, seeks: seeksRef.current, durationMs: durationRef.current });
    }
  }, []);

  const stopTicking = useCallback(() => {
    // Credit the stretch since the last frame (rAF is throttled in background tabs while audio plays on).
    if (lastTickRef.current !== null) listenedRef.current += performance.now() - lastTickRef.current;
    if (rafRef.current !== null) cancelAnimationFrame(rafRef.current);
    rafRef.current = null;
    lastTickRef.current = null;
  }, []);

  const tick = useCallback(() => {
    const howl = howlRef.current;
    const now = performance.now();
    if (howl && howl.playing()) {
      // Count only wall time during which the clip is really playing (not buffering before start).
      if (lastTickRef.current !== null) listenedRef.current += now - lastTickRef.current;
      lastTickRef.current = now;
      if (!seekingRef.current) setPosition(howl.seek());
      report(false);
    } else {
      lastTickRef.current = null;
    }
    rafRef.current = requestAnimationFrame(tick);
  }, [report]);

  const startTicking = useCallback(() => {
    if (rafRef.current === null) rafRef.current = requestAnimationFrame(tick);
  }, [tick]);

  // A new clip (or unmount) throws the old Howl away; the new one is created on the next Play click.
  useEffect(() => {
    setStatus("idle");
    setErrorMessage(null);
    setPlaying(false);
    setPosition(0);
    setDuration(0);
    return () => {
      stopTicking();
      report(true);
      howlRef.current?.unload();
      howlRef.current = null;
    };
  }, [src, stopTicking, report]);

  const createHowl = useCallback((): Howl => {
    const howl = new Howl({
      src: [src],
      html5: true,
      format: FORMATS,
      preload: true,
      onload: () => {
        setStatus("ready");
        setDuration(howl.duration());
        durationRef.current = Math.round(howl.duration() * 1000);
        report(true);
      },
      onloaderror: (_id, error) => {
        stopTicking();
        setPlaying(false);
        setStatus("error");
        setErrorMessage(`The audio could not be loaded (${errorText(error)}).`);
        howl.unload();
        if (howlRef.current === howl) howlRef.current = null;
      },
      onplayerror: (_id, error) => {
        setPlaying(false);
        setErrorMessage(`The audio could not start (${errorText(error)}). Press Play to try again.`);
      },
      onplay: () => {
        playsRef.current += 1;
        setPlaying(true);
        setErrorMessage(null);
        setDuration(howl.duration());
        startTicking();
      },
      onpause: () => {
        setPlaying(false);
        stopTicking();
        report(true);
      },
      onstop: () => {
        setPlaying(false);
        stopTicking();
        report(true);
      },
      onend: () => {
        setPlaying(false);
        stopTicking();
        setPosition(howl.duration());
        report(true);
      },
    });
    return howl;
  }, [src, startTicking, stopTicking, report]);

  // Runs inside the click handler so Safari/iOS treat playback as user-initiated.
  const togglePlay = () => {
    const existing = howlRef.current;
    if (existing && existing.playing()) {
      existing.pause();
      return;
    }
    let howl = existing;
    if (!howl) {
      setStatus("loading");
      setErrorMessage(null);
      howl = createHowl();
      howlRef.current = howl;
    }
    if (duration > 0 && position >= duration - 0.05) howl.seek(0);
    howl.play();
  };

  const onSeek = (value: number) => {
    // A drag fires many changes: it counts once (on pointer down); a key press counts each time.
    if (!seekingRef.current) seeksRef.current += 1;
    setPosition(value);
    howlRef.current?.seek(value);
    report(true);
  };

  const canSeek = status === "ready" && duration > 0;
  const statusText =
    status === "loading"
      ? "Loading audio…"
      : status === "error"
        ? null
        : status === "idle"
          ? "Press Play to load the audio."
          : null;

  return (
    <section className="ms-audio" aria-label={label}>
      <p className="ms-audio__label">{label}</p>
      <div className="ms-audio__controls">
        <button
          type="button"
          className="ms-button ms-button--primary ms-audio__play"
          onClick={togglePlay}
          aria-pressed={playing}
          aria-label={playing ? `Pause ${label}` : `Play ${label}`}
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
          max={canSeek ? duration : 0}
          step={0.1}
          value={canSeek ? Math.min(position, duration) : 0}
          disabled={!canSeek}
          aria-valuetext={`${formatTime(position)} of ${formatTime(duration)}`}
          onPointerDown={() => {
            seekingRef.current = true;
            seeksRef.current += 1;
          }}
          onPointerUp={() => {
            seekingRef.current = false;
          }}
          onPointerCancel={() => {
            seekingRef.current = false;
          }}
          onChange={(e) => onSeek(Number(e.currentTarget.value))}
        />
        <span className="ms-audio__time" aria-hidden="true">
          {formatTime(position)} / {duration > 0 ? formatTime(duration) : "–:––"}
        </span>
      </div>
      <p className="ms-audio__status" role="status" aria-live="polite">
        {statusText}
      </p>
      {status === "error" || errorMessage ? (
        <p className="ms-error" role="alert">
          {errorMessage ?? "The audio could not be loaded."}
        </p>
      ) : null}
    </section>
  );
}
