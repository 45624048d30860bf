// Which stem gets which gain error in each segment: seeded, balanced across stems and across signs.
import { createRng, type Rng } from "@/lib/random/rng";

export interface TSegmentError {
  segment: number;
  track: string;
  /** The signed error in dB: +g makes the track louder than in the clean mix. */
  gainDb: number;
}

/** Balance carried from one song to the next, so that stems and signs balance over the whole set. */
export interface TPlanState {
  rng: Rng;
  /** Segments so far per track name (lower-cased, so "Vocals" and "vocals" count together). */
  uses: Map<string, number>;
  /** Per track: louder minus quieter so far. */
  signs: Map<string, number>;
  /** Louder minus quieter over all segments so far. */
  overall: number;
}

export function newPlanState(seed: string): TPlanState {
  return { rng: createRng(seed, "stems:plan"), uses: new Map(), signs: new Map(), overall: 0 };
}

/**
 * Plans `segments` errors of ±`gainDb` over the non-anchor `tracks`.
 * Stem: one of the tracks used least so far (ties drawn), so counts per track differ by at most one.
 * Sign: the one that evens the track's own balance; when the track is even, the one that evens the overall
 * balance (ties drawn). So signs are balanced per track and overall, to within one.
 */
export function planErrors({ tracks, segments, gainDb, seed, state = newPlanState(seed ?? "") }: { tracks: readonly string[]; segments: number; gainDb: number; seed?: string; state?: TPlanState }): TSegmentError[] {
  if (tracks.length === 0) throw new Error("planErrors: need at least one non-anchor track");
  if (!(gainDb > 0)) throw new Error("planErrors: the gain error must be a positive number of dB");
  const key = (t: string) => t.toLowerCase();
  const out: TSegmentError[] = [];
  for (let segment = 0; segment < segments; segment++) {
    const least = Math.min(...tracks.map((t) => state.uses.get(key(t)) ?? 0));
    const candidates = tracks.filter((t) => (state.uses.get(key(t)) ?? 0) === least);
    const track = candidates[state.rng.int(candidates.length)];
    const own = state.signs.get(key(track)) ?? 0;
    const up = own < 0 ? true : own > 0 ? false : state.overall < 0 ? true : state.overall > 0 ? false : state.rng.next() < 0.5;
    const sign = up ? 1 : -1;
    state.uses.set(key(track), least + 1);
    state.signs.set(key(track), own + sign);
    state.overall += sign;
    out.push({ segment, track, gainDb: sign * gainDb });
  }
  return out;
}
