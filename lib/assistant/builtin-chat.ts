// The built-in assistant in a conversation: the first reply is the full rule-based advice
// (./builtin.ts); each follow-up answers the topic the participant asks about (loudness, low end,
// vocals, stereo, harshness…) from the same measurements. Deterministic: same facts and messages → same text.
import type { TAudioFacts } from "@/lib/audio/facts-schema";
import { BUILTIN_ASSISTANT_LABEL, GENRE_TARGETS, THRESHOLDS, builtinAdvice, genreKey, type TFinding, type TFindingCode } from "./builtin";

export type TBuiltinChatMessage = { role: "user" | "assistant"; content: string };

type TTopic = "loudness" | "peaks" | "dynamics" | "low" | "mud" | "vocals" | "harsh" | "air" | "stereo" | "reverb" | "drums" | "thanks";

/** Topic keywords, checked in this order; the first topic that matches leads the answer. */
const TOPIC_WORDS: [TTopic, RegExp][] = [
  ["thanks", /^\s*(thanks|thank you|thx|cheers|great|ok|okay|cool)\b[\s!.]*$/],
  // "clip" alone is how people name their audio, so only clipping words count.
  ["peaks", /\b(peaks?|clipping|clipped|clips|distort\w*|crackl\w*|true.?peak|dbtp|ceiling)\b/],
  ["loudness", /\b(loud\w*|quiet\w*|levels?|volume|lufs|master\w*|spotify|streaming|gain)\b/],
  ["dynamics", /\b(compress\w*|dynamics?|punch\w*|squash\w*|limit\w*|crest|transients?)\b/],
  ["vocals", /\b(vocals?|voices?|singers?|singing|lyrics|sibilan\w*|de-?ess\w*)\b/],
  ["drums", /\b(drums?|kick|snare|hi-?hats?|hats|cymbals?|percussion)\b/],
  ["mud", /\b(mud|muddy|boxy|low.?mids?|clarity|cloudy|congest\w*)\b/],
  ["low", /\b(bass|low.?end|lows|sub|subs|boom\w*|808s?|weight|thin|body)\b/],
  ["harsh", /\b(harsh\w*|piercing|shrill|fatigu\w*|bright\w*|high.?mids?|presence)\b/],
  ["air", /\b(dull|dark|muffled|air|airy|sparkle|treble|highs|crisp\w*)\b/],
  ["stereo", /\b(stereo|wide|wider|width|mono|pan|panning|panned|image|space|spatial|phase|narrow)\b/],
  ["reverb", /\b(reverb\w*|delay|echo|room|ambience|depth)\b/],
];

