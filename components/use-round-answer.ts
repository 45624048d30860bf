"use client";
// What every round does around its answer: time on item, listening time, one submit at a time, and the error to show.
import { useCallback, useEffect, useRef, useState } from "react";
import { listeningReason, MAIN_CLIP } from "@/lib/quality/listening";
import type { TListeningValue, TRequireMixPlayed } from "@/studies/participant-state";
import type { TClipListening } from "./audio-player";

export interface AnswerMeasures {
  timeOnItemMs: number;
  listenedMs: number;
  /** The round's one clip as "main": time heard, plays, seeks (judgments.listening). Absent for rounds without audio. */
  listening?: TListeningValue;
}

/**
 * Use in a component keyed on the trial, so the clock and guards restart every round. On mount the
 * page scrolls to the top and the round's heading takes focus. `send` rejects with an Error whose
 * message the participant should see; `fallback` is shown when it has none.
 */
export function useRoundAnswer<T>(
  send: (answer: T, measures: AnswerMeasures) => Promise<void>,
  fallback: string,
  { rule = "none", hasAudio = false }: { rule?: TRequireMixPlayed; hasAudio?: boolean } = {},
) {
  const clipRef = useRef<TClipListening | null>(null);
  const [clip, setClip] = useState<TClipListening | null>(null);
  const startedAtRef = useRef(0);
  const listenedRef = useRef(0);
  const inFlightRef = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [pending, setPending] = useState<T | null>(null);
  const submitting = pending !== null;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    startedAtRef.current = performance.now();
    // A new round replaces the page content: bring the reader back to its top.
    window.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const onListened = useCallback((ms: number) => {
    listenedRef.current = ms;
  }, []);

  const onListening = useCallback((l: TClipListening) => {
    clipRef.current = l;
    setClip(l);
  }, []);

  /** Why the answers are disabled (the study's listening rule not yet met), or null. */
  const listeningBlock = hasAudio ? listeningReason(rule, clip?.playedMs ?? 0, clip?.durationMs ?? null) : null;

  /** Resolves false when a submit was already in flight (a double click); the caller stores nothing twice. */
  const submit = useCallback(
    async (answer: T): Promise<boolean> => {
      // A ref, not state: a double click fires twice before React re-renders the disabled buttons.
      if (inFlightRef.current) return false;
      inFlightRef.current = true;
      setPending(answer);
      setError(null);
      try {
        const c = clipRef.current;
        const listening = hasAudio ? { clips: { [MAIN_CLIP]: { playedMs: c?.playedMs ?? 0, plays: c?.plays ?? 0, seeks: c?.seeks ?? 0 } } } : undefined;
        await send(answer, { timeOnItemMs: Math.round(performance.now() - startedAtRef.current), listenedMs: Math.round(listenedRef.current), ...(listening ? { listening } : {}) });
      } catch (e) {
        setError(e instanceof Error && e.message ? e.message : fallback);
      } finally {
        inFlightRef.current = false;
        setPending(null);
      }
      return true;
    },
    [send, fallback, hasAudio],
  );

  /** pending: the answer being saved right now, if any. */
  return { headingRef, onListened, onListening, listeningBlock, submit, submitting, pending, error, setError };
}
