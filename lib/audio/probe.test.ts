import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { formatBytes, probeAudio, sniffAudioMime } from "./probe";
import { encodeWav } from "./wav";
import { synthClip } from "./synth";
import { factsFromFile } from "./facts";

const MB = 1024 * 1024;
const wav = encodeWav(synthClip({ seconds: 1.5, sampleRate: 22050, seed: 1 }));

describe("probeAudio", () => {
  it("accepts a synthesized WAV and reports its duration, rate, channels and hash", async () => {
    const res = await probeAudio(wav, { maxBytes: 10 * MB });
    expect(res).toEqual({
      facts: await factsFromFile(wav),
      ok: true,
      mime: "audio/wav",
      durationMs: 1500,
      sampleRate: 22050,
      channels: 2,
      hash: createHash("sha256").update(wav).digest("hex"),
    });
  });

  it("rejects a text file named .wav", async () => {
    const res = await probeAudio(Buffer.from("conversation_id,turn_id\ngroup4_conv10,3\n"), { maxBytes: MB });
    expect(res).toEqual({ ok: false, error: "not an audio file (WAV, FLAC, MP3 or OGG expected)" });
  });

  it("rejects a truncated RIFF header", async () => {
    const res = await probeAudio(wav.subarray(0, 30), { maxBytes: MB });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/could not decode audio\/wav file: no audio samples/);
  });

  it("rejects a garbled fmt chunk and a zero sample rate", async () => {
    const garbled = Buffer.from(wav);
    garbled.write("junk", 12, "ascii");
    expect((await probeAudio(garbled, { maxBytes: MB })).ok).toBe(false);
    const zeroRate = Buffer.from(wav);
    zeroRate.writeUInt32LE(0, 24);
    expect((await probeAudio(zeroRate, { maxBytes: MB })).ok).toBe(false);
  });

  it("rejects FLAC/OGG/MP3 magic followed by garbage", async () => {
    for (const magic of [Buffer.from("fLaC"), Buffer.from("OggS"), Buffer.from([0xff, 0xfb, 0x90, 0x00])]) {
      const res = await probeAudio(Buffer.concat([magic, Buffer.alloc(400, 7)]), { maxBytes: MB });
      expect(res.ok).toBe(false);
    }
  });

  it("rejects an oversize file before decoding, with both sizes in the message", async () => {
    const big = Buffer.alloc(Math.round(12.3 * MB));
    wav.copy(big);
    expect(await probeAudio(big, { maxBytes: 10 * MB })).toEqual({ ok: false, error: "file is 12.3 MB; the limit is 10 MB" });
  });

  it("rejects audio longer than maxSeconds", async () => {
    expect(await probeAudio(wav, { maxBytes: MB, maxSeconds: 1 })).toEqual({ ok: false, error: "audio is 1.5 s long; the limit is 1 s" });
  });

  it("rejects non-finite samples (32-bit float WAV with a NaN)", async () => {
    const f = Buffer.alloc(44 + 16);
    f.write("RIFF", 0, "ascii");
    f.writeUInt32LE(36 + 16, 4);
    f.write("WAVEfmt ", 8, "ascii");
    f.writeUInt32LE(16, 16);
    f.writeUInt16LE(3, 20); // IEEE float
    f.writeUInt16LE(1, 22);
    f.writeUInt32LE(8000, 24);
    f.writeUInt32LE(32000, 28);
    f.writeUInt16LE(4, 32);
    f.writeUInt16LE(32, 34);
    f.write("data", 36, "ascii");
    f.writeUInt32LE(16, 40);
    [0.1, NaN, 0.1, 0.1].forEach((x, i) => f.writeFloatLE(x, 44 + 4 * i));
    expect(await probeAudio(f, { maxBytes: MB })).toEqual({ ok: false, error: "audio contains invalid (NaN or infinite) samples" });
  });
});

describe("sniffAudioMime", () => {
  it("maps magic bytes to MIME types", () => {
    expect(sniffAudioMime(Buffer.from("RIFF\0\0\0\0WAVE"))).toBe("audio/wav");
    expect(sniffAudioMime(Buffer.from("RIFF\0\0\0\0AVI "))).toBeNull();
    expect(sniffAudioMime(Buffer.from("fLaC\0\0\0\0"))).toBe("audio/flac");
    expect(sniffAudioMime(Buffer.from("OggS\0\0\0\0"))).toBe("audio/ogg");
    expect(sniffAudioMime(Buffer.from("ID3\x04\0\0\0\0\0\0"))).toBe("audio/mpeg");
    expect(sniffAudioMime(Buffer.from([0xff, 0xfb, 0x90, 0x64]))).toBe("audio/mpeg");
    expect(sniffAudioMime(Buffer.from([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC ADTS
  });
});

describe("formatBytes", () => {
  it("uses binary MB with one decimal", () => {
    expect(formatBytes(10 * MB)).toBe("10 MB");
    expect(formatBytes(Math.round(12.3 * MB))).toBe("12.3 MB");
    expect(formatBytes(512 * 1024)).toBe("512 KB");
    expect(formatBytes(12)).toBe("12 bytes");
  });
});
