import { describe, expect, it } from "vitest";
import { lcg, synthClip } from "./synth";

const peak = (xs: Float32Array) => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const rms = (xs: Float32Array) => Math.sqrt(xs.reduce((s, x) => s + x * x, 0) / xs.length);

describe("lcg", () => {
  it("is the Numerical Recipes LCG", () => {
    const r = lcg(1);
    // state1 = 1664525 * 1 + 1013904223 = 1015568748
    expect(r()).toBeCloseTo(1015568748 / 2 ** 32, 12);
  });
});

describe("synthClip", () => {
  it("makes a stereo clip of the requested length, peaking at 0.85", () => {
    const clip = synthClip({ seconds: 2, sampleRate: 22050, seed: 3 });
    expect(clip.sampleRate).toBe(22050);
    expect(clip.channels).toHaveLength(2);
    expect(clip.channels[0].length).toBe(44100);
    expect(Math.max(peak(clip.channels[0]), peak(clip.channels[1]))).toBeCloseTo(0.85, 5);
    expect(rms(clip.channels[0])).toBeGreaterThan(0.03); // not silence
    expect(clip.channels[0].every(Number.isFinite)).toBe(true);
  });

  it("is deterministic in the seed and differs across seeds", () => {
    const a = synthClip({ seconds: 1, sampleRate: 8000, seed: 11, kind: "drums" });
    const b = synthClip({ seconds: 1, sampleRate: 8000, seed: 11, kind: "drums" });
    const c = synthClip({ seconds: 1, sampleRate: 8000, seed: 12, kind: "drums" });
    expect(b.channels[0]).toEqual(a.channels[0]);
    expect(c.channels[0]).not.toEqual(a.channels[0]);
  });

  it("renders every stem kind below the peak limit", () => {
    for (const kind of ["drums", "bass", "keys", "vocals", "guitars", "overall_mix"] as const) {
      const { channels } = synthClip({ seconds: 1, sampleRate: 8000, seed: 5, kind });
      expect(Math.max(peak(channels[0]), peak(channels[1]))).toBeLessThan(0.9);
      expect(rms(channels[0]) + rms(channels[1])).toBeGreaterThan(0.01);
    }
  });

  it("puts the bass stem's energy low and the drums' hats high (a rough spectral check)", () => {
    // Mean absolute first difference relative to RMS is a crude brightness measure.
    const brightness = (xs: Float32Array) => {
      let d = 0;
      for (let i = 1; i < xs.length; i++) d += Math.abs(xs[i] - xs[i - 1]);
      return d / xs.length / rms(xs);
    };
    const bass = synthClip({ seconds: 1, sampleRate: 22050, seed: 9, kind: "bass" }).channels[0];
    const drums = synthClip({ seconds: 1, sampleRate: 22050, seed: 9, kind: "drums" }).channels[1];
    expect(brightness(drums)).toBeGreaterThan(3 * brightness(bass));
  });
});