const f1 = (x: number) => (x > 0 ? "+" : "") + x.toFixed(1);
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 1 : 0)}%`;

/** The topics a message asks about, in TOPIC_WORDS order. */
export function topicsOf(message: string): TTopic[] {
  const q = message.toLowerCase();
  return TOPIC_WORDS.filter(([, re]) => re.test(q)).map(([t]) => t);
}

const FINDINGS_OF_TOPIC: Record<TTopic, TFindingCode[]> = {
  loudness: ["too_quiet", "too_hot", "true_peak_over"],
  peaks: ["true_peak_over", "clipping"],
  dynamics: ["over_compressed", "too_hot"],
  low: ["boomy", "thin"],
  mud: ["muddy"],
  vocals: ["harsh", "muddy", "dull"],
  harsh: ["harsh"],
  air: ["dull"],
  stereo: ["mono", "phase", "narrow"],
  reverb: ["mono", "narrow"],
  drums: ["over_compressed", "boomy", "thin", "harsh"],
  thanks: [],
};

/** What the measurements say on one topic, whether or not a rule fired. */
function measurementLine(topic: TTopic, facts: TAudioFacts, genre: string | undefined): string | null {
  const target = GENRE_TARGETS[genreKey(genre)];
  const b = facts.bandShares;
  switch (topic) {
    case "loudness":
      return facts.integratedLufs === null
        ? "I could not measure a loudness for this clip (it is silent or very short)."
        : `The clip measures ${f1(facts.integratedLufs)} LUFS integrated${facts.loudnessRangeLu !== null ? ` with a loudness range of ${facts.loudnessRangeLu.toFixed(1)} LU` : ""}; finished ${target.label} tracks usually sit between ${target.min} and ${target.max} LUFS, and streaming services play back at about -14 LUFS.`;
    case "peaks":
      return facts.truePeakDbtp === null
        ? null
        : `The true peak is ${f1(facts.truePeakDbtp)} dBTP (sample peak ${f1(facts.samplePeakDbfs ?? 0)} dBFS) and ${facts.clippedSamples} sample${facts.clippedSamples === 1 ? " is" : "s are"} at full scale; a ceiling of -1 dBTP is the usual target.`;
    case "dynamics":
      return facts.crestFactorDb === null
        ? null
        : `The crest factor (peak over RMS) is ${facts.crestFactorDb.toFixed(1)} dB${facts.loudnessRangeLu !== null ? ` and the loudness range ${facts.loudnessRangeLu.toFixed(1)} LU` : ""}; mixes below about ${THRESHOLDS.crestMinDb} dB of crest tend to sound squashed, around 10-14 dB still punchy.`;
    case "low":
    case "drums":
      return b ? `Below 60 Hz sits ${pct(b.sub)} of the energy and ${pct(b.bass)} is in 60-250 Hz, so ${pct(b.sub + b.bass)} of the mix's energy is low end.` : null;
    case "mud":
      return b ? `The 250-500 Hz low-mids hold ${pct(b.lowMid)} of the energy (rules of thumb flag more than ${pct(THRESHOLDS.muddyLowMidShare)}).` : null;
    case "vocals":
      return b ? `Vocal intelligibility lives in the mids: ${pct(b.mid)} of the energy is at 500 Hz-2 kHz and ${pct(b.highMid)} at 2-6 kHz, where presence and sibilance sit.` : null;
    case "harsh":
      return b ? `The 2-6 kHz high-mids, where the ear is most sensitive, hold ${pct(b.highMid)} of the energy (more than ${pct(THRESHOLDS.harshHighMidShare)} tends to sound harsh).` : null;
    case "air":
      return b ? `Above 6 kHz there is ${pct(b.air)} of the energy (less than ${pct(THRESHOLDS.dullAirShare)} tends to sound dull).` : null;
    case "stereo":
    case "reverb":
      if (facts.channels === 1) return "The file is mono (one channel), so there is no stereo image to measure.";
      return facts.stereoCorrelation === null || facts.stereoWidth === null
        ? null
        : `The stereo correlation is ${facts.stereoCorrelation.toFixed(2)} (1 = mono, 0 = unrelated channels, below 0 = out of phase) and the side signal carries ${pct(facts.stereoWidth)} of the energy.`;
    case "thanks":
      return null;
  }
}

