import { describe, expect, it } from "vitest";
import { computeAudioFacts } from "@/lib/audio/facts";
import { lcg, synthClip } from "@/lib/audio/synth";
import { BUILTIN_ASSISTANT_LABEL, builtinAdvice, genreKey } from "./builtin";

const codes = (a: { findings: { code: string }[] }) => a.findings.map((f) => f.code);

/** The synth mix pushed 18 dB and hard-clipped. */
function tooLoud() {
  const clip = synthClip({ seconds: 8, sampleRate: 44100, seed: 4 });
  const g = Math.pow(10, 18 / 20);
  return computeAudioFacts({ sampleRate: 44100, channels: clip.channels.map((c) => c.map((v) => Math.max(-1, Math.min(1, v * g)))) });
}

/** White noise through four one-pole low-passes at ~800 Hz: no air at all. */
function tooDull() {
  const sr = 44100;
  const channels = [1, 2].map((seed) => {
    const rand = lcg(seed);
    const x = new Float32Array(sr * 6);
    const a = Math.exp((-2 * Math.PI * 800) / sr);
    const s = [0, 0, 0, 0];
    for (let i = 0; i < x.length; i++) {
      let v = rand() * 2 - 1;
      for (let k = 0; k < 4; k++) v = s[k] = (1 - a) * v + a * s[k];
      x[i] = v * 0.8;
    }
    return x;
  });
  return computeAudioFacts({ sampleRate: sr, channels });
}

describe("builtinAdvice", () => {
  it("flags a clip made too loud: too hot, true peak over, clipping, over-compressed — quoting the numbers", () => {
    const facts = tooLoud();
    const advice = builtinAdvice(facts, { genre: "Pop" });
    expect(codes(advice)).toEqual(expect.arrayContaining(["too_hot", "true_peak_over", "clipping", "over_compressed"]));
    expect(advice.text.startsWith(BUILTIN_ASSISTANT_LABEL)).toBe(true);
    expect(advice.text).toContain(`${facts.integratedLufs! > 0 ? "+" : ""}${facts.integratedLufs!.toFixed(1)} LUFS integrated`);
    expect(advice.text).toContain(`${facts.clippedSamples} samples`);
    expect(advice.text).toContain("-14 LUFS");
  });

  it("flags low-passed noise as dull", () => {
    const facts = tooDull();
    expect(facts.bandShares!.air).toBeLessThan(0.005);
    const advice = builtinAdvice(facts);
    expect(codes(advice)).toContain("dull");
    expect(codes(advice)).not.toContain("harsh");
  });

  it("flags identical channels and one-channel files as mono", () => {
    const clip = synthClip({ seconds: 6, seed: 9 });
    const stereoMono = computeAudioFacts({ sampleRate: 44100, channels: [clip.channels[0], clip.channels[0].slice()] });
    expect(codes(builtinAdvice(stereoMono))).toContain("mono");
    const oneChannel = computeAudioFacts({ sampleRate: 44100, channels: [clip.channels[0]] });
    expect(codes(builtinAdvice(oneChannel))).toContain("mono");
  });

  it("flags inverted channels as a phase problem", () => {
    const clip = synthClip({ seconds: 4, seed: 2 });
    const facts = computeAudioFacts({ sampleRate: 44100, channels: [clip.channels[0], clip.channels[1].map((v) => -v)] });
    expect(codes(builtinAdvice(facts))).toContain("phase");
  });

  it("leaves the plain synth mix without loudness, clipping or tone findings", () => {
    const facts = computeAudioFacts(synthClip({ seconds: 8, seed: 1 }));
    const found = codes(builtinAdvice(facts));
    for (const c of ["too_hot", "too_quiet", "clipping", "over_compressed", "harsh", "dull", "muddy", "boomy", "thin", "mono", "phase"]) {
      expect(found).not.toContain(c);
    }
  });

  it("is deterministic and puts the findings a question asks about first", () => {
    const facts = tooLoud();
    expect(builtinAdvice(facts, { genre: "rock" })).toEqual(builtinAdvice(facts, { genre: "rock" }));
    const advice = builtinAdvice(facts, { question: "Why does it distort and crackle?" });
    expect(advice.findings[0].code).toBe("true_peak_over");
    expect(advice.findings[1].code).toBe("clipping");
  });

  it("says so for silence instead of inventing numbers", () => {
    const facts = computeAudioFacts({ sampleRate: 48000, channels: [new Float32Array(48000), new Float32Array(48000)] });
    const advice = builtinAdvice(facts);
    expect(codes(advice)).toEqual(["silent"]);
    expect(advice.text).not.toMatch(/NaN|Infinity/);
  });

  it("maps free-text genres onto the target table", () => {
    expect(genreKey("Hip Hop")).toBe("hip-hop");
    expect(genreKey("deep house")).toBe("edm");
    expect(genreKey("indie rock")).toBe("rock");
    expect(genreKey("k-pop")).toBe("pop");
    expect(genreKey("polka-fusion")).toBe("streaming");
    expect(genreKey(undefined)).toBe("streaming");
  });
});
