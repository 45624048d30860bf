import { describe, expect, it } from "vitest";
import { encodeWav } from "./wav";

describe("encodeWav", () => {
  it("writes a canonical 16-bit PCM RIFF header and interleaved samples", () => {
    const left = new Float32Array([0, 1, -1]);
    const right = new Float32Array([0.5, -0.5, 2 /* clipped */]);
    const buf = encodeWav({ sampleRate: 8000, channels: [left, right] });

    expect(buf.length).toBe(44 + 3 * 2 * 2);
    expect(buf.toString("ascii", 0, 4)).toBe("RIFF");
    expect(buf.readUInt32LE(4)).toBe(36 + 12);
    expect(buf.toString("ascii", 8, 16)).toBe("WAVEfmt ");
    expect(buf.readUInt32LE(16)).toBe(16);
    expect(buf.readUInt16LE(20)).toBe(1); // PCM
    expect(buf.readUInt16LE(22)).toBe(2); // channels
    expect(buf.readUInt32LE(24)).toBe(8000);
    expect(buf.readUInt32LE(28)).toBe(8000 * 4); // byte rate
    expect(buf.readUInt16LE(32)).toBe(4); // block align
    expect(buf.readUInt16LE(34)).toBe(16);
    expect(buf.toString("ascii", 36, 40)).toBe("data");
    expect(buf.readUInt32LE(40)).toBe(12);

    const samples = Array.from({ length: 6 }, (_, i) => buf.readInt16LE(44 + 2 * i));
    // L0 R0 L1 R1 L2 R2; 0.5 → round(0.5 * 32767) = 16384, -0.5 → -16384, 2 clips to 32767.
    expect(samples).toEqual([0, 16384, 32767, -16384, -32768, 32767]);
  });

  it("rejects channels of different lengths", () => {
    expect(() => encodeWav({ sampleRate: 44100, channels: [new Float32Array(2), new Float32Array(3)] })).toThrow(/differ/);
  });
});