/** A practical tip per topic, used when no rule fired (so the answer is never empty of advice). */
const TIPS: Record<TTopic, string> = {
  loudness: "Set loudness last: mix at a comfortable level, then use a limiter on the master with its ceiling at -1 dBTP and raise its input until you reach the target.",
  peaks: "Nothing is clipping; keep a true-peak limiter on the master as a safety net rather than riding the faders into it.",
  dynamics: "For punch, try bus compression with a slow attack (20-30 ms) so transients pass, a fast-ish release, and only 1-3 dB of gain reduction.",
  low: "Keep kick and bass from fighting: give one the 50-70 Hz fundamental and the other 80-120 Hz, sidechain the bass lightly to the kick, and high-pass other parts around 80-120 Hz.",
  mud: "If the mix still feels cloudy, sweep a narrow boost between 200 and 500 Hz on guitars, keys and pads to find the resonance, then cut it 2-4 dB.",
  vocals: "For a vocal that sits on top: high-pass it around 80-100 Hz, compress 3-6 dB, add 1-3 dB around 3 kHz for presence, de-ess at 5-8 kHz, and carve 1-2 dB at the same spot in guitars or keys.",
  harsh: "If something still bites, find it with a narrow sweep between 2 and 5 kHz and cut 2-3 dB only on the source that causes it, or use a dynamic EQ so it only acts when loud.",
  air: "For more sparkle, a high shelf of +1-3 dB from 10-12 kHz on vocals or overheads is usually enough; check that sibilance stays under control.",
  stereo: "Keep kick, bass, snare and lead vocal centred; pan doubled guitars or keys apart (e.g. 60-100% L/R) and check the mix in mono for anything that disappears.",
  reverb: "Put reverb on a send, high-pass its return around 200-300 Hz and low-pass around 8 kHz so it adds depth without mud; a short pre-delay (20-40 ms) keeps vocals upfront.",
  drums: "For drums, parallel compression (a heavily compressed copy blended under the dry kit) adds punch without killing transients.",
  thanks: "",
};

/**
 * The built-in assistant's reply to the last user message of a conversation. The first user
 * message gets the full advice; later ones the measurements and findings on the topics asked
 * about, or, with no recognised topic, a summary of the findings not yet raised.
 */
export function builtinChatReply({ facts, messages, genre }: { facts: TAudioFacts | null; messages: TBuiltinChatMessage[]; genre?: string }): string {
  const last = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
  const userTurns = messages.filter((m) => m.role === "user").length;
  if (!facts) {
    return `I have no measurements of a clip in this conversation, so I can only give general advice. ${topicsOf(last).map((t) => TIPS[t]).filter(Boolean)[0] ?? TIPS.loudness}`;
  }
  // Participants are not told which assistant they talk to; the researcher UI labels it as the baseline.
  const advice = builtinAdvice(facts, { genre, question: last, labelled: false });
  if (userTurns <= 1) return advice.text;

  const topics = topicsOf(last);
  if (topics[0] === "thanks" && topics.length === 1) {
    return "You're welcome. Make one change at a time and compare it with the original at the same loudness; ask me about loudness, low end, vocals, harshness or stereo width whenever you like.";
  }
  const asked = topics.filter((t) => t !== "thanks");
  const findingByCode = new Map<TFindingCode, TFinding>(advice.findings.map((f) => [f.code, f]));
  if (!asked.length) {
    const earlier = messages.filter((m) => m.role === "assistant").map((m) => m.content).join("\n");
    const fresh = advice.findings.filter((f) => !earlier.includes(f.detail));
    const pool = fresh.length ? fresh : advice.findings;
    if (!pool.length) {
      return "The measurements do not point at a specific problem. Tell me what bothers you (loudness, low end, vocals, harshness, dullness, stereo width, reverb, drums) and I will look at the numbers for it.";
    }
    return ["From the measurements, the points that matter most here:", ...pool.slice(0, 2).map((f) => `- ${f.detail}`), "Ask me about a specific part (loudness, low end, vocals, harshness, stereo) for more detail."].join("\n");
  }
  const measured = new Set<string>();
  const found: TFinding[] = [];
  const tips: string[] = [];
  for (const t of asked.slice(0, 2)) {
    const m = measurementLine(t, facts, genre);
    if (m) measured.add(m);
    const hits = FINDINGS_OF_TOPIC[t].map((c) => findingByCode.get(c)).filter((f): f is TFinding => !!f && !found.includes(f));
    found.push(...hits);
    if (!hits.length) tips.push(TIPS[t]);
  }
  const lines = [...measured, ...found.map((f) => f.detail)];
  if (tips.length) lines.push(`${found.length ? "Beyond that:" : "Nothing on this stands out in the measurements."} ${tips.join(" ")}`);
  return lines.join("\n\n");
}
