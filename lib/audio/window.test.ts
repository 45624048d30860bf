import { describe, expect, it } from "vitest";
import decode from "audio-decode";
import { resample } from "./resample";
import { clampWindow, MODEL_SAMPLE_RATE, modelWindowWav, modelWindowWavFromPcm } from "./window";
import { encodeWav } from "./wav";

function tone(sampleRate: number, freq: number, seconds: number, amp = 0.5): Float32Array {
  const x = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  return x;
}

/** RMS over the middle of a signal (edges hold the filter's start-up). */
function midRms(x: Float32Array): number {
  const a = Math.floor(x.length * 0.1);
  const b = Math.floor(x.length * 0.9);
  let s = 0;
  for (let i = a; i < b; i++) s += x[i] * x[i];
  return Math.sqrt(s / (b - a));
}

/** Amplitude of one frequency in a signal (single-bin DFT, Goertzel style), normalised so a sine of amplitude A reads ≈ A. */
function amplitudeAt(x: Float32Array, sampleRate: number, freq: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    const w = (2 * Math.PI * freq * i) / sampleRate;
    re += x[i] * Math.cos(w);
    im -= x[i] * Math.sin(w);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

const db = (x: number) => 20 * Math.log10(x);

describe("resample (windowed sinc)", () => {
  it("keeps a 1 kHz tone's level through 48 k → 16 k and 44.1 k → 16 k", () => {
    for (const sr of [48000, 44100]) {
      const out = resample(tone(sr, 1000, 1), sr, 16000);
      expect(out.length).toBe(16000);
      // A sine of amplitude 0.5 has RMS 0.5/√2 = 0.3536; a flat pass band keeps it within 0.1 dB.
      expect(Math.abs(db(midRms(out) / (0.5 / Math.SQRT2)))).toBeLessThan(0.1);
      // And it is still 1 kHz: nearly all of it at that frequency.
      expect(amplitudeAt(out, 16000, 1000)).toBeCloseTo(0.5, 2);
    }
  });

  it("removes a 10 kHz tone at 48 k → 16 k (above the new 8 kHz Nyquist) instead of folding it to 6 kHz", () => {
    const out = resample(tone(48000, 10000, 1), 48000, 16000);
    // Without filtering, 10 kHz would alias to 16 − 10 = 6 kHz at full level (−9 dB RMS); the stop band is ≈ 80 dB down.
    expect(db(midRms(out) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
    expect(amplitudeAt(out, 16000, 6000)).toBeLessThan(0.0005);
  });

  it("an odd ratio (48 k → 16 001, no small common factor) takes the interpolated-kernel path with the same response", () => {
    const pass = resample(tone(48000, 1000, 1), 48000, 16001);
    expect(Math.abs(db(midRms(pass) / (0.5 / Math.SQRT2)))).toBeLessThan(0.1);
    const stop = resample(tone(48000, 10000, 1), 48000, 16001);
    expect(db(midRms(stop) / (0.5 / Math.SQRT2))).toBeLessThan(-60);
  });

  it("returns the input unchanged at equal rates", () => {
    const x = tone(16000, 440, 0.1);
    expect(Array.from(resample(x, 16000, 16000))).toEqual(Array.from(x));
  });
});

describe("clampWindow", () => {
  it("keeps a window that fits, moves one that runs past the end back, and never exceeds the clip", () => {
    expect(clampWindow(70_000, 35_000)).toEqual({ startMs: 35_000, endMs: 65_000 });
    expect(clampWindow(70_000, 60_000)).toEqual({ startMs: 40_000, endMs: 70_000 });
    expect(clampWindow(70_000, -5)).toEqual({ startMs: 0, endMs: 30_000 });
    expect(clampWindow(12_000, 5_000)).toEqual({ startMs: 0, endMs: 12_000 });
    expect(clampWindow(70_000, Number.NaN)).toEqual({ startMs: 0, endMs: 30_000 });
    expect(clampWindow(70_000, 10_000, 10)).toEqual({ startMs: 10_000, endMs: 20_000 });
  });
});

describe("modelWindowWav", () => {
  // 70 s stereo at 44.1 kHz: 440 Hz until 40 s, then 1 kHz. A window starting at 35 s holds 5 s of the first and 25 s of the second.
  const sr = 44100;
  const first = tone(sr, 440, 40);
  const second = tone(sr, 1000, 30);
  const left = new Float32Array(first.length + second.length);
  left.set(first);
  left.set(second, first.length);
  const pcm = { sampleRate: sr, channels: [left, left.map((v) => v * 0.5)] };

  it("is a 16 kHz mono 16-bit WAV of exactly the 30 s window, holding both tones at the right offsets", async () => {
    const wav = modelWindowWavFromPcm(pcm, 35_000);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.readUInt16LE(22)).toBe(1); // channels
    expect(wav.readUInt32LE(24)).toBe(MODEL_SAMPLE_RATE);
    expect(wav.readUInt16LE(34)).toBe(16);
    const decoded = await decode(new Uint8Array(wav));
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.channelData).toHaveLength(1);
    const x = decoded.channelData[0];
    expect(x.length).toBe(30 * 16000);
    // Mono is the channel average: amplitude (0.5 + 0.25) / 2 = 0.375.
    const head = x.subarray(16000, 4 * 16000); // 36–39 s of the clip
    const tail = x.subarray(6 * 16000, 29 * 16000); // 41–64 s
    expect(amplitudeAt(head, 16000, 440)).toBeCloseTo(0.375, 2);
    expect(amplitudeAt(head, 16000, 1000)).toBeLessThan(0.01);
    expect(amplitudeAt(tail, 16000, 1000)).toBeCloseTo(0.375, 2);
    expect(amplitudeAt(tail, 16000, 440)).toBeLessThan(0.01);
    // The change sits 5 s into the window: the 20 ms just before it is 440 Hz, just after it 1 kHz.
    const before = x.subarray(5 * 16000 - 800, 5 * 16000 - 480);
    const after = x.subarray(5 * 16000 + 480, 5 * 16000 + 800);
    expect(amplitudeAt(before, 16000, 440)).toBeGreaterThan(amplitudeAt(before, 16000, 1000));
    expect(amplitudeAt(after, 16000, 1000)).toBeGreaterThan(amplitudeAt(after, 16000, 440));
  });

  it("a clip shorter than 30 s is sent whole; bytes of any supported format are decoded first", async () => {
    const short = encodeWav({ sampleRate: 48000, channels: [tone(48000, 1000, 12)] });
    const wav = await modelWindowWav(short, 5_000);
    const decoded = await decode(new Uint8Array(wav));
    expect(decoded.channelData[0].length).toBe(12 * 16000);
    expect(decoded.sampleRate).toBe(16000);
  });
});
