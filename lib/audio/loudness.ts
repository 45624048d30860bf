// Loudness and peak metering per ITU-R BS.1770-4 / EBU R128 (Tech 3341, Tech 3342).
//
// Input shape everywhere: `channels` is one Float32Array per channel, all the same length, samples
// in [-1, 1] (full scale = 1.0). Results are plain numbers; a value that does not exist (silence,
// a clip too short for one block) is `null`, never -Infinity or NaN.
//
// The block timing follows libebur128 and ffmpeg's `ebur128` filter, which the tests compare
// against: the signal is cut into 100 ms hops (round(fs/10) samples) from the first sample; a
// momentary block is the last 4 hops (400 ms, 75% overlap), a short-term block the last 30 hops
// (3 s, updated every 100 ms, i.e. 10 Hz). A trailing partial hop is not measured.

import { runSync, type TSteps } from "./steps";

export type TBiquad = { b0: number; b1: number; b2: number; a1: number; a2: number };

export type TLoudness = {
  /** Gated integrated loudness (BS.1770-4: absolute gate -70 LUFS, relative gate -10 LU), LUFS. */
  integratedLufs: number | null;
  /** Loudness range (EBU Tech 3342: short-term 3 s, gates -70 LUFS / -20 LU, 95th - 10th percentile), LU. */
  loudnessRangeLu: number | null;
  /** Largest |sample| over all channels, dBFS. */
  samplePeakDbfs: number | null;
  /** Largest |x| after oversampling (4x below 96 kHz, 2x below 192 kHz), dBTP; never below the sample peak. */
  truePeakDbtp: number | null;
};

const ABS_GATE_LUFS = -70;
const INTEGRATED_REL_GATE_LU = -10;
const LRA_REL_GATE_LU = -20;

/** Converts a linear amplitude to decibels; zero (or non-finite) gives null. */
export function amplitudeToDb(x: number): number | null {
  return x > 0 && Number.isFinite(x) ? 20 * Math.log10(x) : null;
}

const powerToLufs = (p: number) => -0.691 + 10 * Math.log10(p);

/**
 * The two K-weighting biquads for any sample rate, derived from the analog prototypes the way
 * libebur128 does it (bilinear transform with pre-warping): a high-shelf "pre-filter" modelling
 * the head (+4 dB above ~1.7 kHz) and the RLB high-pass (~38 Hz). At 48 kHz these reproduce the
 * coefficient table printed in BS.1770.
 */
export function kWeightingCoefficients(sampleRate: number): { pre: TBiquad; rlb: TBiquad } {
  let f0 = 1681.974450955533;
  const G = 3.999843853973347;
  let Q = 0.7071752369554196;
  let K = Math.tan((Math.PI * f0) / sampleRate);
  const Vh = Math.pow(10, G / 20);
  const Vb = Math.pow(Vh, 0.4996667741545416);
  let a0 = 1 + K / Q + K * K;
  const pre: TBiquad = {
    b0: (Vh + (Vb * K) / Q + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / Q + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q + K * K) / a0,
  };
  f0 = 38.13547087602444;
  Q = 0.5003270373238773;
  K = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + K / Q + K * K;
  const rlb: TBiquad = { b0: 1, b1: -2, b2: 1, a1: (2 * (K * K - 1)) / a0, a2: (1 - K / Q + K * K) / a0 };
  return { pre, rlb };
}

/**
 * BS.1770 channel weights by position: 1.0 for front channels, 1.41 for surrounds, 0 for LFE.
 * Only the 5.1 WAV order (L R C LFE Ls Rs) is recognised; any other count weighs every channel 1.
 */
function channelWeights(count: number): number[] {
  if (count === 6) return [1, 1, 1, 0, 1.41, 1.41];
  return Array.from({ length: count }, () => 1);
}

/**
 * Energy of the K-weighted signal per 100 ms hop, summed over channels with their weights:
 * `hopEnergy[j]` = Σ_ch w_ch Σ_{i in hop j} z_ch[i]². Returns the hop length in samples too.
 */
export function kWeightedHopEnergies(channels: Float32Array[], sampleRate: number): { hop: number; hopEnergy: Float64Array } {
  return runSync(kWeightedHopEnergiesSteps(channels, sampleRate));
}

