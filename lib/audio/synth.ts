// Deterministic synthesis of short music-like stereo clips for the demo and tests (no downloads).

export type TSynthKind = "drums" | "bass" | "keys" | "vocals" | "guitars" | "overall_mix";
export type TSynthOptions = { seconds: number; sampleRate?: number; seed: number; kind?: TSynthKind };
export type TStereoClip = { sampleRate: number; channels: [Float32Array, Float32Array] };

const PEAK = 0.85;

/** A 32-bit linear congruential generator (Numerical Recipes constants); returns floats in [0, 1). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const midiToHz = (m: number) => 440 * Math.pow(2, (m - 69) / 12);

// Four-chord loops as scale-degree roots (semitones above the key) and chord qualities.
const PROGRESSIONS: { root: number; minor: boolean }[][] = [
  [{ root: 0, minor: false }, { root: 7, minor: false }, { root: 9, minor: true }, { root: 5, minor: false }],
  [{ root: 9, minor: true }, { root: 5, minor: false }, { root: 0, minor: false }, { root: 7, minor: false }],
  [{ root: 0, minor: false }, { root: 9, minor: true }, { root: 5, minor: false }, { root: 7, minor: false }],
  [{ root: 2, minor: true }, { root: 7, minor: false }, { root: 0, minor: false }, { root: 0, minor: false }],
];
const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];

type Ctx = {
  sr: number;
  n: number;
  beat: number; // samples per beat
  key: number; // MIDI note of the tonic in octave 3
  prog: { root: number; minor: boolean }[];
  rand: () => number;
  L: Float32Array;
  R: Float32Array;
};

/** Adds a mono signal to the stereo bus with constant-power panning (-1 left … +1 right). */
function addPanned(ctx: Ctx, start: number, sig: Float32Array, gain: number, pan: number) {
  const a = ((pan + 1) * Math.PI) / 4;
  const gl = Math.cos(a) * gain;
  const gr = Math.sin(a) * gain;
  for (let i = 0; i < sig.length && start + i < ctx.n; i++) {
    if (start + i < 0) continue;
    ctx.L[start + i] += sig[i] * gl;
    ctx.R[start + i] += sig[i] * gr;
  }
}

function chordAt(ctx: Ctx, sample: number) {
  const bar = Math.floor(sample / (ctx.beat * 4));
  return ctx.prog[bar % ctx.prog.length];
}

function drums(ctx: Ctx) {
  const { sr, n, beat, rand } = ctx;
  const eighth = beat / 2;
  // Kick: sine sweeping 120 → 45 Hz with an exponential decay.
  const kickLen = Math.floor(sr * 0.35);
  const kick = new Float32Array(kickLen);
  let phase = 0;
  for (let i = 0; i < kickLen; i++) {
    const t = i / sr;
    phase += (2 * Math.PI * (45 + 75 * Math.exp(-t * 30))) / sr;
    kick[i] = Math.sin(phase) * Math.exp(-t * 9);
  }
  const snareLen = Math.floor(sr * 0.2);
  const hatLen = Math.floor(sr * 0.05);
  for (let step = 0; step * eighth < n; step++) {
    const at = Math.floor(step * eighth);
    const inBar = step % 8;
    if (inBar === 0 || inBar === 4 || (inBar === 5 && rand() < 0.5)) addPanned(ctx, at, kick, 0.9, 0);
    if (inBar === 2 || inBar === 6) {
      const snare = new Float32Array(snareLen);
      for (let i = 0; i < snareLen; i++) {
        const t = i / sr;
        snare[i] = (rand() * 2 - 1) * Math.exp(-t * 22) * 0.7 + Math.sin(2 * Math.PI * 185 * t) * Math.exp(-t * 30) * 0.5;
      }
      addPanned(ctx, at, snare, 0.6, 0.05);
    }
    // Hats: first difference of white noise tilts it bright; accents on the off-beats.
    const hat = new Float32Array(hatLen);
    let prev = 0;
    for (let i = 0; i < hatLen; i++) {
      const w = rand() * 2 - 1;
      hat[i] = (w - prev) * Math.exp(-(i / sr) * 70);
      prev = w;
    }
    addPanned(ctx, at, hat, step % 2 ? 0.22 : 0.14, 0.35);
  }
}

function bass(ctx: Ctx) {
  const { sr, n, beat } = ctx;
  const eighth = beat / 2;
  const noteLen = Math.floor(eighth * 0.9);
  for (let step = 0; step * eighth < n; step++) {
    const at = Math.floor(step * eighth);
    const chord = chordAt(ctx, at);
    const octaveJump = step % 8 === 7 ? 12 : 0;
    const f = midiToHz(ctx.key - 12 + chord.root + octaveJump);
    const note = new Float32Array(noteLen);
    for (let i = 0; i < noteLen; i++) {
      const t = i / sr;
      // Band-limited saw: the first five partials, rolled off like a low-passed bass.
      let s = 0;
      for (let k = 1; k <= 5; k++) s += Math.sin(2 * Math.PI * f * k * t) / (k * k);
      const env = Math.min(1, t * 200) * Math.exp(-t * 3);
      note[i] = s * env;
    }
    addPanned(ctx, at, note, 0.4, 0);
  }
}

function chordNotes(ctx: Ctx, chord: { root: number; minor: boolean }, octave: number) {
  const base = ctx.key + 12 * octave + chord.root;
  return [base, base + (chord.minor ? 3 : 4), base + 7, base + 12];
}

