// From songs' stems to rating items: segments, one seeded gain error each, the rendered clips and the ground truth.
import { createHash } from "node:crypto";
import { encodeWav } from "@/lib/audio/wav";
import { loadSong, StemsError, stemNameOf, type TSong } from "./load";
import { newPlanState, planErrors } from "./plan";
import { renderSegment } from "./render";

export { StemsError };

export interface TStemsOptions {
  /** The stem every segment keeps clean and the advice is conditioned on (e.g. "bass"); matched case-insensitively. */
  anchor: string;
  segmentSeconds: number;
  /** Size of the injected error in dB (applied as +n or −n). */
  gainDb: number;
  seed: string;
  /** Stop after this many segments per song (all full segments when absent). */
  maxSegmentsPerSong?: number;
  /** The prompt shown with each item; {anchor} is replaced by the anchor's label. */
  prompt?: string;
}

export const DEFAULT_PROMPT = "Here is a mix and its stems, with the {anchor} as the anchor track. Which track's level should change relative to the {anchor}, which way, and by how much?";

export interface TStemClip {
  label: string;
  role: "mix" | "anchor" | "stem";
  hash: string;
  bytes: number;
  durationMs: number;
  sampleRate: number;
  channels: number;
}

/** Receives each rendered WAV once it is made (stored by hash), so only metadata stays in memory. */
export type TStoreClip = (hash: string, wav: Buffer) => void;

export interface TStemItem {
  externalId: string;
  song: string;
  segment: number;
  startSeconds: number;
  userUtterance: string;
  /** Mix first, then the anchor, then the other stems by name. */
  clips: TStemClip[];
  groundTruth: { track: string; gain_db: number; song: string; segment_start_s: number; segment_s: number; mix_scale_db: number; anchor: string };
}

const label = (name: string) => name.replace(/[_-]+/g, " ").replace(/^\w/, (c) => c.toUpperCase());
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * Groups WAV files by song: a song is the folder holding its stems, named by its path (so two folders
 * called "Song" in train/ and test/ stay apart), less any folder every file shares; files at the top level
 * are one song named `rootName`.
 */
export function groupBySong(files: Map<string, Uint8Array>, rootName: string): Map<string, { name: string; data: Uint8Array }[]> {
  const wavs = [...files].filter(([p]) => /\.wav$/i.test(p)).map(([p, data]) => ({ parts: p.split("/").filter(Boolean), data }));
  // Drop leading folders that every file shares (a zip's wrapper folder), keeping at least the file name.
  let shared = 0;
  while (wavs.length > 0 && wavs.every((w) => w.parts.length > shared + 1 && w.parts[shared] === wavs[0].parts[shared])) shared++;
  const songs = new Map<string, { name: string; data: Uint8Array }[]>();
  for (const w of wavs) {
    const folder = w.parts.slice(shared, -1).join("/");
    const song = folder || (shared > 0 ? w.parts[shared - 1] : rootName);
    if (!songs.has(song)) songs.set(song, []);
    songs.get(song)!.push({ name: w.parts[w.parts.length - 1], data: w.data });
  }
  return songs;
}

function anchorOf(song: TSong, anchor: string): string {
  const found = song.stems.find((s) => s.name.toLowerCase() === anchor.toLowerCase());
  if (!found) throw new StemsError(`${song.name}: no stem named "${anchor}" to use as the anchor (stems: ${song.stems.map((s) => s.name).join(", ")}).`);
  return found.name;
}

/**
 * Cuts each song into full segments of `segmentSeconds` (a shorter tail is dropped), plans one error per
 * segment with one balance carried across all songs, renders every clip as 16-bit WAV and hashes it.
 */
export async function buildStemItems(
  files: Map<string, Uint8Array>,
  opts: TStemsOptions & { rootName: string },
  storeClip: TStoreClip,
): Promise<{ items: TStemItem[]; notes: string[] }> {
  if (!(opts.segmentSeconds >= 1 && opts.segmentSeconds <= 120)) throw new StemsError("The segment length must be 1 to 120 seconds.");
  if (!(opts.gainDb > 0 && opts.gainDb <= 24)) throw new StemsError("The gain error must be more than 0 and at most 24 dB.");
  const groups = groupBySong(files, opts.rootName);
  if (groups.size === 0) throw new StemsError("No WAV stems found (a folder of .wav files, or one sub-folder of .wav files per song).");
  const notes: string[] = [];
  const items: TStemItem[] = [];
  // One plan over all songs, so stems and signs balance over the whole set, not only within a song.
  const plan = newPlanState(opts.seed);
  for (const [songName, songFiles] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const song = await loadSong(songName, songFiles);
    notes.push(...song.notes);
    const anchor = anchorOf(song, opts.anchor);
    const others = song.stems.map((s) => s.name).filter((n) => n !== anchor);
    const segFrames = Math.round(opts.segmentSeconds * song.sampleRate);
    let count = Math.floor(song.frames / segFrames);
    if (count === 0) throw new StemsError(`${songName}: is ${(song.frames / song.sampleRate).toFixed(1)} s long, shorter than one ${opts.segmentSeconds} s segment.`);
    if (opts.maxSegmentsPerSong) count = Math.min(count, opts.maxSegmentsPerSong);
    const errors = planErrors({ tracks: others, segments: count, gainDb: opts.gainDb, state: plan });
    const ordered = [song.stems.find((s) => s.name === anchor)!, ...song.stems.filter((s) => s.name !== anchor).sort((a, b) => a.name.localeCompare(b.name))];
    for (const { segment, track, gainDb } of errors) {
      const start = segment * segFrames;
      const slice = ordered.map((s) => ({ name: s.name, channels: s.channels.map((c) => c.subarray(start, start + segFrames)) as [Float32Array, Float32Array] }));
      const r = renderSegment(slice, track, gainDb);
      if (r.scale < 1) notes.push(`${songName} segment ${segment + 1}: the mix peaked at ${r.peak.toFixed(3)}; mix and stems scaled by ${(20 * Math.log10(r.scale)).toFixed(2)} dB`);
      const clip = (lbl: string, role: TStemClip["role"], channels: Float32Array[]): TStemClip => {
        const wav = encodeWav({ sampleRate: song.sampleRate, channels });
        const hash = sha256(wav);
        storeClip(hash, wav);
        return { label: lbl, role, hash, bytes: wav.length, durationMs: Math.round((segFrames / song.sampleRate) * 1000), sampleRate: song.sampleRate, channels: 2 };
      };
      const startSeconds = Math.round((start / song.sampleRate) * 1000) / 1000;
      items.push({
        externalId: `${songName}:${String(segment + 1).padStart(3, "0")}`,
        song: songName,
        segment: segment + 1,
        startSeconds,
        userUtterance: (opts.prompt ?? DEFAULT_PROMPT).replaceAll("{anchor}", label(anchor).toLowerCase()),
        clips: [clip("Mix", "mix", r.mix), ...r.stems.map((s, i) => clip(label(s.name), i === 0 ? "anchor" : "stem", s.channels))],
        groundTruth: {
          track, gain_db: gainDb, song: songName, segment_start_s: startSeconds, segment_s: opts.segmentSeconds,
          mix_scale_db: Math.round(20 * Math.log10(r.scale) * 100) / 100, anchor,
        },
      });
    }
  }
  return { items, notes };
}

export { stemNameOf };
