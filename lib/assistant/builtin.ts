// The built-in mixing assistant: a deterministic, rule-based baseline grounded in a clip's audio
// facts (lib/audio/facts.ts). It is not a language model; studies show it labelled as a baseline
// so it can sit beside real chat models as a floor to beat. Same facts and options → same text.
import type { TAudioFacts } from "@/lib/audio/facts";

export const BUILTIN_ASSISTANT_LABEL = "Built-in baseline (rule-based, not an AI model)";

export type TFindingCode =
  | "silent"
  | "too_quiet"
  | "too_hot"
  | "true_peak_over"
  | "clipping"
  | "over_compressed"
  | "harsh"
  | "dull"
  | "muddy"
  | "boomy"
  | "thin"
  | "mono"
  | "narrow"
  | "phase";
export type TFinding = { code: TFindingCode; detail: string };
export type TBuiltinAdvice = { text: string; findings: TFinding[] };
/** labelled: open with BUILTIN_ASSISTANT_LABEL (researcher-facing uses); chat replies to participants leave it out. */
export type TBuiltinOptions = { genre?: string; question?: string; labelled?: boolean };

/**
 * Typical integrated loudness of finished tracks per genre, LUFS (a range, not a rule). Unknown or
 * missing genres use the streaming reference; streaming services normalise playback to about -14.
 */
export const GENRE_TARGETS: Record<string, { label: string; min: number; max: number }> = {
  streaming: { label: "streaming reference", min: -18, max: -9 },
  pop: { label: "pop", min: -11, max: -7 },
  rock: { label: "rock", min: -11, max: -7 },
  metal: { label: "metal", min: -10, max: -6 },
  "hip-hop": { label: "hip-hop", min: -10, max: -6 },
  edm: { label: "electronic/dance", min: -9, max: -5 },
  "r&b": { label: "R&B", min: -12, max: -8 },
  jazz: { label: "jazz", min: -18, max: -12 },
  classical: { label: "classical", min: -23, max: -16 },
  acoustic: { label: "acoustic/folk", min: -16, max: -11 },
  ambient: { label: "ambient", min: -20, max: -14 },
  speech: { label: "speech/podcast", min: -17, max: -15 },
};

const GENRE_ALIASES: [RegExp, string][] = [
  [/hip ?-?hop|rap|trap/, "hip-hop"],
  [/edm|electro|dance|house|techno|trance|dubstep|drum ?(and|&|n) ?bass/, "edm"],
  [/metal/, "metal"],
  [/rock|punk|grunge|indie/, "rock"],
  [/r ?& ?b|rnb|soul/, "r&b"],
  [/jazz|blues/, "jazz"],
  [/classical|orchestra|choral/, "classical"],
  [/folk|acoustic|singer|country/, "acoustic"],
  [/ambient|drone|chill/, "ambient"],
  [/podcast|speech|voice ?over|audiobook/, "speech"],
  [/pop/, "pop"],
];

/** Maps a free-text genre to a GENRE_TARGETS key ("streaming" when nothing matches). */
export function genreKey(genre: string | undefined): string {
  const g = (genre ?? "").trim().toLowerCase();
  if (!g) return "streaming";
  if (GENRE_TARGETS[g]) return g;
  return GENRE_ALIASES.find(([re]) => re.test(g))?.[1] ?? "streaming";
}

// Thresholds on energy shares. Music's spectrum falls steeply, so most energy sits below 250 Hz;
// the synthesised demo mixes measure about sub 7%, bass 40%, low-mid 7%, mid 40%, high-mid 2.5%,
// air 2%. Thresholds are set well outside that.
export const THRESHOLDS = {
  truePeakMaxDbtp: -1,
  crestMinDb: 8,
  harshHighMidShare: 0.2,
  dullAirShare: 0.005,
  muddyLowMidShare: 0.2,
  boomySubShare: 0.3,
  thinLowShare: 0.15,
  narrowWidth: 0.01,
  monoCorrelation: 0.9995,
} as const;

