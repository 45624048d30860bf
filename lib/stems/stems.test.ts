import { describe, expect, it } from "vitest";
import decode from "audio-decode";
import { encodeWav } from "@/lib/audio/wav";
import { buildStemItems, groupBySong } from "./build";
import { loadSong, StemsError } from "./load";
import { newPlanState, planErrors } from "./plan";
import { dbToGain, PEAK_LIMIT, renderSegment } from "./render";

/** A sine of `freq` Hz at amplitude `amp`, `seconds` long. */
function sine(freq: number, amp: number, seconds: number, rate: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));
}
const stereo = (c: Float32Array): [Float32Array, Float32Array] => [c, c.map((x) => x * 0.5)];

describe("gain-error injection", () => {
  const rate = 8000;
  const stems = [
    { name: "bass", channels: stereo(sine(55, 0.2, 1, rate)) },
    { name: "drums", channels: stereo(sine(200, 0.1, 1, rate)) },
    { name: "vocals", channels: stereo(sine(440, 0.15, 1, rate)) },
  ];
  it.each([4, -4, 6, -9])("rendered mix − clean mix = (10^(g/20) − 1) × stem for g = %d dB", (g) => {
    const clean = renderSegment(stems, "vocals", 0);
    const err = renderSegment(stems, "vocals", g);
    expect(clean.scale).toBe(1);
    expect(err.scale).toBe(1);
    const k = dbToGain(g) - 1;
    let worst = 0;
    for (let c = 0; c < 2; c++) for (let i = 0; i < err.mix[c].length; i++) worst = Math.max(worst, Math.abs(err.mix[c][i] - clean.mix[c][i] - k * stems[2].channels[c][i]));
    expect(worst).toBeLessThan(1e-6);
    // The stems handed out sum to the mix, the erroneous one carrying the error.
    for (let i = 0; i < 50; i++) expect(err.stems[0].channels[0][i] + err.stems[1].channels[0][i] + err.stems[2].channels[0][i]).toBeCloseTo(err.mix[0][i], 6);
    expect(err.stems[2].channels[0][123]).toBeCloseTo(stems[2].channels[0][123] * dbToGain(g), 6);
  });
  it("scales the mix and every stem equally when the sum would clip, and records the factor", () => {
    const loud = stems.map((s) => ({ name: s.name, channels: s.channels.map((c) => c.map((x) => x * 3)) as [Float32Array, Float32Array] }));
    const r = renderSegment(loud, "drums", 6);
    expect(r.peak).toBeGreaterThan(PEAK_LIMIT);
    expect(r.scale).toBeCloseTo(PEAK_LIMIT / r.peak, 12);
    expect(Math.max(...r.mix[0].map(Math.abs))).toBeLessThanOrEqual(PEAK_LIMIT + 1e-6);
    expect(r.stems[0].channels[0][77]).toBeCloseTo(loud[0].channels[0][77] * r.scale, 6);
    expect(r.stems[1].channels[0][77]).toBeCloseTo(loud[1].channels[0][77] * r.scale * dbToGain(6), 6);
  });
});

