// Decodes a song's multitrack stems to aligned stereo float buffers, refusing what cannot be mixed honestly.
import decode from "audio-decode";

/** One stem as decoded: left and right channels at the song's sample rate. */
export interface TStem {
  name: string;
  channels: [Float32Array, Float32Array];
}

export interface TSong {
  name: string;
  sampleRate: number;
  frames: number;
  stems: TStem[];
  /** What was adjusted on the way, in plain words (padding, mono stems, skipped mixture files). */
  notes: string[];
}

export class StemsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StemsError";
  }
}

/** Files that are a full mix, not a stem (MUSDB18-HQ ships mixture.wav beside its stems); never summed. */
export const MIX_FILE_NAMES = new Set(["mixture", "mix", "master"]);

export const stemNameOf = (file: string) => file.replace(/^.*\//, "").replace(/\.[^.]+$/, "");

/**
 * Decodes each WAV (any sample rate, mono or stereo). Policy, stated in errors and notes:
 * - all stems must share one sample rate (a mismatch is refused, naming each file's rate; resampling would
 *   change the audio the advice is judged on);
 * - more than two channels is refused;
 * - a mono stem is placed in the centre at unity gain (the same samples on left and right, as a mono file plays);
 * - stems of different lengths are padded with silence to the longest (stems bounced from one session start
 *   together; a shorter one has ended), and the note names each padded stem.
 */
export async function loadSong(name: string, files: { name: string; data: Uint8Array }[]): Promise<TSong> {
  const notes: string[] = [];
  const decoded: { name: string; sampleRate: number; data: Float32Array[] }[] = [];
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const stem = stemNameOf(f.name);
    if (MIX_FILE_NAMES.has(stem.toLowerCase())) {
      notes.push(`${name}: skipped ${f.name} (a full mix, not a stem; the mix is rendered from the stems)`);
      continue;
    }
    let d: { channelData: Float32Array[]; sampleRate: number };
    try {
      d = await decode(f.data);
    } catch (err) {
      throw new StemsError(`${name}/${f.name}: could not decode (${(err as Error).message}); WAV stems are expected.`);
    }
    if (!d.channelData?.length || !(d.sampleRate > 0) || d.channelData[0].length === 0) throw new StemsError(`${name}/${f.name}: no audio samples found.`);
    if (d.channelData.length > 2) throw new StemsError(`${name}/${f.name}: has ${d.channelData.length} channels; stems must be mono or stereo.`);
    decoded.push({ name: stem, sampleRate: d.sampleRate, data: d.channelData });
  }
  if (decoded.length < 2) throw new StemsError(`${name}: found ${decoded.length} stem${decoded.length === 1 ? "" : "s"}; need at least two (an anchor and one other).`);
  const dup = decoded.find((s, i) => decoded.findIndex((t) => t.name.toLowerCase() === s.name.toLowerCase()) !== i);
  if (dup) throw new StemsError(`${name}: two stems are named "${dup.name}".`);
  const rates = new Set(decoded.map((s) => s.sampleRate));
  if (rates.size > 1) {
    throw new StemsError(
      `${name}: stems have different sample rates (${decoded.map((s) => `${s.name} ${s.sampleRate} Hz`).join(", ")}); ` +
        "they are not resampled — export every stem at one rate.",
    );
  }
  const sampleRate = decoded[0].sampleRate;
  const frames = Math.max(...decoded.map((s) => s.data[0].length));
  const stems: TStem[] = decoded.map((s) => {
    const len = s.data[0].length;
    if (len < frames) notes.push(`${name}: ${s.name} is ${((frames - len) / sampleRate).toFixed(2)} s shorter than the longest stem; padded with silence`);
    if (s.data.length === 1) notes.push(`${name}: ${s.name} is mono; placed in the centre at unity gain`);
    const pad = (c: Float32Array) => {
      if (c.length === frames) return c;
      const out = new Float32Array(frames);
      out.set(c);
      return out;
    };
    const left = pad(s.data[0]);
    const right = s.data.length === 2 ? pad(s.data[1]) : left.slice();
    return { name: s.name, channels: [left, right] };
  });
  return { name, sampleRate, frames, stems, notes };
}