const f1 = (x: number) => (x > 0 ? "+" : "") + x.toFixed(1);
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 1 : 0)}%`;

/** Words in a question that point at each finding, to put the findings it asks about first. */
const TOPICS: Record<TFindingCode, RegExp> = {
  silent: /silen|nothing/,
  too_quiet: /loud|quiet|level|volume|lufs|master/,
  too_hot: /loud|quiet|level|volume|lufs|master|limit/,
  true_peak_over: /peak|clip|distort|limit|master/,
  clipping: /clip|distort|crackl|peak/,
  over_compressed: /compress|dynamic|punch|squash|limit/,
  harsh: /harsh|bright|sibil|high|treble|ear|piercing/,
  dull: /dull|dark|air|bright|high|treble|muffl/,
  muddy: /mud|low.?mid|boxy|clarity|cloud/,
  boomy: /boom|bass|low|sub|kick/,
  thin: /thin|bass|low|weight|body|kick/,
  mono: /stereo|wide|width|mono|pan|space/,
  narrow: /stereo|wide|width|mono|pan|space/,
  phase: /phase|stereo|mono|width|cancel/,
};

/**
 * Deterministic mixing advice from audio facts: one finding per rule that fires, each quoting the
 * numbers it rests on, and a text that leads with the measurements. `genre` picks the loudness
 * target (GENRE_TARGETS); `question` only reorders findings so the ones it asks about come first.
 */
export function builtinAdvice(facts: TAudioFacts, { genre, question, labelled = true }: TBuiltinOptions = {}): TBuiltinAdvice {
  const findings: TFinding[] = [];
  const target = GENRE_TARGETS[genreKey(genre)];
  const I = facts.integratedLufs;
  const tp = facts.truePeakDbtp;

  if (I === null) {
    findings.push({ code: "silent", detail: "The clip has no measurable loudness (silent, or shorter than 0.4 s), so there is nothing to advise on." });
  } else {
    if (I < target.min) {
      findings.push({
        code: "too_quiet",
        detail: `Your mix measures ${f1(I)} LUFS integrated, ${(target.min - I).toFixed(1)} LU below the ${target.min} to ${target.max} LUFS typical for ${target.label}. Raise the level (gain into a limiter on the master bus) rather than pushing individual faders.`,
      });
    } else if (I > target.max) {
      findings.push({
        code: "too_hot",
        detail: `Your mix measures ${f1(I)} LUFS integrated${tp !== null ? ` with a true peak of ${f1(tp)} dBTP` : ""}, ${(I - target.max).toFixed(1)} LU above the ${target.min} to ${target.max} LUFS typical for ${target.label}. Streaming platforms normalise to about -14 LUFS, so the extra loudness is turned down on playback and only costs dynamics; back off the limiter.`,
      });
    }
  }
  if (tp !== null && tp > THRESHOLDS.truePeakMaxDbtp) {
    findings.push({
      code: "true_peak_over",
      detail: `True peak reaches ${f1(tp)} dBTP, above the -1 dBTP ceiling commonly asked for by streaming services; lossy encoding can then distort. Set the limiter's ceiling to -1 dBTP with true-peak detection on.`,
    });
  }
  if (facts.clippedSamples > 0) {
    findings.push({
      code: "clipping",
      detail: `${facts.clippedSamples} sample${facts.clippedSamples === 1 ? " sits" : "s sit"} at or above full scale (|x| ≥ 0.999), a sign of clipping. Lower the master or the stage that clips and use a limiter instead of hitting 0 dBFS.`,
    });
  }
  if (facts.crestFactorDb !== null && facts.crestFactorDb < THRESHOLDS.crestMinDb) {
    findings.push({
      code: "over_compressed",
      detail: `The crest factor (peak over RMS) is only ${facts.crestFactorDb.toFixed(1)} dB; below about ${THRESHOLDS.crestMinDb} dB a mix usually sounds squashed. Ease off bus compression and limiting to let transients through.`,
    });
  }

  const b = facts.bandShares;
  if (b) {
    if (b.highMid > THRESHOLDS.harshHighMidShare) {
      findings.push({
        code: "harsh",
        detail: `${pct(b.highMid)} of the energy is in the 2-6 kHz high-mids, where the ear is most sensitive; expect harshness. Try a gentle cut of 2-3 dB around 3-4 kHz on the brightest sources (guitars, cymbals, vocal sibilance).`,
      });
    }
    if (b.air < THRESHOLDS.dullAirShare) {
      findings.push({
        code: "dull",
        detail: `Only ${pct(b.air)} of the energy is above 6 kHz, so the mix will sound dull or muffled. A high shelf of +2-4 dB from about 8 kHz on vocals, cymbals or the master adds air.`,
      });
    }
    if (b.lowMid > THRESHOLDS.muddyLowMidShare) {
      findings.push({
        code: "muddy",
        detail: `${pct(b.lowMid)} of the energy sits in the 250-500 Hz low-mids, which tends to sound muddy or boxy. Cut 2-4 dB around 300 Hz on pads, guitars and keys, and high-pass parts that do not need low end.`,
      });
    }
    if (b.sub > THRESHOLDS.boomySubShare) {
      findings.push({
        code: "boomy",
        detail: `${pct(b.sub)} of the energy is below 60 Hz; the low end will be boomy on big systems and eat headroom. High-pass everything but kick and bass, and check that those two do not pile up in the same octave.`,
      });
    } else if (b.sub + b.bass < THRESHOLDS.thinLowShare) {
      findings.push({
        code: "thin",
        detail: `Only ${pct(b.sub + b.bass)} of the energy is below 250 Hz, so the mix will sound thin. Bring up the bass and kick, or add a low shelf around 100 Hz.`,
      });
    }
  }

  if (facts.channels === 1) {
    findings.push({ code: "mono", detail: "The file is mono (one channel). If the song is meant for stereo playback, pan instruments and add stereo reverb or doubled parts to give it width." });
  } else if (facts.stereoCorrelation !== null && facts.stereoWidth !== null) {
    const corr = facts.stereoCorrelation;
    if (corr >= THRESHOLDS.monoCorrelation) {
      findings.push({
        code: "mono",
        detail: `Left and right are practically identical (correlation ${corr.toFixed(3)}): the mix is mono in a stereo file. Pan instruments apart and use stereo reverb or double-tracked parts for width.`,
      });
    } else if (corr < 0) {
      findings.push({
        code: "phase",
        detail: `The stereo correlation is ${corr.toFixed(2)}, below zero: left and right are partly out of phase, and parts will cancel when played in mono. Check polarity of stereo-miked sources and tame stereo wideners.`,
      });
    } else if (facts.stereoWidth < THRESHOLDS.narrowWidth) {
      findings.push({
        code: "narrow",
        detail: `The side signal carries only ${pct(facts.stereoWidth)} of the energy (correlation ${corr.toFixed(2)}): the stereo image is narrow. Pan supporting parts (guitars, keys, backing vocals) further out and keep bass and lead vocal centred.`,
      });
    }
  }

  if (question) {
    const q = question.toLowerCase();
    const asked = (f: TFinding) => (TOPICS[f.code].test(q) ? 0 : 1);
    findings.sort((x, y) => asked(x) - asked(y)); // stable: rule order within each group
  }

  const measured: string[] = [];
  if (I !== null) measured.push(`${f1(I)} LUFS integrated`);
  if (facts.loudnessRangeLu !== null) measured.push(`loudness range ${facts.loudnessRangeLu.toFixed(1)} LU`);
  if (tp !== null) measured.push(`true peak ${f1(tp)} dBTP`);
  if (facts.crestFactorDb !== null) measured.push(`crest factor ${facts.crestFactorDb.toFixed(1)} dB`);
  if (facts.stereoCorrelation !== null) measured.push(`stereo correlation ${facts.stereoCorrelation.toFixed(2)}`);
  const lines = labelled ? [`${BUILTIN_ASSISTANT_LABEL}.`] : [];
  if (measured.length) lines.push(`Measured: ${measured.join(", ")} (${facts.durationS.toFixed(1)} s, ${facts.sampleRate} Hz, ${facts.channels} ch).`);
  if (findings.length) lines.push(...findings.map((f, i) => `${i + 1}. ${f.detail}`));
  else lines.push(`Nothing stands out against the ${target.label} loudness target or the tonal and stereo checks; trust your ears for the rest.`);
  return { text: lines.join("\n"), findings };
}
