// Which stem gets which gain error in each segment: seeded, balanced across stems and across signs.
import { createRng, shuffle } from "@/lib/random/rng";

export interface TSegmentError {
  segment: number;
  track: string;
  /** The signed error in dB: +g makes the track louder than in the clean mix. */
  gainDb: number;
}

/**
 * Plans `segments` errors of ±`gainDb` over the non-anchor `tracks`.
 * Stems: drawn in shuffled blocks that hold every track once, so counts per track differ by at most one.
 * Signs: each track alternates + and − over its appearances; where a track is even, the sign that is behind
 * over all segments is taken (ties drawn), so signs are balanced per track and overall (to within one).
 */
export function planErrors({ tracks, segments, gainDb, seed }: { tracks: readonly string[]; segments: number; gainDb: number; seed: string }): TSegmentError[] {
  if (tracks.length === 0) throw new Error("planErrors: need at least one non-anchor track");
  if (!(gainDb > 0)) throw new Error("planErrors: the gain error must be a positive number of dB");
  const rng = createRng(seed, "stems:plan");
  const order: string[] = [];
  while (order.length < segments) order.push(...shuffle(rng, tracks));
  const perTrack = new Map(tracks.map((t) => [t, 0])); // +1 per louder, −1 per quieter
  let overall = 0;
  return order.slice(0, segments).map((track, segment) => {
    const own = perTrack.get(track)!;
    const up = own < 0 ? true : own > 0 ? false : overall < 0 ? true : overall > 0 ? false : rng.next() < 0.5;
    const sign = up ? 1 : -1;
    perTrack.set(track, own + sign);
    overall += sign;
    return { segment, track, gainDb: sign * gainDb };
  });
}