/** kWeightedHopEnergies in steps: yields every 64 hops (6.4 s of audio) of each channel. */
export function* kWeightedHopEnergiesSteps(channels: Float32Array[], sampleRate: number): TSteps<{ hop: number; hopEnergy: Float64Array }> {
  const hop = Math.max(1, Math.round(sampleRate / 10));
  const frames = channels.length ? channels[0].length : 0;
  const hops = Math.floor(frames / hop);
  const hopEnergy = new Float64Array(hops);
  const { pre, rlb } = kWeightingCoefficients(sampleRate);
  const weights = channelWeights(channels.length);
  for (let ch = 0; ch < channels.length; ch++) {
    const x = channels[ch];
    const w = weights[ch];
    if (!w) continue;
    // Direct form I, both stages inline; state kept in locals for speed.
    let x1 = 0, x2 = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0;
    for (let j = 0, i = 0; j < hops; j++) {
      let sum = 0;
      for (const end = i + hop; i < end; i++) {
        const x0 = x[i];
        const y0 = pre.b0 * x0 + pre.b1 * x1 + pre.b2 * x2 - pre.a1 * y1 - pre.a2 * y2;
        x2 = x1; x1 = x0;
        const z0 = y0 - 2 * y1 + y2 - rlb.a1 * z1 - rlb.a2 * z2; // RLB: b = [1, -2, 1]
        y2 = y1; y1 = y0;
        z2 = z1; z1 = z0;
        sum += z0 * z0;
      }
      hopEnergy[j] += w * sum;
      if ((j & 63) === 63) yield;
    }
  }
  return { hop, hopEnergy };
}

/** Mean-square powers of every complete block of `hopsPerBlock` hops, one per hop (sliding). */
function blockPowers(hopEnergy: Float64Array, hop: number, hopsPerBlock: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let j = 0; j < hopEnergy.length; j++) {
    sum += hopEnergy[j];
    if (j >= hopsPerBlock) sum -= hopEnergy[j - hopsPerBlock];
    if (j >= hopsPerBlock - 1) out.push(Math.max(0, sum) / (hop * hopsPerBlock));
  }
  return out;
}

/** Integrated loudness from 400 ms block powers (absolute then relative gating), or null. */
export function gatedIntegrated(powers: number[]): number | null {
  const absKept = powers.filter((p) => p > 0 && powerToLufs(p) >= ABS_GATE_LUFS);
  if (!absKept.length) return null;
  const mean = absKept.reduce((a, b) => a + b, 0) / absKept.length;
  const relGate = powerToLufs(mean) + INTEGRATED_REL_GATE_LU;
  const kept = absKept.filter((p) => powerToLufs(p) >= relGate);
  return powerToLufs(kept.reduce((a, b) => a + b, 0) / kept.length);
}

/**
 * Loudness range from 3 s short-term block powers (EBU Tech 3342), or null when no block passes
 * the gates. Percentiles use the nearest-rank rule ffmpeg uses: the k-th smallest value with
 * k = round(p · n), at least 1.
 */
export function loudnessRangeFromShortTerm(powers: number[]): number | null {
  const absKept = powers.filter((p) => p > 0 && powerToLufs(p) >= ABS_GATE_LUFS);
  if (!absKept.length) return null;
  const mean = absKept.reduce((a, b) => a + b, 0) / absKept.length;
  const relGate = powerToLufs(mean) + LRA_REL_GATE_LU;
  const kept = absKept.map(powerToLufs).filter((l) => l >= relGate).sort((a, b) => a - b);
  const n = kept.length;
  const rank = (p: number) => kept[Math.min(n, Math.max(1, Math.floor(p * n + 0.5))) - 1];
  return rank(0.95) - rank(0.1);
}

/** Largest |sample| over all channels (linear). */
export function samplePeak(channels: Float32Array[]): number {
  let peak = 0;
  for (const x of channels) for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > peak) peak = a;
  }
  return peak;
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for x < 30). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

// Interpolation kernel shape, chosen to match the oversampler ffmpeg's ebur128 filter uses
// (libswresample defaults when upsampling: 32-tap Kaiser-windowed sinc, beta 9, cutoff at the
// input Nyquist). BS.1770-4's own example is a shorter 48-tap (12 per phase) filter; on
// hard-clipped material, where true peak depends most on the filter, that read about 1 dB lower
// than ffmpeg, so we follow ffmpeg.
const TP_CUTOFF = 1;
const TP_TAPS = 32;
const TP_KAISER_BETA = 9;
const TP_BLOCK = 64;

/**
 * Polyphase interpolation filters for true-peak metering: `phases[p - 1][i]` weights x[n + i] to
 * give the signal at fractional position n + center + p/factor (p = 1 … factor−1). Each phase is
 * normalised to unit DC gain.
 */
