// Audio facts: the measurements MixStudy computes once per stored clip and can hand to a chat
// model (or the built-in assistant) as grounding. Loudness and peaks come from ./loudness.ts
// (BS.1770 / R128, checked against ffmpeg's ebur128 filter); the rest is defined here.
import decode from "audio-decode";
import { amplitudeToDb, measureLoudnessSteps } from "./loudness";
import { runAsync, runSync, type TSteps } from "./steps";

export { BAND_EDGES_HZ, CLIP_LEVEL, ZAudioFacts, ZBandShares } from "./facts-schema";
export type { TAudioFacts, TBand, TBandShares } from "./facts-schema";
import { BAND_EDGES_HZ, BANDS, CLIP_LEVEL, type TAudioFacts, type TBandShares } from "./facts-schema";

/** In-place iterative radix-2 complex FFT on (re, im) of power-of-two length. */
function makeFft(n: number): (re: Float64Array, im: Float64Array) => void {
  const bits = Math.log2(n);
  const rev = new Uint32Array(n);
  for (let i = 0; i < n; i++) rev[i] = (rev[i >> 1] >> 1) | ((i & 1) << (bits - 1));
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  for (let i = 0; i < n / 2; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / n);
    sin[i] = -Math.sin((2 * Math.PI * i) / n);
  }
  return (re, im) => {
    for (let i = 0; i < n; i++) {
      const j = rev[i];
      if (j > i) {
        let t = re[i]; re[i] = re[j]; re[j] = t;
        t = im[i]; im[i] = im[j]; im[j] = t;
      }
    }
    for (let size = 2; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sin[k * step];
        for (let a = k; a < n; a += size) {
          const b = a + half;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr; im[b] = im[a] - ti;
          re[a] += tr; im[a] += ti;
        }
      }
    }
  };
}

/**
 * Energy share per band from Hann-windowed FFT frames (about 85 ms, 50% overlap; one zero-padded
 * frame for shorter clips). Two channels share one complex FFT (L + iR), and the power of both
 * at bin k is (|X_k|² + |X_{N−k}|²) / 2.
 */
export function bandShares(channels: Float32Array[], sampleRate: number): TBandShares | null {
  return runSync(bandSharesSteps(channels, sampleRate));
}

/** bandShares in steps: yields every 32 FFT frames. */
export function* bandSharesSteps(channels: Float32Array[], sampleRate: number): TSteps<TBandShares | null> {
  const frames = channels.length ? channels[0].length : 0;
  const n = 1 << Math.ceil(Math.log2(Math.max(64, sampleRate * 0.085)));
  const hop = n / 2;
  const fft = makeFft(n);
  const window = new Float64Array(n);
  for (let i = 0; i < n; i++) window[i] = 0.5 * (1 - Math.cos((2 * Math.PI * i) / n));
  const bandOfBin = new Uint8Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    const f = (k * sampleRate) / n;
    bandOfBin[k] = BANDS.findIndex((b) => f < BAND_EDGES_HZ[b][1]);
  }
  const energy = new Float64Array(BANDS.length);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const starts: number[] = [];
  for (let s = 0; s + n <= frames; s += hop) starts.push(s);
  if (!starts.length && frames > 0) starts.push(0);
  let done = 0;
  for (let c = 0; c < channels.length; c += 2) {
    const a = channels[c];
    const b = channels[c + 1];
    for (const s of starts) {
      const m = Math.min(n, frames - s);
      re.fill(0);
      im.fill(0);
      for (let i = 0; i < m; i++) re[i] = a[s + i] * window[i];
      if (b) for (let i = 0; i < m; i++) im[i] = b[s + i] * window[i];
      fft(re, im);
      // Bin 0 (DC) is skipped; bins k and n−k carry the same real-signal power.
      for (let k = 1; k <= n / 2; k++) {
        const m = n - k;
        const pk = re[k] * re[k] + im[k] * im[k];
        const pm = k === n / 2 ? pk : re[m] * re[m] + im[m] * im[m];
        energy[bandOfBin[k]] += k === n / 2 ? pk / 2 : pk + pm;
      }
      if ((++done & 31) === 0) yield;
    }
  }
  const total = energy.reduce((x, y) => x + y, 0);
  if (!(total > 0)) return null;
  const out = {} as TBandShares;
  BANDS.forEach((b, i) => (out[b] = energy[i] / total));
  return out;
}

