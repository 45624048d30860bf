import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { matchAudioPath, normaliseZipPath, readAudioZip } from "./zip";

async function makeZip(files: Record<string, string | Uint8Array>, folders: string[] = []): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  for (const f of folders) zip.folder(f);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("readAudioZip", () => {
  it("reads files by normalised path, skipping directories and __MACOSX", async () => {
    const buf = await makeZip(
      { "audio/segments/Group4/cut_36.wav": "AAAA", "./audio/segments/Group4/cut_37.wav": "BB", "__MACOSX/audio/._cut_36.wav": "x", "audio/.DS_Store": "y" },
      ["empty"],
    );
    const files = await readAudioZip(buf);
    expect([...files.keys()].sort()).toEqual(["audio/segments/Group4/cut_36.wav", "audio/segments/Group4/cut_37.wav"]);
    expect(files.get("audio/segments/Group4/cut_36.wav")?.toString()).toBe("AAAA");
  });

  it.each([
    ["../x.wav", "unsafe path in zip: ../x.wav"],
    ["audio/../../x.wav", "unsafe path in zip: audio/../../x.wav"],
    ["..\\..\\x.wav", "unsafe path in zip: ..\\..\\x.wav"],
    ["/etc/x.wav", "unsafe path in zip: /etc/x.wav"],
  ])("rejects the traversal %s", async (name, message) => {
    const buf = await makeZip({ [name]: "evil", "ok.wav": "fine" });
    await expect(readAudioZip(buf)).rejects.toThrow(message);
  });

  it("stops a bomb by its declared size", async () => {
    const buf = await makeZip({ "zeros.wav": new Uint8Array(8 * 1024 * 1024) });
    expect(buf.length).toBeLessThan(64 * 1024); // 8 MB of zeros compress to a few KB
    await expect(readAudioZip(buf, { maxTotalBytes: 1024 * 1024 })).rejects.toThrow("zeros.wav in zip is larger than the 1 MB limit per file");
  });

  it("stops a bomb whose header lies about its size, counting inflated bytes", async () => {
    const buf = await makeZip({ "zeros.wav": new Uint8Array(8 * 1024 * 1024) });
    // Rewrite the uncompressed size (offset 24 in the central directory entry) to 100 bytes.
    const cd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buf.writeUInt32LE(100, cd + 24);
    const local = buf.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    buf.writeUInt32LE(100, local + 22);
    await expect(readAudioZip(buf, { maxTotalBytes: 1024 * 1024 })).rejects.toThrow(/larger than the 1 MB limit/);
  });

  it("limits the total across entries and the number of entries", async () => {
    const buf = await makeZip({ "a.wav": new Uint8Array(600 * 1024), "b.wav": new Uint8Array(600 * 1024) });
    await expect(readAudioZip(buf, { maxTotalBytes: 1024 * 1024 })).rejects.toThrow("zip contents are larger than the 1 MB limit");
    await expect(readAudioZip(buf, { maxEntries: 1 })).rejects.toThrow("zip has 2 files; the limit is 1");
  });

  it("rejects bytes that are not a zip", async () => {
    await expect(readAudioZip(Buffer.from("hello"))).rejects.toThrow(/not a readable zip file/);
  });
});

describe("normaliseZipPath", () => {
  it("turns backslashes into slashes and drops . segments", () => {
    expect(normaliseZipPath("audio\\segments\\.\\cut_1.wav")).toBe("audio/segments/cut_1.wav");
    expect(() => normaliseZipPath("C:\\x.wav")).toThrow("unsafe path in zip: C:\\x.wav");
  });
});

describe("matchAudioPath", () => {
  const files = new Map<string, Buffer>([
    ["MixAssist/audio/segments/Group4/cut_37.wav", Buffer.from("g4")],
    ["MixAssist/audio/segments/Group5/cut_37.wav", Buffer.from("g5")],
    ["audio/segments/Group4/cut_36.wav", Buffer.from("exact")],
  ]);

  it("prefers the exact path", () => {
    expect(matchAudioPath("audio/segments/Group4/cut_36.wav", files)).toMatchObject({ ok: true, path: "audio/segments/Group4/cut_36.wav" });
  });

  it("falls back to the unique longest suffix", () => {
    const m = matchAudioPath("audio/segments/Group4/cut_37.wav", files);
    expect(m).toEqual({ ok: true, path: "MixAssist/audio/segments/Group4/cut_37.wav", data: Buffer.from("g4") });
    expect(matchAudioPath("Group5\\cut_37.wav", files)).toMatchObject({ ok: true, path: "MixAssist/audio/segments/Group5/cut_37.wav" });
  });

  it("reports an ambiguous basename and a missing file", () => {
    expect(matchAudioPath("cut_37.wav", files)).toEqual({
      ok: false,
      error: "cut_37.wav matches several files in the zip: MixAssist/audio/segments/Group4/cut_37.wav, MixAssist/audio/segments/Group5/cut_37.wav",
    });
    expect(matchAudioPath("audio/segments/Group9/cut_1.wav", files)).toEqual({ ok: false, error: "no file in the zip matches audio/segments/Group9/cut_1.wav" });
  });

  it("never lets a clip of another folder stand in for a missing one", () => {
    const only = new Map<string, Buffer>([["audio/segments/Group2/cut_37.wav", Buffer.from("g2")]]);
    expect(matchAudioPath("audio/segments/Group4/cut_37.wav", only)).toEqual({ ok: false, error: "no file in the zip matches audio/segments/Group4/cut_37.wav" });
    const flat = new Map<string, Buffer>([["cut_37.wav", Buffer.from("flat")]]);
    expect(matchAudioPath("audio/segments/Group4/cut_37.wav", flat)).toMatchObject({ ok: true, path: "cut_37.wav" });
  });
});
