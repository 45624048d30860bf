// Integration: uploads decoded, validated, measured once and stored by content hash, on PGlite and PostgreSQL;
// every rejected upload is a clear 4xx that leaves no row and no file behind.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { audioPathFor, insertAudioRow } from "@/db/queries/audio/store-audio";
import { getAudioFacts, getAudioFactsMany } from "@/db/queries/audio/get-audio-facts";
import { AppError } from "@/lib/http/app-error";
import { env } from "@/lib/env";
import { computeAudioFacts, ZAudioFacts } from "./facts";
import { synthClip } from "./synth";
import { formatLimitDuration, NOT_READABLE_AUDIO, storeUploadedAudio, wavIsTruncated } from "./upload";
import { encodeWav } from "./wav";

const MB = 1024 * 1024;
const limits = { maxBytes: 20 * MB, maxDurationS: 600 };
const clip = synthClip({ seconds: 4, sampleRate: 44100, seed: 21 });
const wav = encodeWav(clip);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A 32-bit float WAV (format 3) holding the given samples, mono 8 kHz. */
function floatWav(samples: number[]): Buffer {
  const f = Buffer.alloc(44 + 4 * samples.length);
  f.write("RIFF", 0, "ascii");
  f.writeUInt32LE(36 + 4 * samples.length, 4);
  f.write("WAVEfmt ", 8, "ascii");
  f.writeUInt32LE(16, 16);
  f.writeUInt16LE(3, 20);
  f.writeUInt16LE(1, 22);
  f.writeUInt32LE(8000, 24);
  f.writeUInt32LE(32000, 28);
  f.writeUInt16LE(4, 32);
  f.writeUInt16LE(32, 34);
  f.write("data", 36, "ascii");
  f.writeUInt32LE(4 * samples.length, 40);
  samples.forEach((x, i) => f.writeFloatLE(x, 44 + 4 * i));
  return f;
}

/** Files under the audio folder (ignoring none: a rejected upload must not leave even a temp file). */
function storedFiles(): string[] {
  const dir = env().audioDir;
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name);
}