describe("planErrors", () => {
  const count = <T,>(xs: T[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());
  it("with a fixed seed, balances stems and signs exactly over a multiple of 2 × stems", () => {
    const plan = planErrors({ tracks: ["drums", "other", "vocals"], segments: 12, gainDb: 4, seed: "fixed" });
    expect([...count(plan.map((p) => p.track)).values()]).toEqual([4, 4, 4]);
    for (const t of ["drums", "other", "vocals"]) expect(plan.filter((p) => p.track === t && p.gainDb === 4)).toHaveLength(2);
    expect(plan.filter((p) => p.gainDb === -4)).toHaveLength(6);
    expect(planErrors({ tracks: ["drums", "other", "vocals"], segments: 12, gainDb: 4, seed: "fixed" })).toEqual(plan); // replayable
    expect(planErrors({ tracks: ["drums", "other", "vocals"], segments: 12, gainDb: 4, seed: "other" })).not.toEqual(plan);
  });
  it("carries the balance across songs: 3 songs × 3 segments over 2 shared stems give 9 errors within one of even", () => {
    const state = newPlanState("songs");
    const all = [0, 1, 2].flatMap(() => planErrors({ tracks: ["drums", "vocals"], segments: 3, gainDb: 4, state }));
    const drums = all.filter((p) => p.track === "drums");
    expect(Math.abs(drums.length * 2 - 9)).toBe(1);
    expect(Math.abs(all.filter((p) => p.gainDb > 0).length * 2 - 9)).toBe(1);
    for (const t of ["drums", "vocals"]) {
      const mine = all.filter((p) => p.track === t);
      expect(Math.abs(mine.filter((p) => p.gainDb > 0).length * 2 - mine.length)).toBeLessThanOrEqual(1);
    }
  });
  it.each(["a", "b", "c", "d"])("stays within one per stem and per sign for 13 segments over 4 stems (seed %s)", (seed) => {
    const plan = planErrors({ tracks: ["a", "b", "c", "d"], segments: 13, gainDb: 3, seed });
    const perTrack = [...count(plan.map((p) => p.track)).values()];
    expect(Math.max(...perTrack) - Math.min(...perTrack)).toBeLessThanOrEqual(1);
    const up = plan.filter((p) => p.gainDb > 0).length;
    expect(Math.abs(up - (13 - up))).toBeLessThanOrEqual(1);
    for (const t of ["a", "b", "c", "d"]) {
      const mine = plan.filter((p) => p.track === t);
      expect(Math.abs(mine.filter((p) => p.gainDb > 0).length * 2 - mine.length)).toBeLessThanOrEqual(1);
    }
  });
});

const wav = (rate: number, ...channels: Float32Array[]) => new Uint8Array(encodeWav({ sampleRate: rate, channels }));

/** A 24-bit PCM WAV (as the Mix Evaluation Dataset ships), written by hand: wav.ts writes 16-bit only. */
function wav24(rate: number, ...channels: Float32Array[]): Uint8Array {
  const frames = channels[0].length;
  const n = channels.length;
  const buf = Buffer.alloc(44 + frames * n * 3);
  buf.write("RIFF", 0, "ascii"); buf.writeUInt32LE(36 + frames * n * 3, 4); buf.write("WAVEfmt ", 8, "ascii");
  buf.writeUInt32LE(16, 16); buf.writeUInt16LE(1, 20); buf.writeUInt16LE(n, 22); buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * n * 3, 28); buf.writeUInt16LE(n * 3, 32); buf.writeUInt16LE(24, 34); buf.write("data", 36, "ascii"); buf.writeUInt32LE(frames * n * 3, 40);
  let o = 44;
  for (let i = 0; i < frames; i++) for (let c = 0; c < n; c++, o += 3) buf.writeIntLE(Math.round(channels[c][i] * 8388607), o, 3);
  return new Uint8Array(buf);
}

describe("loadSong", () => {
  it("decodes 24-bit stems at 96 kHz", async () => {
    const song = await loadSong("s", [
      { name: "bass.wav", data: wav24(96000, sine(55, 0.3, 0.1, 96000)) },
      { name: "keys.wav", data: wav24(96000, sine(330, 0.2, 0.1, 96000), sine(330, 0.2, 0.1, 96000)) },
    ]);
    expect(song.sampleRate).toBe(96000);
    expect(song.stems[0].channels[0][500]).toBeCloseTo(0.3 * Math.sin((2 * Math.PI * 55 * 500) / 96000), 5);
  });

  it("places a mono stem in the centre, pads a shorter stem and skips mixture.wav", async () => {
    const song = await loadSong("s", [
      { name: "bass.wav", data: wav(48000, sine(55, 0.3, 1, 48000)) },
      { name: "vocals.wav", data: wav(48000, sine(440, 0.2, 0.5, 48000), sine(440, 0.1, 0.5, 48000)) },
      { name: "mixture.wav", data: wav(48000, sine(1, 0.1, 1, 48000)) },
    ]);
    expect(song.sampleRate).toBe(48000);
    expect(song.frames).toBe(48000);
    expect(song.stems.map((s) => s.name)).toEqual(["bass", "vocals"]);
    expect(song.stems[0].channels[1][1000]).toBe(song.stems[0].channels[0][1000]);
    expect(song.stems[1].channels[0][30000]).toBe(0);
    expect(song.notes.join("\n")).toMatch(/skipped mixture.wav[\s\S]*bass is mono[\s\S]*vocals is 0.50 s shorter/);
  });
  it.each([44100, 88200, 96000])("loads stems at %d Hz, keeping the rate", async (rate) => {
    const song = await loadSong("s", [
      { name: "bass.wav", data: wav(rate, sine(55, 0.3, 0.25, rate)) },
      { name: "keys.wav", data: wav(rate, sine(330, 0.2, 0.25, rate), sine(330, 0.1, 0.25, rate)) },
    ]);
    expect([song.sampleRate, song.frames]).toEqual([rate, Math.round(0.25 * rate)]);
    expect(song.stems[1].channels[1][100]).toBeCloseTo(0.1 * Math.sin((2 * Math.PI * 330 * 100) / rate), 4);
  });
  it("refuses stems of different sample rates, naming each", async () => {
    await expect(loadSong("s", [
      { name: "bass.wav", data: wav(44100, sine(55, 0.3, 0.2, 44100)) },
      { name: "drums.wav", data: wav(96000, sine(55, 0.3, 0.2, 96000)) },
    ])).rejects.toThrow(/different sample rates \(bass 44100 Hz, drums 96000 Hz\); they are not resampled/);
  });
  it("refuses a file that is not audio", async () => {
    await expect(loadSong("s", [{ name: "bass.wav", data: new TextEncoder().encode("hello") }, { name: "x.wav", data: wav(8000, sine(1, 1, 0.1, 8000)) }])).rejects.toBeInstanceOf(StemsError);
  });
});