/** Correlation and width of the first two channels (see ZAudioFacts for the definitions). */
export function stereoImage(channels: Float32Array[]): { correlation: number | null; width: number | null } {
  if (channels.length < 2) return { correlation: null, width: null };
  const [l, r] = channels;
  let ll = 0, rr = 0, lr = 0;
  for (let i = 0; i < l.length; i++) {
    ll += l[i] * l[i];
    rr += r[i] * r[i];
    lr += l[i] * r[i];
  }
  const correlation = ll > 0 && rr > 0 ? Math.max(-1, Math.min(1, lr / Math.sqrt(ll * rr))) : null;
  // Σ M² = (ll + 2lr + rr)/4 and Σ S² = (ll − 2lr + rr)/4, so S/(M+S) = (ll − 2lr + rr) / (2(ll + rr)).
  const width = ll + rr > 0 ? Math.max(0, Math.min(1, (ll - 2 * lr + rr) / (2 * (ll + rr)))) : null;
  return { correlation, width };
}

/** Computes every audio fact for decoded PCM (one Float32Array per channel, equal lengths). */
export function computeAudioFacts(pcm: { sampleRate: number; channels: Float32Array[] }): TAudioFacts {
  return runSync(computeAudioFactsSteps(pcm));
}

/**
 * computeAudioFacts in slices that let the event loop run between them (a 10-minute clip takes
 * seconds to measure): what servers call, so other participants' streams keep flowing.
 */
export function computeAudioFactsAsync(pcm: { sampleRate: number; channels: Float32Array[] }): Promise<TAudioFacts> {
  return runAsync(computeAudioFactsSteps(pcm));
}

/** computeAudioFacts in steps (see ./steps.ts). */
export function* computeAudioFactsSteps({ sampleRate, channels }: { sampleRate: number; channels: Float32Array[] }): TSteps<TAudioFacts> {
  if (!channels.length) throw new Error("computeAudioFacts: at least one channel is required");
  if (!(sampleRate > 0)) throw new Error(`computeAudioFacts: invalid sample rate ${sampleRate}`);
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new Error("computeAudioFacts: channels differ in length");

  const loud = yield* measureLoudnessSteps({ sampleRate, channels });
  let sumSquares = 0;
  let peak = 0;
  let clippedSamples = 0;
  for (const x of channels) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const a = Math.abs(v);
      sumSquares += v * v;
      if (a > peak) peak = a;
      if (a >= CLIP_LEVEL) clippedSamples++;
    }
  }
  yield;
  const rms = frames ? Math.sqrt(sumSquares / (frames * channels.length)) : 0;
  const peakDb = amplitudeToDb(peak);
  const rmsDb = amplitudeToDb(rms);
  const { correlation, width } = stereoImage(channels);
  return {
    integratedLufs: loud.integratedLufs,
    loudnessRangeLu: loud.loudnessRangeLu,
    samplePeakDbfs: loud.samplePeakDbfs,
    truePeakDbtp: loud.truePeakDbtp,
    crestFactorDb: peakDb !== null && rmsDb !== null ? peakDb - rmsDb : null,
    bandShares: yield* bandSharesSteps(channels, sampleRate),
    stereoCorrelation: correlation,
    stereoWidth: width,
    clippedSamples,
    durationS: frames / sampleRate,
    sampleRate,
    channels: channels.length,
  };
}

/** Decodes a WAV, FLAC, MP3 or OGG file with audio-decode and computes its facts. */
export async function factsFromFile(buf: Uint8Array): Promise<TAudioFacts> {
  // A plain Uint8Array view: audio-decode's format sniffing does not accept every Buffer pool slice.
  const decoded = await decode(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  const { channelData, sampleRate } = decoded;
  if (!channelData.length || !(sampleRate > 0) || !channelData[0].length) {
    throw new Error("factsFromFile: no audio samples found (corrupt or truncated file?)");
  }
  return computeAudioFactsAsync({ sampleRate, channels: channelData });
}
