import { describe, expect, it } from "vitest";
import { kWeightingCoefficients, measureLoudness, samplePeak, truePeak } from "./loudness";

const db = (x: number) => 20 * Math.log10(x);

function sine(sampleRate: number, freq: number, dbfs: number, seconds: number, phase = 0): Float32Array {
  const amp = Math.pow(10, dbfs / 20);
  const x = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / sampleRate + phase);
  return x;
}

describe("K-weighting", () => {
  it("reproduces the BS.1770 48 kHz coefficient table from the analog prototype", () => {
    const { pre, rlb } = kWeightingCoefficients(48000);
    expect(pre.b0).toBeCloseTo(1.53512485958697, 10);
    expect(pre.b1).toBeCloseTo(-2.69169618940638, 10);
    expect(pre.b2).toBeCloseTo(1.19839281085285, 10);
    expect(pre.a1).toBeCloseTo(-1.69065929318241, 10);
    expect(pre.a2).toBeCloseTo(0.73248077421585, 10);
    expect(rlb.a1).toBeCloseTo(-1.99004745483398, 10);
    expect(rlb.a2).toBeCloseTo(0.99007225036621, 10);
  });
});

describe("integrated loudness (EBU Tech 3341 style)", () => {
  for (const sr of [48000, 44100]) {
    it(`a stereo 1 kHz sine at -23 dBFS per channel reads -23.0 LUFS at ${sr} Hz`, () => {
      const l = measureLoudness({ sampleRate: sr, channels: [sine(sr, 1000, -23, 20), sine(sr, 1000, -23, 20)] });
      expect(Math.abs(l.integratedLufs! + 23)).toBeLessThanOrEqual(0.1);
    });
  }

  it("a stereo 1 kHz sine at -20 dBFS reads -20.0 LUFS", () => {
    const l = measureLoudness({ sampleRate: 48000, channels: [sine(48000, 1000, -20, 10), sine(48000, 1000, -20, 10)] });
    expect(Math.abs(l.integratedLufs! + 20)).toBeLessThanOrEqual(0.1);
  });

  it("gates silence out: tone plus as much digital silence reads the same as the tone", () => {
    const sr = 48000;
    const tone = sine(sr, 1000, -23, 10);
    const withSilence = new Float32Array(tone.length * 2);
    withSilence.set(tone, 0);
    const a = measureLoudness({ sampleRate: sr, channels: [tone, tone] });
    const b = measureLoudness({ sampleRate: sr, channels: [withSilence, withSilence] });
    // Only the three 400 ms blocks straddling the cut (part tone, part silence) differ: ~0.07 LU.
    expect(Math.abs(b.integratedLufs! - a.integratedLufs!)).toBeLessThanOrEqual(0.1);
  });

  it("relative gate: a tone 20 dB quieter than the rest does not pull the level down", () => {
    const sr = 48000;
    const loud = sine(sr, 1000, -20, 10);
    const quiet = sine(sr, 1000, -40, 10);
    const both = new Float32Array(loud.length * 2);
    both.set(loud, 0);
    both.set(quiet, loud.length);
    const l = measureLoudness({ sampleRate: sr, channels: [both, both] });
    expect(Math.abs(l.integratedLufs! + 20)).toBeLessThan(0.1);
  });

  it("reports null, not -Infinity, for silence and for a clip shorter than one block", () => {
    const silent = measureLoudness({ sampleRate: 48000, channels: [new Float32Array(48000 * 5)] });
    expect(silent).toEqual({ integratedLufs: null, loudnessRangeLu: null, samplePeakDbfs: null, truePeakDbtp: null });
    const short = measureLoudness({ sampleRate: 48000, channels: [sine(48000, 1000, -20, 0.3)] });
    expect(short.integratedLufs).toBeNull();
    expect(short.samplePeakDbfs).not.toBeNull();
  });
});

describe("loudness range (EBU Tech 3342 style)", () => {
  it("reads 10 LU for 20 s at -20 dBFS followed by 20 s at -30 dBFS (Tech 3342 case 1)", () => {
    const sr = 48000;
    const a = sine(sr, 1000, -20, 20);
    const b = sine(sr, 1000, -30, 20);
    const x = new Float32Array(a.length + b.length);
    x.set(a, 0);
    x.set(b, a.length);
    const l = measureLoudness({ sampleRate: sr, channels: [x, x] });
    expect(Math.abs(l.loudnessRangeLu! - 10)).toBeLessThanOrEqual(0.1);
  });

  it("reads 0 LU for a steady tone", () => {
    const l = measureLoudness({ sampleRate: 48000, channels: [sine(48000, 1000, -20, 10)] });
    expect(l.loudnessRangeLu!).toBeLessThan(0.01);
  });
});

describe("peaks", () => {
  it("sample peak of a 0.5-amplitude sine is -6.02 dBFS", () => {
    const x = sine(48000, 997, db(0.5), 1, 0.3);
    expect(db(samplePeak([x]))).toBeCloseTo(-6.02, 2);
    expect(measureLoudness({ sampleRate: 48000, channels: [x] }).samplePeakDbfs!).toBeCloseTo(-6.02, 2);
  });

  it("true peak of an fs/4 sine sampled 45° off its crest is ~3 dB above its sample peak", () => {
    // Samples fall at ±0.707 of the amplitude; the waveform between them reaches the full 0.5.
    const x = sine(48000, 12000, db(0.5), 2, Math.PI / 4);
    const sp = db(samplePeak([x]));
    const tp = db(truePeak([x], 48000));
    expect(sp).toBeCloseTo(-9.03, 1);
    expect(tp).toBeGreaterThan(sp + 2.5);
    expect(Math.abs(tp - -6.02)).toBeLessThan(0.15);
  });

  it("true peak of a low-frequency sine equals its sample peak", () => {
    const x = sine(44100, 100, -3, 1);
    expect(Math.abs(db(truePeak([x], 44100)) - db(samplePeak([x])))).toBeLessThan(0.01);
  });
});