function keys(ctx: Ctx) {
  const { sr, n, beat } = ctx;
  const barLen = beat * 4;
  for (let bar = 0; bar * barLen < n; bar++) {
    const at = Math.floor(bar * barLen);
    const notes = chordNotes(ctx, ctx.prog[bar % ctx.prog.length], 1);
    // Two hits per bar, like a comping piano.
    for (const offset of [0, beat * 2.5]) {
      const len = Math.floor(barLen - offset);
      notes.forEach((m, idx) => {
        const f = midiToHz(m);
        const sig = new Float32Array(len);
        for (let i = 0; i < len; i++) {
          const t = i / sr;
          const env = Math.min(1, t * 400) * Math.exp(-t * 1.8);
          sig[i] = (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t) + 0.1 * Math.sin(6 * Math.PI * f * t)) * env;
        }
        addPanned(ctx, Math.floor(at + offset), sig, 0.16, idx % 2 ? 0.4 : -0.4);
      });
    }
  }
}

function vocals(ctx: Ctx) {
  const { sr, n, beat, rand } = ctx;
  // A sung line: one note per beat from the scale, near the chord tones, with vibrato and a vowel-ish tone.
  let degree = 4;
  for (let b = 0; b * beat < n; b++) {
    const at = Math.floor(b * beat);
    if (b % 8 === 7) continue; // breath
    degree = Math.max(0, Math.min(9, degree + Math.floor(rand() * 5) - 2));
    const m = ctx.key + 12 + MAJOR_SCALE[degree % 7] + 12 * Math.floor(degree / 7);
    const f = midiToHz(m);
    const len = Math.floor(beat * (b % 8 === 6 ? 1.9 : 0.95));
    const sig = new Float32Array(len);
    let phase = 0;
    for (let i = 0; i < len; i++) {
      const t = i / sr;
      phase += (2 * Math.PI * f * (1 + 0.006 * Math.sin(2 * Math.PI * 5.5 * t))) / sr;
      const env = Math.min(1, t * 25) * Math.min(1, (len - i) / (sr * 0.05));
      // Partials weighted around 700–1200 Hz, roughly an "ah" vowel.
      let s = 0;
      for (let k = 1; k <= 8; k++) {
        const fk = f * k;
        const formant = Math.exp(-Math.pow((fk - 800) / 500, 2)) + 0.5 * Math.exp(-Math.pow((fk - 1200) / 400, 2));
        s += Math.sin(phase * k) * (0.25 / k + formant);
      }
      sig[i] = s * env;
    }
    addPanned(ctx, at, sig, 0.18, 0);
  }
}

function guitars(ctx: Ctx) {
  const { sr, n, beat, rand } = ctx;
  // Karplus–Strong plucked strings, strummed on each beat with a small delay between strings.
  for (let b = 0; b * beat < n; b++) {
    const at = Math.floor(b * beat);
    const notes = chordNotes(ctx, chordAt(ctx, at), 0).concat(chordNotes(ctx, chordAt(ctx, at), 1).slice(1, 3));
    const len = Math.floor(beat * 1.5);
    notes.forEach((m, idx) => {
      const period = Math.max(2, Math.round(sr / midiToHz(m)));
      const ring = new Float32Array(period);
      for (let i = 0; i < period; i++) ring[i] = rand() * 2 - 1;
      const sig = new Float32Array(len);
      let p = 0;
      for (let i = 0; i < len; i++) {
        const next = (p + 1) % period;
        const v = 0.498 * (ring[p] + ring[next]);
        sig[i] = ring[p];
        ring[p] = v;
        p = next;
      }
      const strumDelay = Math.floor(idx * sr * (b % 2 ? 0.008 : 0.012));
      addPanned(ctx, at + strumDelay, sig, 0.35, b % 2 ? -0.5 : -0.3);
    });
  }
}

/**
 * Synthesises a seeded stereo clip: key, tempo, chord loop and every random draw come from `seed`,
 * so the same options always give the same samples. `kind` picks one stem; "overall_mix" (the
 * default) sums all of them. The result is normalised to a peak of 0.85.
 */
export function synthClip({ seconds, sampleRate = 44100, seed, kind = "overall_mix" }: TSynthOptions): TStereoClip {
  if (!(seconds > 0)) throw new Error(`synthClip: seconds must be positive, got ${seconds}`);
  const rand = lcg(seed);
  const n = Math.max(1, Math.round(seconds * sampleRate));
  const bpm = 84 + Math.floor(rand() * 40);
  const ctx: Ctx = {
    sr: sampleRate,
    n,
    beat: (60 / bpm) * sampleRate,
    key: 48 + Math.floor(rand() * 12),
    prog: PROGRESSIONS[Math.floor(rand() * PROGRESSIONS.length)],
    rand,
    L: new Float32Array(n),
    R: new Float32Array(n),
  };
  const stems: Record<Exclude<TSynthKind, "overall_mix">, (c: Ctx) => void> = { drums, bass, keys, vocals, guitars };
  if (kind === "overall_mix") for (const render of Object.values(stems)) render(ctx);
  else stems[kind](ctx);

  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(ctx.L[i]), Math.abs(ctx.R[i]));
  const fadeLen = Math.min(n, Math.floor(sampleRate * 0.02));
  const g = peak > 0 ? PEAK / peak : 0;
  for (let i = 0; i < n; i++) {
    // Short fades so clips start and end without clicks.
    const fade = Math.min(1, i / fadeLen, (n - 1 - i) / fadeLen);
    ctx.L[i] *= g * fade;
    ctx.R[i] *= g * fade;
  }
  return { sampleRate, channels: [ctx.L, ctx.R] };
}