async function rowCount(): Promise<number> {
  const db = await getDb();
  const [r] = await db.select({ n: count() }).from(audioFiles);
  return r.n;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("wavIsTruncated", () => {
  it("spots a data chunk cut short, but not a whole file or a streaming header", () => {
    expect(wavIsTruncated(wav)).toBe(false);
    expect(wavIsTruncated(wav.subarray(0, 5000))).toBe(true);
    const streaming = Buffer.from(wav.subarray(0, 5000));
    streaming.writeUInt32LE(0xffffffff, 40);
    expect(wavIsTruncated(streaming)).toBe(false);
  });

  it("formats duration limits as a person reads them", () => {
    expect(formatLimitDuration(600)).toBe("10 minutes");
    expect(formatLimitDuration(90)).toBe("1.5 minutes");
    expect(formatLimitDuration(60)).toBe("1 minute");
    expect(formatLimitDuration(45)).toBe("45 seconds");
  });
});

describe.each(DB_KINDS)("storeUploadedAudio on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let tools = "";
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    tools = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-upload-"));
  });
  afterAll(async () => {
    await cleanup();
    fs.rmSync(tools, { recursive: true, force: true });
  });

  it("rejects bad uploads with a clear 4xx and stores nothing", async () => {
    const db = await getDb();
    const cases: { name: string; bytes: Buffer; opts?: Partial<typeof limits>; status: number; message: RegExp }[] = [
      { name: "text named .wav", bytes: Buffer.from("conversation_id,turn_id\ngroup4_conv10,3\n"), status: 400, message: /^This file is not audio we can read \(WAV, FLAC, MP3 or OGG\)\.$/ },
      { name: "a PNG", bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]), status: 400, message: /not audio we can read/ },
      { name: "a RIFF header only", bytes: wav.subarray(0, 30), status: 400, message: /not audio we can read.*no audio samples/ },
      { name: "a WAV cut off mid-data", bytes: wav.subarray(0, 40_000), status: 400, message: /"mix\.wav" is cut off/ },
      { name: "FLAC magic then garbage", bytes: Buffer.concat([Buffer.from("fLaC"), Buffer.alloc(400, 7)]), status: 400, message: /not audio we can read/ },
      { name: "MP3 frame sync then garbage", bytes: Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x00]), Buffer.alloc(400, 7)]), status: 400, message: /not audio we can read/ },
      { name: "NaN samples", bytes: floatWav([0.1, NaN, 0.1, ...new Array(2000).fill(0.1)]), status: 400, message: /invalid samples \(NaN or infinite/ },
      { name: "infinite samples", bytes: floatWav([...new Array(2000).fill(0.1), Infinity]), status: 400, message: /invalid samples/ },
      { name: "too long (4 s, limit 2 s)", bytes: wav, opts: { maxDurationS: 2 }, status: 400, message: /^"mix\.wav" is 4\.0 seconds long, longer than the study's limit of 2 seconds\.$/ },
      { name: "too large", bytes: wav, opts: { maxBytes: 100 * 1024 }, status: 413, message: /^"mix\.wav" is 689\.1 KB, larger than the study's limit of 100 KB\.$/ },
      { name: "empty", bytes: Buffer.alloc(0), status: 400, message: /is empty/ },
      { name: "a 100 Hz sample rate", bytes: encodeWav({ sampleRate: 100, channels: [new Float32Array(100).fill(0.1)] }), status: 400, message: /sample rate of 100 Hz; we accept 8000 to 384000 Hz/ },
      { name: "too short (one sample)", bytes: encodeWav({ sampleRate: 44100, channels: [new Float32Array([0.5])] }), status: 400, message: /a clip must be at least 100 ms/ },
    ];
    for (const c of cases) {
      const e = await rejection(storeUploadedAudio(db, Buffer.from(c.bytes), { filename: "mix.wav", ...limits, ...c.opts }));
      expect(e.status, c.name).toBe(c.status);
      expect(e.message, c.name).toMatch(c.message);
    }
    expect(NOT_READABLE_AUDIO).toBe("This file is not audio we can read (WAV, FLAC, MP3 or OGG).");
    expect(await rowCount()).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it("says minutes for a long clip over a minutes limit", async () => {
    const db = await getDb();
    const long = encodeWav({ sampleRate: 8000, channels: [new Float32Array(8000 * 150).map((_, i) => 0.3 * Math.sin(i / 3))] });
    const e = await rejection(storeUploadedAudio(db, long, { maxBytes: 20 * MB, maxDurationS: 120 }));
    expect(e.message).toBe("This file is 2.5 minutes long, longer than the study's limit of 2 minutes.");
    expect(await rowCount()).toBe(0);
  });

  it("stores a WAV once by content hash with its facts computed once; the same bytes again change nothing", async () => {
    const db = await getDb();
    const stored = await storeUploadedAudio(db, wav, { filename: "mix.wav", ...limits });
    const expected = computeAudioFacts(clip);
    expect(stored).toMatchObject({ hash: sha(wav), mime: "audio/wav", durationMs: 4000, sampleRate: 44100, channels: 2 });
    // 16-bit quantisation moves the numbers by far less than the rounding anyone reads them at.
    expect(stored.facts.integratedLufs!).toBeCloseTo(expected.integratedLufs!, 2);
    expect(stored.facts.durationS).toBe(4);
    expect(fs.readFileSync(audioPathFor(stored.hash)).equals(wav)).toBe(true);
    const [row] = await db.select().from(audioFiles).where(eq(audioFiles.hash, stored.hash));
    expect(row).toMatchObject({ mime: "audio/wav", bytes: wav.length, durationMs: 4000, sampleRate: 44100, channels: 2 });
    expect(ZAudioFacts.parse(row.facts)).toEqual(stored.facts);

    const again = await storeUploadedAudio(db, Buffer.from(wav), { ...limits });
    expect(again.hash).toBe(stored.hash);
    expect(await rowCount()).toBe(1);
    expect(storedFiles()).toEqual([stored.hash]);
    expect(await getAudioFacts({ hash: stored.hash })).toEqual(stored.facts);
  });

  it("decodes FLAC, MP3 and OGG made by ffmpeg", async () => {
    const db = await getDb();
    fs.writeFileSync(path.join(tools, "in.wav"), wav);
    for (const [ext, mime, args] of [
      ["flac", "audio/flac", []],
      ["mp3", "audio/mpeg", ["-b:a", "192k"]],
      ["ogg", "audio/ogg", ["-c:a", "libvorbis", "-q:a", "5"]],
    ] as const) {
      const r = spawnSync("ffmpeg", ["-y", "-v", "error", "-i", "in.wav", ...args, `out.${ext}`], { cwd: tools, encoding: "utf8" });
      expect(r.status, `ffmpeg (Debian package) must be installed: ${r.stderr ?? r.error}`).toBe(0);
      const bytes = fs.readFileSync(path.join(tools, `out.${ext}`));
      const stored = await storeUploadedAudio(db, bytes, { filename: `mix.${ext}`, ...limits });
      expect(stored.mime, ext).toBe(mime);
      expect(stored.channels, ext).toBe(2);
      // Lossy codecs pad a few ms; FLAC is exact.
      expect(Math.abs(stored.durationMs - 4000), ext).toBeLessThan(ext === "flac" ? 1 : 80);
      // Same music, same loudness: within 0.3 LU even through a lossy codec.
      expect(Math.abs(stored.facts.integratedLufs! - computeAudioFacts(clip).integratedLufs!), ext).toBeLessThan(0.3);
    }
    expect(await rowCount()).toBe(4);
  });

  it("measures an older row stored without facts once, on first request, and keeps the result", async () => {
    const db = await getDb();
    const old = encodeWav({ sampleRate: 48000, channels: [new Float32Array(48000 * 2).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 100 * i) / 48000))] });
    const hash = sha(old);
    fs.mkdirSync(path.dirname(audioPathFor(hash)), { recursive: true });
    fs.writeFileSync(audioPathFor(hash), old);
    await insertAudioRow(db, { hash, mime: "audio/wav", durationMs: 2000, sampleRate: 48000, channels: 1 }, old.length);
    const [before] = await db.select({ facts: audioFiles.facts }).from(audioFiles).where(eq(audioFiles.hash, hash));
    expect(before.facts).toBeNull();
    const facts = await getAudioFacts({ hash });
    // A 100 Hz sine: mono, no clipping, nearly all its energy in the bass band.
    expect(facts).toMatchObject({ channels: 1, sampleRate: 48000, durationS: 2, clippedSamples: 0, stereoCorrelation: null });
    expect(facts!.bandShares!.bass).toBeGreaterThan(0.95);
    const [after] = await db.select({ facts: audioFiles.facts }).from(audioFiles).where(eq(audioFiles.hash, hash));
    expect(after.facts).toEqual(facts);
    expect((await getAudioFactsMany({ hashes: [hash, "f".repeat(64), "not-a-hash"] })).size).toBe(1);
    expect(await getAudioFacts({ hash: "0".repeat(64) })).toBeNull();
  });
});