describe("buildStemItems", () => {
  it("cuts segments, puts the mix first, then the anchor, then stems, and writes WAVs whose mix equals the erroneous sum", async () => {
    const rate = 44100;
    const files = new Map<string, Uint8Array>([
      ["song/bass.wav", wav(rate, sine(55, 0.2, 2.5, rate))],
      ["song/drums.wav", wav(rate, ...stereo(sine(200, 0.1, 2.5, rate)))],
      ["song/vocals.wav", wav(rate, ...stereo(sine(440, 0.1, 2.5, rate)))],
    ]);
    const stored = new Map<string, Buffer>();
    const { items } = await buildStemItems(files, { anchor: "Bass", segmentSeconds: 1, gainDb: 6, seed: "x", rootName: "root" }, (h, w) => stored.set(h, w));
    expect(items.map((i) => i.externalId)).toEqual(["song:001", "song:002"]); // the 0.5 s tail is dropped
    expect(items[0].clips.map((c) => [c.label, c.role])).toEqual([["Mix", "mix"], ["Bass", "anchor"], ["Drums", "stem"], ["Vocals", "stem"]]);
    expect(new Set(items.map((i) => i.groundTruth.track))).toEqual(new Set(["drums", "vocals"]));
    expect(items.map((i) => Math.abs(i.groundTruth.gain_db))).toEqual([6, 6]);
    expect(items[1].groundTruth.segment_start_s).toBe(1);
    const it1 = items[1];
    const dec = async (h: string) => (await decode(new Uint8Array(stored.get(h)!))).channelData;
    const [mix, bass, drums, vocals] = await Promise.all(it1.clips.map((c) => dec(c.hash)));
    const target = it1.groundTruth.track === "drums" ? drums : vocals;
    const clean = it1.groundTruth.track === "drums" ? vocals : drums;
    const g = dbToGain(it1.groundTruth.gain_db);
    // From the source: mix = bass + clean other + g × erroneous track (16-bit quantisation: within 3 LSB).
    const src = (f: number, amp: number, i: number) => amp * Math.sin((2 * Math.PI * f * (i + rate)) / rate);
    for (const i of [10, 500, 20000]) {
      const tf = it1.groundTruth.track === "drums" ? 200 : 440;
      const of = tf === 200 ? 440 : 200;
      expect(Math.abs(mix[0][i] - (src(55, 0.2, i) + src(of, 0.1, i) + g * src(tf, 0.1, i)))).toBeLessThan(3 / 32768);
      expect(Math.abs(mix[0][i] - (bass[0][i] + target[0][i] + clean[0][i]))).toBeLessThan(3 / 32768);
    }
  });
  it("refuses a missing anchor, naming the stems", async () => {
    const files = new Map([["a.wav", wav(8000, sine(5, 0.1, 1, 8000))], ["b.wav", wav(8000, sine(5, 0.1, 1, 8000))]]);
    await expect(buildStemItems(files, { anchor: "bass", segmentSeconds: 1, gainDb: 3, seed: "x", rootName: "r" }, () => {})).rejects.toThrow(/r: no stem named "bass" to use as the anchor \(stems: a, b\)/);
  });
});

describe("groupBySong", () => {
  const f = (...paths: string[]) => new Map(paths.map((p) => [p, new Uint8Array(1)]));
  const songs = (m: Map<string, { name: string }[]>) => [...m].map(([k, v]) => [k, v.map((x) => x.name)]);
  it("takes top-level stems as one song named after the folder or zip", () => {
    expect(songs(groupBySong(f("bass.wav", "drums.wav", "notes.txt"), "my-song"))).toEqual([["my-song", ["bass.wav", "drums.wav"]]]);
  });
  it("drops a wrapper folder every file shares, and keeps same-named songs in different folders apart", () => {
    expect(songs(groupBySong(f("stems/a/bass.wav", "stems/a/vocals.wav", "stems/b/bass.wav"), "zip"))).toEqual([["a", ["bass.wav", "vocals.wav"]], ["b", ["bass.wav"]]]);
    expect(songs(groupBySong(f("musdb/train/Song/bass.wav", "musdb/test/Song/bass.wav"), "zip"))).toEqual([["train/Song", ["bass.wav"]], ["test/Song", ["bass.wav"]]]);
    expect(songs(groupBySong(f("song-c/bass.wav", "song-c/drums.wav"), "zip"))).toEqual([["song-c", ["bass.wav", "drums.wav"]]]);
  });
});
