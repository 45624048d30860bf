// The shape of a clip's audio facts, kept apart from the measuring code so a browser bundle can
// import the schema and types without pulling in the decoder.
import { z } from "zod";

/** Band edges in Hz: sub < 60 ≤ bass < 250 ≤ lowMid < 500 ≤ mid < 2000 ≤ highMid < 6000 ≤ air. */
export const BAND_EDGES_HZ = { sub: [0, 60], bass: [60, 250], lowMid: [250, 500], mid: [500, 2000], highMid: [2000, 6000], air: [6000, Infinity] } as const;
export type TBand = keyof typeof BAND_EDGES_HZ;
export const BANDS = Object.keys(BAND_EDGES_HZ) as TBand[];

/** A sample counts as clipped when |x| ≥ this (−0.0087 dBFS; 16-bit full scale decodes to 0.99997). */
export const CLIP_LEVEL = 0.999;

const num = z.number().finite();
export const ZBandShares = z.object({ sub: num, bass: num, lowMid: num, mid: num, highMid: num, air: num });
export const ZAudioFacts = z.object({
  /** Gated integrated loudness, LUFS (BS.1770-4); null for silence. */
  integratedLufs: num.nullable(),
  /** Loudness range, LU (EBU Tech 3342); null when no 3 s short-term block passes the gates (silence, < 3 s). */
  loudnessRangeLu: num.nullable(),
  /** Largest |sample|, dBFS; null for digital silence. */
  samplePeakDbfs: num.nullable(),
  /** True peak after 4x oversampling, dBTP; null for digital silence. */
  truePeakDbtp: num.nullable(),
  /** Sample peak over RMS (all channels pooled), dB; a full-scale sine gives 3.01; null for silence. */
  crestFactorDb: num.nullable(),
  /** Share of spectral energy per band, fractions summing to 1 (all channels pooled, DC excluded); null for silence. */
  bandShares: ZBandShares.nullable(),
  /** Zero-lag correlation Σ L·R / √(Σ L² · Σ R²) of the first two channels, −1..1; null for mono or a silent channel. */
  stereoCorrelation: num.nullable(),
  /**
   * Side energy over total mid + side energy, S = (L−R)/2, M = (L+R)/2: 0 = mono, 0.5 = two
   * unrelated channels, 1 = one channel the inverse of the other; null for mono or silence.
   */
  stereoWidth: num.nullable(),
  /** Plain count of samples (over all channels) with |x| ≥ CLIP_LEVEL. */
  clippedSamples: z.number().int().nonnegative(),
  durationS: num,
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
});
export type TAudioFacts = z.infer<typeof ZAudioFacts>;
export type TBandShares = z.infer<typeof ZBandShares>;
