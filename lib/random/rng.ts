// Seeded, replayable random numbers: every draw in a session derives from the participant's stored seed.
import { createHash, randomBytes } from "node:crypto";

export interface Rng {
  /** Uniform float in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, maxExclusive); maxExclusive must be a positive integer. */
  int(maxExclusive: number): number;
}

/** A fresh seed: 16 lowercase hex characters (64 bits) from the OS CSPRNG. */
export function newSeed(): string {
  return randomBytes(8).toString("hex");
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) over four uint32 state words;
 * returns a function yielding uint32 values. Exported so its known answers can be tested.
 */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/**
 * A generator determined by `seed` and `stream` alone: sha256(seed NUL stream) gives the four
 * sfc32 state words (big-endian). Separate streams ("items", "positions") keep one kind of draw
 * from shifting another when a study's design changes.
 */
export function createRng(seed: string, stream = ""): Rng {
  const h = createHash("sha256").update(`${seed}\u0000${stream}`).digest();
  const gen = sfc32(h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12));
  const next = () => gen() / 4294967296;
  return {
    next,
    int(maxExclusive) {
      if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > 4294967296) {
        throw new RangeError(`int() needs an integer in [1, 2^32], got ${maxExclusive}`);
      }
      return Math.floor(next() * maxExclusive);
    },
  };
}

/** Fisher–Yates shuffle; returns a new array and leaves `arr` untouched. */
export function shuffle<T>(rng: Rng, arr: readonly T[]): T[] {
  const out = arr.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
