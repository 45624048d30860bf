// Seeded MixAssist-style sample data (rows, model outputs, synthesized WAVs) for the demo seeder and fixtures.
import { stringify } from "csv-stringify/sync";
import { encodeWav } from "../audio/wav";
import { lcg, synthClip, type TSynthKind } from "../audio/synth";
import type { TMixAssistRow } from "./mixassist";

export const MIXASSIST_TOPICS = ["drums", "overall_mix", "guitars", "vocals", "bass", "keys"] as const;
export type TMixAssistTopic = (typeof MIXASSIST_TOPICS)[number];

/** A row as it appears in the published JSONL (snake_case, history entries with audio_file). */
export type TSampleRow = Required<Omit<TMixAssistRow, "split">> & { split: string };
export type TSampleOutput = { conversation_id: string; turn_id: number; generation: string; system: string };
export type TMixAssistSample = { rows: TSampleRow[]; outputs: TSampleOutput[]; audio: Map<string, Buffer> };
export type TSampleOptions = {
  generatedSystem?: string;
  /** Length of each synthesized clip; 6 s suits the demo, tests can ask for less. */
  seconds?: number;
  sampleRate?: number;
  split?: string;
};

type Vars = { freq: number; db: number; ms: number; ratio: number; part: string; section: string };
type Line = (v: Vars) => string;

const PARTS: Record<TMixAssistTopic, string[]> = {
  drums: ["kick", "snare", "overheads", "hi-hat", "toms"],
  overall_mix: ["mix bus", "low end", "stereo image", "vocal and guitar balance", "master"],
  guitars: ["rhythm guitar", "lead guitar", "acoustic", "double-tracked guitars", "clean guitar"],
  vocals: ["lead vocal", "backing vocals", "vocal doubles", "ad-libs", "harmonies"],
  bass: ["bass DI", "bass amp", "synth bass", "bass guitar", "sub"],
  keys: ["piano", "Rhodes", "pad", "organ", "synth arp"],
};
const SECTIONS = ["verse", "chorus", "bridge", "intro", "pre-chorus", "outro"];

const USER_LINES: Record<TMixAssistTopic, Line[]> = {
  drums: [
    (v) => `The ${v.part} is getting lost under the bass around ${v.freq} Hz. Should I cut the bass there or boost the ${v.part}?`,
    (v) => `I feel like the ${v.part} sounds really boxy in the ${v.section}. What would you do?`,
    (v) => `I put a compressor on the ${v.part} but now it sounds kind of squashed and lifeless.`,
    (v) => `Can you listen to the drums in the ${v.section}? The ${v.part} feels like it's poking out too much.`,
  ],
  overall_mix: [
    (v) => `Overall it sounds muddy to me, especially the ${v.part} in the ${v.section}. Where do I even start?`,
    (v) => `When I play this in my car the ${v.part} disappears. It sounded fine on my headphones.`,
    (v) => `I think the ${v.section} doesn't hit as hard as the ${SECTIONS[(v.ms >> 2) % SECTIONS.length]}. How can I make it lift?`,
    (v) => `Is the ${v.part} too wide? It feels like there's a hole in the middle.`,
  ],
  guitars: [
    (v) => `The ${v.part} sounds harsh around ${v.freq * 10} Hz and it's fighting with the vocal.`,
    (v) => `I panned the ${v.part} hard left and right but it still feels small in the ${v.section}.`,
    (v) => `Should the ${v.part} be louder in the ${v.section}? I can't tell anymore.`,
    (v) => `There's a lot of low end in the ${v.part}, it's kind of woofy.`,
  ],
  vocals: [
    (v) => `The ${v.part} sits on top of the mix in the verse but gets buried in the ${v.section}.`,
    (v) => `The esses on the ${v.part} are really piercing, around ${v.freq * 80} Hz maybe?`,
    (v) => `I added reverb to the ${v.part} but now it sounds far away.`,
    (v) => `How much compression should I put on the ${v.part}? It jumps around a lot.`,
  ],
  bass: [
    (v) => `The ${v.part} and the kick are both living around ${v.freq} Hz and it gets boomy.`,
    (v) => `I can't hear the ${v.part} on small speakers at all.`,
    (v) => `The ${v.part} notes are uneven, some are way louder than others in the ${v.section}.`,
    (v) => `Should I high-pass the ${v.part}? I'm worried about losing weight.`,
  ],
  keys: [
    (v) => `The ${v.part} is taking up a lot of space in the ${v.section} and the guitars feel crowded.`,
    (v) => `The ${v.part} sounds a bit dull, it doesn't cut through.`,
    (v) => `I'm not sure where to pan the ${v.part}. Right now it's dead center.`,
    (v) => `The low end of the ${v.part} is clashing with the bass around ${v.freq * 2} Hz.`,
  ],
};

