// Renders one segment's mix with a gain error on one stem, peak-safe: the sum of the stem clips is the mix.

/** Linear factor of a gain in dB: 10^(dB/20). */
export const dbToGain = (db: number) => 10 ** (db / 20);

/** The loudest sample a rendered clip may have before it is scaled down (below 16-bit full scale). */
export const PEAK_LIMIT = 0.99;

export interface TRenderedSegment {
  mix: [Float32Array, Float32Array];
  /** Every stem as it sounds in the mix: the error applied to its track, the safety scale to all. */
  stems: { name: string; channels: [Float32Array, Float32Array] }[];
  /** The factor applied to the mix and every stem so the mix does not clip (1 when it did not need to). */
  scale: number;
  peak: number;
}

/**
 * stems: the segment's clean stems (equal lengths). Mix = Σ stems with `track` multiplied by 10^(gainDb/20).
 * If that mix's peak exceeds PEAK_LIMIT, the mix and all stems are multiplied by PEAK_LIMIT / peak, so the
 * balance (and so the error) is unchanged and the stems still sum to the mix.
 */
export function renderSegment(stems: readonly { name: string; channels: readonly [Float32Array, Float32Array] }[], track: string, gainDb: number): TRenderedSegment {
  if (!stems.some((s) => s.name === track)) throw new Error(`renderSegment: no stem named ${track}`);
  const frames = stems[0].channels[0].length;
  const g = dbToGain(gainDb);
  const mix: [Float32Array, Float32Array] = [new Float32Array(frames), new Float32Array(frames)];
  // Sum in double precision, then store.
  let peak = 0;
  const acc = [new Float64Array(frames), new Float64Array(frames)];
  for (const s of stems) {
    const k = s.name === track ? g : 1;
    for (let c = 0; c < 2; c++) {
      const src = s.channels[c];
      const dst = acc[c];
      for (let i = 0; i < frames; i++) dst[i] += k * src[i];
    }
  }
  for (let c = 0; c < 2; c++) for (let i = 0; i < frames; i++) peak = Math.max(peak, Math.abs(acc[c][i]));
  const scale = peak > PEAK_LIMIT ? PEAK_LIMIT / peak : 1;
  for (let c = 0; c < 2; c++) for (let i = 0; i < frames; i++) mix[c][i] = acc[c][i] * scale;
  const out = stems.map((s) => {
    const k = (s.name === track ? g : 1) * scale;
    return { name: s.name, channels: s.channels.map((ch) => (k === 1 ? ch.slice() : ch.map((x) => x * k))) as [Float32Array, Float32Array] };
  });
  return { mix, stems: out, scale, peak };
}
