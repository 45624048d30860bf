import { describe, expect, it } from "vitest";
import { computeAudioFacts, type TAudioFacts } from "@/lib/audio/facts";
import { lcg, synthClip } from "@/lib/audio/synth";
import { BUILTIN_ASSISTANT_LABEL, builtinAdvice } from "./builtin";
import { builtinChatReply, topicsOf, type TBuiltinChatMessage } from "./builtin-chat";

/** The synth mix pushed 18 dB and hard-clipped. */
function tooLoud(): TAudioFacts {
  const clip = synthClip({ seconds: 8, sampleRate: 44100, seed: 4 });
  const g = Math.pow(10, 18 / 20);
  return computeAudioFacts({ sampleRate: 44100, channels: clip.channels.map((c) => c.map((v) => Math.max(-1, Math.min(1, v * g)))) });
}

/** The synth mix through four one-pole low-passes at 1 kHz: the air is gone. */
function tooDull(): TAudioFacts {
  const sr = 44100;
  const clip = synthClip({ seconds: 8, sampleRate: sr, seed: 5 });
  const a = Math.exp((-2 * Math.PI * 1000) / sr);
  return computeAudioFacts({
    sampleRate: sr,
    channels: clip.channels.map((c) => {
      const s = [0, 0, 0, 0];
      return c.map((v) => {
        for (let k = 0; k < 4; k++) v = s[k] = (1 - a) * v + a * s[k];
        return v;
      });
    }),
  });
}

/** The synth mix's left channel copied to both sides. */
function monoInStereo(): TAudioFacts {
  const clip = synthClip({ seconds: 6, seed: 9 });
  return computeAudioFacts({ sampleRate: 44100, channels: [clip.channels[0], clip.channels[0].slice()] });
}

function chat(facts: TAudioFacts | null, userTurns: string[], genre?: string): string[] {
  const messages: TBuiltinChatMessage[] = [];
  const replies: string[] = [];
  for (const u of userTurns) {
    messages.push({ role: "user", content: u });
    const r = builtinChatReply({ facts, messages, genre });
    replies.push(r);
    messages.push({ role: "assistant", content: r });
  }
  return replies;
}

describe("topicsOf", () => {
  it("finds the topics a message asks about, and does not read 'my clip' as clipping", () => {
    expect(topicsOf("Is my master loud enough for Spotify?")).toEqual(["loudness"]);
    expect(topicsOf("How does my clip sound?")).toEqual([]);
    expect(topicsOf("The kick and the bass are fighting")).toEqual(["drums", "low"]);
    expect(topicsOf("Why does it sound muffled?")).toEqual(["air"]);
    expect(topicsOf("thanks!")).toEqual(["thanks"]);
  });
});

describe("builtinChatReply", () => {
  it("a clip made too loud: the first reply is the full advice; a loudness follow-up quotes the LUFS and the genre range", () => {
    const facts = tooLoud();
    const [first, second, third] = chat(facts, ["Hi, what do you think of my mix?", "Is it too loud?", "Does it clip anywhere?"], "pop");
    expect(first).toBe(builtinAdvice(facts, { genre: "pop", question: "Hi, what do you think of my mix?", labelled: false }).text);
    expect(first).not.toContain(BUILTIN_ASSISTANT_LABEL); // the participant is not told; the researcher UI says "built-in baseline"
    expect(second).toContain(`${facts.integratedLufs! > 0 ? "+" : ""}${facts.integratedLufs!.toFixed(1)} LUFS integrated`);
    expect(second).toContain("between -11 and -7 LUFS"); // pop's range
    expect(second).toMatch(/back off the limiter/);
    expect(third).toContain(`${facts.clippedSamples} samples`);
    expect(third).toMatch(/-1 dBTP/);
  });

  it("a low-passed (dull) clip: asking why it sounds muffled points at the missing air with the measured share", () => {
    const facts = tooDull();
    expect(facts.bandShares!.air).toBeLessThan(0.005);
    const [, reply] = chat(facts, ["Hello", "Why does it sound so muffled?"]);
    expect(reply).toMatch(/Above 6 kHz there is \d+(\.\d)?% of the energy/);
    expect(reply).toMatch(/high shelf/);
    expect(reply).not.toMatch(/harsh/i);
  });

  it("a mono clip: a stereo question gets the correlation and the mono finding; an unrelated one a fresh point", () => {
    const facts = monoInStereo();
    const [, stereo, vague, thanks] = chat(facts, ["Hi", "Can you make it wider?", "What else?", "Thanks!"]);
    expect(stereo).toContain("stereo correlation is 1.00");
    expect(stereo).toMatch(/mix is mono in a stereo file/);
    expect(vague).toMatch(/^From the measurements/);
    expect(thanks).toMatch(/^You're welcome/);
  });

  it("a topic with no problem still gets the measurement and a practical tip", () => {
    const facts = computeAudioFacts(synthClip({ seconds: 8, seed: 1 }));
    const [, reply] = chat(facts, ["Hi", "How can I make the vocals sit better?"]);
    expect(reply).toMatch(/500 Hz-2 kHz/);
    expect(reply).toMatch(/Nothing on this stands out/);
    expect(reply).toMatch(/de-ess/);
  });

  it("is deterministic and never prints NaN; without facts it says it has no measurements", () => {
    const rand = lcg(3);
    const facts = tooLoud();
    const turns = Array.from({ length: 6 }, () => ["louder?", "bass", "stereo", "ok", "hmm", "vocals and reverb"][Math.floor(rand() * 6)]);
    expect(chat(facts, turns)).toEqual(chat(facts, turns));
    for (const r of chat(facts, turns)) expect(r).not.toMatch(/NaN|Infinity|undefined/);
    const [noFacts] = chat(null, ["How is the low end?"]);
    expect(noFacts).toMatch(/no measurements of a clip/);
    expect(noFacts).toMatch(/kick and bass/);
  });
});