const EXPERT_LINES: Record<TMixAssistTopic, Line[]> = {
  drums: [
    (v) => `I'd carve a little space in the bass first: a narrow cut of about ${v.db} dB at ${v.freq} Hz, then add a touch of ${v.freq * 40} Hz on the ${v.part} for the beater click. That way they stop fighting without the low end getting thin.`,
    (v) => `That boxiness is usually around 400 to 600 Hz. Sweep a narrow boost until it jumps out, then cut it by ${v.db} dB or so. Check it in the ${v.section} against the full mix, not soloed.`,
    (v) => `Back the ratio off to ${v.ratio}:1 and slow the attack to around ${v.ms} ms so the transient gets through. You want the ${v.part} to breathe; aim for ${v.db} dB of gain reduction on the loudest hits.`,
    (v) => `Yeah, the ${v.part} is a few dB hot. Pull the fader down ${v.db} dB and, if it still pokes out, try a bit of parallel compression on the drum bus instead of more level.`,
  ],
  overall_mix: [
    (v) => `Start with high-pass filters on everything that doesn't need low end — guitars, keys, backing vocals. Then look at 200 to 300 Hz on the ${v.part}; a ${v.db} dB dip there usually clears a lot of mud.`,
    (v) => `That's a translation problem. Reference it on a mono speaker: if the ${v.part} vanishes, it's probably living below 100 Hz. Add some harmonics around ${v.freq * 10} Hz so small speakers can hear it.`,
    (v) => `Automation is your friend here. Bring the ${v.section} up about ${v.db} dB overall, open up the reverb a bit, and maybe drop a couple of elements in the section before so the lift feels bigger.`,
    (v) => `It's a little wide, yes. Check it in mono — if the ${v.part} collapses, narrow the widener or put something solid, like the bass or a mono double, back in the center.`,
  ],
  guitars: [
    (v) => `Try a dynamic EQ band around ${v.freq * 10} Hz on the ${v.part}, keyed from the vocal, so it only ducks ${v.db} dB when the singer is there.`,
    (v) => `Hard panning one take rarely sounds big. Double it with a different amp or pickup and pan the two opposite; a ${v.ms} ms difference in timing is what gives you width.`,
    (v) => `I'd ride it up maybe ${v.db} dB in the ${v.section} and leave the verse where it is. The contrast will do more than a static level change.`,
    (v) => `High-pass it around ${v.freq} Hz and cut a bit near 200 Hz. Guitars don't need much below that in a full band mix; the bass covers it.`,
  ],
  vocals: [
    (v) => `Ride the vocal instead of compressing harder: automate it up ${v.db} dB in the ${v.section}, or duck the guitars slightly under it with a sidechain.`,
    (v) => `Put a de-esser on it set around ${v.freq * 80} Hz, just enough to take ${v.db} dB off the loudest esses. Don't overdo it or the singer will sound lispy.`,
    (v) => `Add a pre-delay of ${v.ms} ms on the reverb so the dry vocal comes first, and high-pass the reverb return around 300 Hz. It'll stay upfront but still feel like it's in a room.`,
    (v) => `Two stages works well: a fast compressor at ${v.ratio}:1 catching a few dB on the peaks, then a slower one for overall level. Aim for ${v.db} to ${v.db + 3} dB of reduction in total.`,
  ],
  bass: [
    (v) => `Decide which one owns the bottom. If the kick is the sub, cut the ${v.part} by ${v.db} dB at ${v.freq} Hz and sidechain it lightly from the kick so they take turns.`,
    (v) => `Add some saturation or a boost around 700 Hz to 1 kHz on the ${v.part}. Small speakers can't play the fundamental, but they'll hear the harmonics.`,
    (v) => `Compress it with a ratio around ${v.ratio}:1 and a medium attack, ${v.ms} ms or so, to even out the notes. If one note still jumps, a narrow cut at that note's frequency helps.`,
    (v) => `A gentle high-pass around 30 to 40 Hz is safe — that's mostly rumble. Don't go up near ${v.freq} Hz or you'll lose the weight you're worried about.`,
  ],
  keys: [
    (v) => `Thin out the ${v.part} in the ${v.section}: high-pass it around ${v.freq * 3} Hz and cut a few dB where the guitars have their body. Keys can sit above them instead of beside them.`,
    (v) => `A shelf boost of ${v.db} dB above 5 kHz will help it cut, or try a little saturation to add upper harmonics without making it harsh.`,
    (v) => `Pan it opposite the rhythm guitar, maybe 40 percent, and keep the stereo spread narrow so it has its own spot.`,
    (v) => `Cut the ${v.part} around ${v.freq * 2} Hz by ${v.db} dB, or just high-pass it — the left hand of the piano is doubling the bass anyway.`,
  ],
};

