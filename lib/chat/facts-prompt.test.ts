import { describe, expect, it } from "vitest";
import { computeAudioFacts } from "@/lib/audio/facts";
import { formatFactsForPrompt } from "./facts-prompt";

const sine = (sr: number, f: number, amp: number, s: number) => new Float32Array(Math.round(sr * s)).map((_, i) => amp * Math.sin((2 * Math.PI * f * i) / sr));

describe("formatFactsForPrompt", () => {
  it("states a stereo -23 dBFS 1 kHz tone's numbers with their units", () => {
    // EBU Tech 3341 case: each channel at -23 dBFS (amplitude 10^(-23/20) = 0.0708) reads -23.0 LUFS.
    const x = sine(48000, 1000, Math.pow(10, -23 / 20), 5);
    const text = formatFactsForPrompt(computeAudioFacts({ sampleRate: 48000, channels: [x, x.slice()] }));
    expect(text).toContain("Integrated loudness: -23.0 LUFS (ITU-R BS.1770)");
    expect(text).toContain("Sample peak: -23.0 dBFS");
    expect(text).toContain("Crest factor (peak over RMS): 3.0 dB");
    expect(text).toContain("mid 500 Hz-2 kHz 100.0%");
    expect(text).toContain("Stereo correlation: 1.00");
    expect(text).toContain("Duration 5.0 s, 48000 Hz, 2 channels");
    expect(text).not.toMatch(/NaN|null|undefined/);
  });

  it("says mono and why a value is missing instead of printing null", () => {
    const text = formatFactsForPrompt(computeAudioFacts({ sampleRate: 44100, channels: [new Float32Array(44100)] }));
    expect(text).toContain("mono (1 channel)");
    expect(text).toContain("not measurable (silent or shorter than 0.4 s)");
    expect(text).not.toContain("Stereo correlation");
    expect(text).not.toMatch(/NaN|null|undefined/);
  });
});
