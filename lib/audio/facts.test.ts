import { describe, expect, it } from "vitest";
import { CLIP_LEVEL, ZAudioFacts, computeAudioFacts, computeAudioFactsAsync, factsFromFile } from "./facts";
import { synthClip } from "./synth";
import { encodeWav } from "./wav";

function sine(sampleRate: number, freq: number, amp: number, seconds: number): Float32Array {
  const x = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  return x;
}

describe("band shares", () => {
  const cases: [number, "bass" | "mid" | "air" | "sub" | "lowMid" | "highMid"][] = [
    [40, "sub"], [100, "bass"], [350, "lowMid"], [1000, "mid"], [4000, "highMid"], [10000, "air"],
  ];
  for (const [freq, band] of cases) {
    it(`a ${freq} Hz tone puts more than 90% of its energy in ${band}`, () => {
      const f = computeAudioFacts({ sampleRate: 48000, channels: [sine(48000, freq, 0.5, 2), sine(48000, freq, 0.5, 2)] });
      expect(f.bandShares![band]).toBeGreaterThan(0.9);
      const total = Object.values(f.bandShares!).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 10);
    });
  }

  it("a tone well inside a band puts at least 95% of its energy there; two equal tones split it 50/50", () => {
    for (const [freq, band] of [[30, "sub"], [100, "bass"], [350, "lowMid"], [1000, "mid"], [3500, "highMid"], [12000, "air"]] as const) {
      const f = computeAudioFacts({ sampleRate: 48000, channels: [sine(48000, freq, 0.5, 3)] });
      expect(f.bandShares![band], `${freq} Hz`).toBeGreaterThanOrEqual(0.95);
    }
    // Equal amplitudes carry equal power, so each band holds half (the Hann window's leakage is far below 1%).
    const a = sine(48000, 100, 0.3, 3);
    const b = sine(48000, 1000, 0.3, 3);
    const f = computeAudioFacts({ sampleRate: 48000, channels: [a.map((v, i) => v + b[i])] });
    expect(f.bandShares!.bass).toBeCloseTo(0.5, 2);
    expect(f.bandShares!.mid).toBeCloseTo(0.5, 2);
  });

  it("works on a clip shorter than one FFT frame and on mono", () => {
    const f = computeAudioFacts({ sampleRate: 44100, channels: [sine(44100, 1000, 0.5, 0.05)] });
    expect(f.bandShares!.mid).toBeGreaterThan(0.9);
  });
});

describe("stereo image", () => {
  const x = sine(48000, 440, 0.5, 1);
  it("identical channels: correlation 1, width 0", () => {
    const f = computeAudioFacts({ sampleRate: 48000, channels: [x, x.slice()] });
    expect(f.stereoCorrelation).toBeCloseTo(1, 6);
    expect(f.stereoWidth).toBeCloseTo(0, 6);
  });
  it("inverted channels: correlation -1, width 1", () => {
    const f = computeAudioFacts({ sampleRate: 48000, channels: [x, x.map((v) => -v)] });
    expect(f.stereoCorrelation).toBeCloseTo(-1, 6);
    expect(f.stereoWidth).toBeCloseTo(1, 6);
  });
  it("mono file: correlation and width are null", () => {
    const f = computeAudioFacts({ sampleRate: 48000, channels: [x] });
    expect(f.stereoCorrelation).toBeNull();
    expect(f.stereoWidth).toBeNull();
  });
});

describe("clipping, crest factor and the rest", () => {
  it("counts 37 clipped samples", () => {
    const l = sine(48000, 100, 0.5, 1);
    const r = sine(48000, 100, 0.5, 1);
    for (let i = 0; i < 20; i++) l[1000 + i] = 1;
    for (let i = 0; i < 17; i++) r[5000 + 3 * i] = -CLIP_LEVEL;
    expect(computeAudioFacts({ sampleRate: 48000, channels: [l, r] }).clippedSamples).toBe(37);
  });

  it("crest factor of a sine is 3.01 dB", () => {
    const f = computeAudioFacts({ sampleRate: 48000, channels: [sine(48000, 1000, 0.5, 2)] });
    expect(f.crestFactorDb!).toBeCloseTo(3.01, 2);
  });

  it("silence gives nulls, never non-finite numbers, and still validates", () => {
    const f = computeAudioFacts({ sampleRate: 44100, channels: [new Float32Array(44100), new Float32Array(44100)] });
    expect(f).toMatchObject({ integratedLufs: null, samplePeakDbfs: null, truePeakDbtp: null, crestFactorDb: null, bandShares: null, stereoCorrelation: null, stereoWidth: null, clippedSamples: 0, durationS: 1, channels: 2 });
    expect(ZAudioFacts.parse(f)).toEqual(f);
  });

  it("factsFromFile decodes a WAV and measures it", async () => {
    const wav = encodeWav({ sampleRate: 44100, channels: [sine(44100, 1000, 0.5, 3), sine(44100, 1000, 0.5, 3)] });
    const f = await factsFromFile(wav);
    expect(f.sampleRate).toBe(44100);
    expect(f.channels).toBe(2);
    expect(f.durationS).toBeCloseTo(3, 6);
    expect(f.samplePeakDbfs!).toBeCloseTo(-6.02, 1);
    expect(ZAudioFacts.parse(f)).toEqual(f);
  });
});

describe("computeAudioFactsAsync", () => {
  it("gives exactly the synchronous result while letting the event loop run between slices", async () => {
    const pcm = synthClip({ seconds: 30, sampleRate: 48000, seed: 6 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const sync = computeAudioFacts(pcm);
    const ticksDuringSync = ticks; // a synchronous run cannot let the timer fire
    const facts = await computeAudioFactsAsync(pcm);
    clearInterval(timer);
    expect(facts).toEqual(sync);
    expect(ticksDuringSync).toBe(0);
    expect(ticks).toBeGreaterThan(0);
  });
});
