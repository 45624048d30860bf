// Where synchronised clips are, from the audio clock: the one formula the multi-clip player uses to show
// and keep the position when it switches clips, loops a region, or stops at the end.

export interface TPlayhead {
  /** Audio-clock time (s) at which the sources started (they may be scheduled slightly ahead of now). */
  startedAt: number;
  /** Clip position (s) the sources started from. */
  startOffset: number;
  /** Length (s) of the longest clip. */
  duration: number;
  /** The loop the sources run with, if any (a < b, seconds). */
  loop: { a: number; b: number } | null;
}

/**
 * The clip position at audio-clock time `now`: start offset plus elapsed time (none before the start),
 * folded back into [a, b) once it passes the loop's end, and never beyond the end without a loop.
 */
export function playheadAt(p: TPlayhead, now: number): number {
  const raw = p.startOffset + Math.max(0, now - p.startedAt);
  if (p.loop && raw >= p.loop.b) return p.loop.a + ((raw - p.loop.a) % (p.loop.b - p.loop.a));
  return Math.min(raw, p.duration);
}

/**
 * Where sources should start when asked to start at `offset`: inside the clip, at the loop's start when
 * the offset lies outside a loop, and from the top when asked to start at (or within 10 ms of) the end.
 */
export function startPosition(offset: number, duration: number, loop: { a: number; b: number } | null): number {
  let from = Math.max(0, Math.min(offset, duration));
  if (loop && (from < loop.a || from >= loop.b)) from = loop.a;
  if (!loop && from >= duration - 0.01) from = 0;
  return from;
}

/** m:ss.t — the player's clock, to a tenth of a second (floored, so it never shows a time not yet reached). */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "0:00.0";
  const tenths = Math.floor(seconds * 10 + 1e-9);
  const m = Math.floor(tenths / 600);
  const s = Math.floor((tenths % 600) / 10);
  return `${m}:${s.toString().padStart(2, "0")}.${tenths % 10}`;
}