// Model outputs: plausible but more generic than the expert, as fine-tuned models tend to be.
const MODEL_LINES: Line[] = [
  (v) => `You could try using EQ on the ${v.part} to reduce some frequencies around ${v.freq} Hz, and maybe add compression to control the dynamics.`,
  (v) => `I think the ${v.part} could be a bit louder in the ${v.section}. Try raising it by about ${v.db} dB and see how it sits in the mix.`,
  (v) => `It sounds good overall. Maybe add some reverb to the ${v.part} to give it more space, and check the balance with the other instruments.`,
  (v) => `Try a compressor with a ${v.ratio}:1 ratio and a ${v.ms} ms attack on the ${v.part}. That should help it sit better.`,
  (v) => `The ${v.part} might be clashing with other elements. Use a high-pass filter and pan it a little to the side to create separation.`,
  (v) => `I would cut around ${v.freq * 4} Hz on the ${v.part} to reduce muddiness and boost the high end slightly for clarity.`,
];

const SUMMARIES = [
  "In the previous session we balanced the drums and set up a rough vocal chain.",
  "Last time we worked on the low end and decided the kick should carry the sub.",
  "In the previous session we fixed phase issues between the two guitar mics.",
  "Last session we set levels for the verse and talked about automation for the chorus.",
  "Previously we cleaned up the vocal edits and added a plate reverb.",
];

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** The numbers and names one dialogue line is filled with, drawn in a fixed order so samples stay reproducible. */
function drawVars(rand: () => number, topic: TMixAssistTopic): Vars {
  return {
    freq: pick(rand, [60, 80, 100, 120, 150]),
    db: 2 + Math.floor(rand() * 4),
    ms: pick(rand, [10, 20, 30, 40]),
    ratio: pick(rand, [2, 3, 4]),
    part: pick(rand, PARTS[topic]),
    section: pick(rand, SECTIONS),
  };
}

/**
 * Generates `n` MixAssist-style rows (all with has_content true) in conversations of 2–4 turns,
 * the matching model outputs, and a WAV for every referenced audio path. Deterministic in `seed`.
 * Rows follow the published shape: turn 0 prepends the prior-session summary to `user`, and each
 * row's input_history holds the earlier turns with their audio.
 */