function interpolatorPhases(factor: number): { center: number; phases: Float64Array[] } {
  const center = Math.floor((TP_TAPS - 1) / 2);
  const phases: Float64Array[] = [];
  for (let p = 1; p < factor; p++) {
    const h = new Float64Array(TP_TAPS);
    let norm = 0;
    for (let i = 0; i < TP_TAPS; i++) {
      const t = i - center - p / factor;
      const x = Math.PI * t * TP_CUTOFF;
      const w = (2 * t) / TP_TAPS;
      h[i] = (x === 0 ? 1 : Math.sin(x) / x) * besselI0(TP_KAISER_BETA * Math.sqrt(Math.max(1 - w * w, 0)));
      norm += h[i];
    }
    for (let i = 0; i < TP_TAPS; i++) h[i] /= norm;
    phases.push(h);
  }
  return { center, phases };
}

/**
 * True peak (linear) per BS.1770-4 Annex 2: oversample 4x (below 96 kHz; 2x below 192 kHz; none
 * above) and take the largest |value|. The input samples themselves count too, so the true peak
 * is never below the sample peak.
 */
export function truePeak(channels: Float32Array[], sampleRate: number): number {
  return runSync(truePeakSteps(channels, sampleRate));
}

/** truePeak in steps: yields every 256 blocks scanned or filtered. */
export function* truePeakSteps(channels: Float32Array[], sampleRate: number): TSteps<number> {
  const factor = sampleRate < 96000 ? 4 : sampleRate < 192000 ? 2 : 1;
  let peak = samplePeak(channels);
  if (factor === 1) return peak;
  const { center, phases } = interpolatorPhases(factor);
  const gain = Math.max(...phases.map((h) => h.reduce((sum, c) => sum + Math.abs(c), 0)));
  for (const x of channels) {
    const n = x.length;
    // Zeros before and after, so the filter also runs over the edges.
    const padded = new Float64Array(n + 2 * TP_TAPS);
    for (let i = 0; i < n; i++) padded[i + TP_TAPS] = x[i];
    const first = TP_TAPS - center - 1;
    const last = n + TP_TAPS - center;
    // Exact pruning: an output is at most gain · max|x| over its window. Blocks of outputs are
    // visited loudest window first, so the running peak rises quickly and the rest (most of a
    // mix sits well below its peak) are skipped without filtering.
    const blocks: { k0: number; max: number }[] = [];
    for (let k0 = first; k0 < last; k0 += TP_BLOCK) {
      const end = Math.min(last, k0 + TP_BLOCK) + TP_TAPS - 1;
      let max = 0;
      for (let j = k0; j < end; j++) {
        const a = padded[j] < 0 ? -padded[j] : padded[j];
        if (a > max) max = a;
      }
      blocks.push({ k0, max });
      if ((blocks.length & 255) === 0) yield;
    }
    blocks.sort((a, b) => b.max - a.max);
    let filtered = 0;
    for (const { k0, max } of blocks) {
      if (max * gain <= peak) break;
      if ((++filtered & 255) === 0) yield;
      const k1 = Math.min(last, k0 + TP_BLOCK);
      for (const h of phases) {
        for (let k = k0; k < k1; k++) {
          let acc = 0;
          for (let i = 0; i < TP_TAPS; i++) acc += h[i] * padded[k + i];
          const a = acc < 0 ? -acc : acc;
          if (a > peak) peak = a;
        }
      }
    }
  }
  return peak;
}

/** Everything BS.1770 / R128 defines for a clip: integrated loudness, LRA, sample and true peak. */
export function measureLoudness(pcm: { sampleRate: number; channels: Float32Array[] }): TLoudness {
  return runSync(measureLoudnessSteps(pcm));
}

/** measureLoudness in steps (see ./steps.ts). */
export function* measureLoudnessSteps({ sampleRate, channels }: { sampleRate: number; channels: Float32Array[] }): TSteps<TLoudness> {
  const { hop, hopEnergy } = yield* kWeightedHopEnergiesSteps(channels, sampleRate);
  const integratedLufs = gatedIntegrated(blockPowers(hopEnergy, hop, 4));
  const loudnessRangeLu = loudnessRangeFromShortTerm(blockPowers(hopEnergy, hop, 30));
  return {
    integratedLufs,
    loudnessRangeLu,
    samplePeakDbfs: amplitudeToDb(samplePeak(channels)),
    truePeakDbtp: amplitudeToDb(yield* truePeakSteps(channels, sampleRate)),
  };
}
