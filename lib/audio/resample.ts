// Band-limited sample-rate conversion: a Kaiser-windowed sinc interpolator (the method behind
// libsamplerate's and sox's resamplers), with the kernel tabulated finely and read with linear
// interpolation, so any ratio (48 k → 16 k, 44.1 k → 16 k) costs a fixed number of taps per output sample.

import { runSync, type TSteps } from "./steps";

/** Zero crossings of the sinc on each side of the centre, at the lower of the two rates. */
const ZERO_CROSSINGS = 24;
/** Kaiser β: about 80 dB stop-band attenuation. */
const KAISER_BETA = 8;
/** Table points per zero crossing. */
const OVERSAMPLE = 512;
/** Pass band as a fraction of the lower Nyquist: the transition band sits just below it, so nothing aliases. */
const ROLLOFF = 0.92;

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 60; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

let kernelTable: Float64Array | null = null;

/** h(x) = sinc(x) · kaiser(x / ZERO_CROSSINGS) for x ≥ 0, sampled at 1 / OVERSAMPLE (one extra point for interpolation). */
function kernel(): Float64Array {
  if (kernelTable) return kernelTable;
  const n = ZERO_CROSSINGS * OVERSAMPLE;
  const t = new Float64Array(n + 2);
  const i0b = besselI0(KAISER_BETA);
  for (let i = 0; i <= n; i++) {
    const x = i / OVERSAMPLE;
    const r = x / ZERO_CROSSINGS;
    const sinc = i === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    t[i] = sinc * (besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0b);
  }
  kernelTable = t;
  return t;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Kaiser-windowed sinc at x input samples from the centre, for a kernel scaled by `scale` (exact, for precomputed phases). */
function kernelAt(x: number, scale: number, i0b: number): number {
  const u = Math.abs(x) * scale; // in zero crossings of the scaled sinc
  if (u >= ZERO_CROSSINGS) return 0;
  const r = u / ZERO_CROSSINGS;
  const sinc = u === 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
  return scale * sinc * (besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0b);
}

/** Most distinct phases precomputed for the polyphase path (44.1 k → 16 k needs 160). */
const MAX_PHASES = 4096;

/**
 * Resamples one channel from `fromRate` to `toRate`. Downsampling low-passes at ROLLOFF × the new
 * Nyquist first (inside the same kernel), so content above it is removed rather than folded back.
 * Samples beyond the ends count as zero. Output length is round(length · toRate / fromRate).
 * Integer rates with a small ratio (every common audio rate) use precomputed polyphase
 * coefficients; others read the tabulated kernel with linear interpolation.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  return runSync(resampleSteps(input, fromRate, toRate));
}

/** resample in steps (see ./steps.ts): yields every 8192 output samples. */
export function* resampleSteps(input: Float32Array, fromRate: number, toRate: number): TSteps<Float32Array> {
  if (!(fromRate > 0) || !(toRate > 0)) throw new Error(`resample: invalid rates ${fromRate} → ${toRate}`);
  const outLen = Math.round((input.length * toRate) / fromRate);
  const out = new Float32Array(outLen);
  if (fromRate === toRate) {
    out.set(input.subarray(0, outLen));
    return out;
  }
  // Kernel scale: below 1 when downsampling, so the sinc's first zero lands on the new, lower Nyquist.
  const scale = Math.min(1, toRate / fromRate) * ROLLOFF;
  const halfWidth = ZERO_CROSSINGS / scale; // in input samples
  if (Number.isInteger(fromRate) && Number.isInteger(toRate)) {
    const g = gcd(fromRate, toRate);
    const L = toRate / g; // output n sits at input position n·M/L
    const M = fromRate / g;
    if (L <= MAX_PHASES) return yield* polyphase(input, out, L, M, scale, halfWidth);
  }
  return yield* interpolated(input, out, fromRate / toRate, scale, halfWidth);
}

/** Output n at input position t = n·M/L = base + p/L: phase p's coefficients are computed once. */
function* polyphase(input: Float32Array, out: Float32Array, L: number, M: number, scale: number, halfWidth: number): TSteps<Float32Array> {
  const H = Math.ceil(halfWidth);
  const taps = 2 * H;
  const i0b = besselI0(KAISER_BETA);
  const coeffs = new Float64Array(L * taps);
  for (let p = 0; p < L; p++) {
    const frac = p / L;
    // Tap j multiplies input[base − H + 1 + j], at distance frac + H − 1 − j from t.
    for (let j = 0; j < taps; j++) coeffs[p * taps + j] = kernelAt(frac + H - 1 - j, scale, i0b);
  }
  const n = input.length;
  for (let o = 0; o < out.length; o++) {
    const pos = o * M;
    const base = Math.floor(pos / L);
    const p = pos - base * L;
    const first = base - H + 1;
    const c0 = p * taps;
    let acc = 0;
    if (first >= 0 && first + taps <= n) {
      for (let j = 0; j < taps; j++) acc += input[first + j] * coeffs[c0 + j];
    } else {
      for (let j = 0; j < taps; j++) {
        const k = first + j;
        if (k >= 0 && k < n) acc += input[k] * coeffs[c0 + j];
      }
    }
    out[o] = acc;
    if ((o & 8191) === 8191) yield;
  }
  return out;
}

function* interpolated(input: Float32Array, out: Float32Array, step: number, scale: number, halfWidth: number): TSteps<Float32Array> {
  const table = kernel();
  const tableStep = scale * OVERSAMPLE;
  const tableMax = ZERO_CROSSINGS * OVERSAMPLE;
  for (let n = 0; n < out.length; n++) {
    const t = n * step;
    const lo = Math.max(0, Math.ceil(t - halfWidth));
    const hi = Math.min(input.length - 1, Math.floor(t + halfWidth));
    let acc = 0;
    for (let k = lo; k <= hi; k++) {
      const pos = Math.abs(t - k) * tableStep;
      if (pos >= tableMax) continue;
      const i = pos | 0;
      const frac = pos - i;
      acc += input[k] * (table[i] + frac * (table[i + 1] - table[i]));
    }
    out[n] = acc * scale;
    if ((n & 8191) === 8191) yield;
  }
  return out;
}
