// Direction and magnitude accuracy of gain advice against an item's injected error (Mixing Buddy's automated measures).

/** An item's ground truth: the track whose level was changed and the signed change in dB (+4 = made 4 dB louder). */
export interface TGainTruth {
  track: string;
  gainDb: number;
}

export type TDirection = "raise" | "lower" | "leave";

/** Reads `{ track, gain_db }` (as stored on items) or `{ track, gainDb }`; null when it is not a gain ground truth. */
export function gainTruthOf(raw: unknown): TGainTruth | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const gain = typeof r.gain_db === "number" ? r.gain_db : typeof r.gainDb === "number" ? r.gainDb : null;
  if (typeof r.track !== "string" || gain === null || !Number.isFinite(gain)) return null;
  return { track: r.track, gainDb: gain };
}

/**
 * The advice that undoes the error: a track made louder (+g dB) should be lowered, one made quieter raised;
 * an |error| below `leaveBelowDb` should be left as it is.
 */
export function correctDirection(gainDb: number, leaveBelowDb = 0): TDirection {
  if (Math.abs(gainDb) < leaveBelowDb || gainDb === 0) return "leave";
  return gainDb > 0 ? "lower" : "raise";
}

const DIRECTION_WORDS: Record<string, TDirection> = {
  raise: "raise", increase: "raise", up: "raise", boost: "raise", louder: "raise",
  lower: "lower", decrease: "lower", down: "lower", cut: "lower", reduce: "lower", quieter: "lower",
  leave: "leave", leave_as_is: "leave", keep: "leave", none: "leave", no_change: "leave",
};

/** An option value as a direction ("increase" and "raise" mean the same); null when it names none. */
export function directionOf(value: string): TDirection | null {
  return DIRECTION_WORDS[value.toLowerCase().replace(/[\s-]+/g, "_")] ?? null;
}

/**
 * The band index of |gainDb| for ascending bounds [a, b]: 0 when |g| < a (slight), 1 when a ≤ |g| ≤ b
 * (moderate), 2 when |g| > b (a lot). With more bounds, the same rule continues.
 */
export function magnitudeBand(gainDb: number, boundsDb: readonly number[]): number {
  const g = Math.abs(gainDb);
  if (g < boundsDb[0]) return 0;
  for (let i = 1; i < boundsDb.length; i++) if (g <= boundsDb[i]) return i;
  return g <= boundsDb[boundsDb.length - 1] ? boundsDb.length - 1 : boundsDb.length;
}

export interface TAccuracyCount {
  correct: number;
  n: number;
}

/** Whether a direction answer undoes the error; null when the answer names no direction (not counted). */
export function isDirectionCorrect(value: string, truth: TGainTruth, leaveBelowDb = 0): boolean | null {
  const d = directionOf(value);
  return d === null ? null : d === correctDirection(truth.gainDb, leaveBelowDb);
}

/**
 * Whether a magnitude answer (the index of the chosen option; options are the bands in order, smallest first)
 * matches the band of |error|; null when the error needs no change (nothing to size) or the index is unknown.
 */
export function isMagnitudeCorrect(optionIndex: number, truth: TGainTruth, boundsDb: readonly number[], leaveBelowDb = 0): boolean | null {
  if (optionIndex < 0 || correctDirection(truth.gainDb, leaveBelowDb) === "leave") return null;
  return optionIndex === magnitudeBand(truth.gainDb, boundsDb);
}