export function makeMixAssistSample(n: number, seed: number, opts: TSampleOptions = {}): TMixAssistSample {
  const { generatedSystem = "qwen-ft", seconds = 6, sampleRate = 44100, split = "test" } = opts;
  const rand = lcg(seed);
  const rows: TSampleRow[] = [];
  const outputs: TSampleOutput[] = [];
  const audio = new Map<string, Buffer>();
  const kinds = new Map<string, TSynthKind>();
  let conv = 0;

  while (rows.length < n) {
    const group = 1 + Math.floor(rand() * 12);
    conv += 1 + Math.floor(rand() * 4);
    const conversationId = `group${group}_conv${conv}`;
    const topic = pick(rand, MIXASSIST_TOPICS);
    const turns = Math.min(n - rows.length, 2 + Math.floor(rand() * 3));
    const history: TSampleRow["input_history"] = [];
    let cut = 1 + Math.floor(rand() * 60);
    const usedExpertLines = new Set<number>(); // a reply must not repeat an earlier turn of its conversation

    for (let turn = 0; turn < turns; turn++) {
      const vars = drawVars(rand, topic);
      const audioFile = `audio/segments/Group${group}/cut_${cut}.wav`;
      kinds.set(audioFile, topic);
      cut += 1 + Math.floor(rand() * 3);
      const utterance = pick(rand, USER_LINES[topic])(vars);
      const user = turn === 0 ? `${pick(rand, SUMMARIES)} ${utterance}` : utterance;
      const lines = EXPERT_LINES[topic];
      let li = Math.floor(rand() * lines.length);
      while (usedExpertLines.has(li) && usedExpertLines.size < lines.length) li = (li + 1) % lines.length;
      usedExpertLines.add(li);
      const assistant = lines[li](vars);
      rows.push({
        conversation_id: conversationId,
        topic,
        turn_id: turn,
        has_content: true,
        input_history: history.map((h) => ({ ...h })),
        audio_file: audioFile,
        user,
        assistant,
        split,
      });
      outputs.push({ conversation_id: conversationId, turn_id: turn, generation: pick(rand, MODEL_LINES)(vars), system: generatedSystem });
      history.push({ role: "user", content: user, audio_file: audioFile }, { role: "assistant", content: assistant, audio_file: null });
    }
  }

  let clipSeed = seed;
  for (const [path, kind] of kinds) {
    clipSeed = (Math.imul(clipSeed, 31) + path.length * 977 + 1) >>> 0;
    audio.set(path, encodeWav(synthClip({ seconds, sampleRate, seed: clipSeed, kind })));
  }
  return { rows, outputs, audio };
}

/** One JSON object per line, as the JSONL importers read it. */
export function toJsonl(records: readonly object[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + "\n";
}

// Numbered advice as models often format it; puts newlines inside quoted CSV cells.
const LIST_LINE: Line = (v) =>
  `Here are a few things to try:\n1. Cut around ${v.freq * 4} Hz on the ${v.part}.\n2. Compress it at ${v.ratio}:1 with a ${v.ms} ms attack.\n3. Check the ${v.section} in mono.`;

/**
 * A judge CSV as the MixAssist evaluation code writes it: `conversation_id`, `turn_id`, `topic`,
 * `audio_file`, `prompt` (the amateur's utterance), `ground_truth` (the expert reply) and one
 * `<system>_generation` column per system. Rows, ids and audio paths are those of
 * `makeMixAssistSample(n, seed)`; some generations span several lines. Deterministic in `seed`.
 */
export function makeJudgeCsvSample(n: number, seed: number, systems: readonly string[] = ["qwen", "ltu", "mullama"]): string {
  // The tiniest clip: only the rows are wanted here, not the audio.
  const { rows } = makeMixAssistSample(n, seed, { seconds: 1 / 8000, sampleRate: 8000 });
  const rand = lcg(seed ^ 0x5eed);
  const records = rows.map((row) => {
    const topic = row.topic as TMixAssistTopic;
    const generations = Object.fromEntries(
      systems.map((system) => {
        const vars = drawVars(rand, topic);
        const line = rand() < 0.15 ? LIST_LINE : pick(rand, MODEL_LINES);
        return [`${system}_generation`, line(vars)];
      }),
    );
    return {
      conversation_id: row.conversation_id,
      turn_id: row.turn_id,
      topic: row.topic,
      audio_file: row.audio_file ?? "",
      prompt: row.user,
      ground_truth: row.assistant,
      ...generations,
    };
  });
  const columns = ["conversation_id", "turn_id", "topic", "audio_file", "prompt", "ground_truth", ...systems.map((s) => `${s}_generation`)];
  return stringify(records, { header: true, columns });
}
