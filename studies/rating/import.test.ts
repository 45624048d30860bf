import { describe, expect, it } from "vitest";
import { encodeWav } from "@/lib/audio/wav";
import { ImportError } from "@/lib/import/errors";
import { prepareRatingImport } from "./import";
import { testRatingConfig } from "./test-config";

const config = testRatingConfig();
const tone = (f: number) => encodeWav({ sampleRate: 8000, channels: [Float32Array.from({ length: 800 }, (_, i) => 0.1 * Math.sin((2 * Math.PI * f * i) / 8000))] });
const audio = new Map([["s1/mix.wav", tone(100)], ["s1/bass.wav", tone(55)], ["s1/vocals.wav", tone(440)], ["one.wav", tone(300)]]);
const jsonl = (...rows: object[]) => ({ name: "items.jsonl", text: rows.map((r) => JSON.stringify(r)).join("\n") });
const opts = { audioMaxBytes: 10 * 1024 * 1024 };

async function issuesOf(p: Promise<unknown>): Promise<string[]> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportError);
  return (err as ImportError).message.split("\n");
}

describe("prepareRatingImport", () => {
  it("imports clips in display order (mix, anchor, stems), responses of the study's systems and ground truth", async () => {
    const p = await prepareRatingImport({
      rows: jsonl(
        { id: "seg-1", prompt: "Balance the vocals against the bass.", clips: [{ label: "Vocals", role: "stem", audio: "s1/vocals.wav" }, { label: "Mix", role: "mix", audio: "s1/mix.wav" }, { label: "Bass", role: "anchor", audio: "s1/bass.wav" }], responses: { base: "Turn the vocals down.", buddy: "Lower vocals 4 dB." }, ground_truth: { track: "vocals", gain_db: 4 } },
        { id: 7, user: "How is my mix?", audio: "one.wav", history: [{ role: "user", content: "hi" }] },
      ),
      outputs: null,
      audio,
    }, config, opts);
    expect(p.items).toHaveLength(2);
    const [a, b] = p.items;
    expect(a.clips!.map((c) => [c.label, c.role])).toEqual([["Mix", "mix"], ["Bass", "anchor"], ["Vocals", "stem"]]);
    expect(a.audioHash).toBe(a.clips![0].audioHash);
    expect(a.candidates).toEqual([{ system: "buddy", text: "Lower vocals 4 dB." }, { system: "base", text: "Turn the vocals down." }]);
    expect(a.groundTruth).toEqual({ track: "vocals", gain_db: 4 });
    expect(b).toMatchObject({ externalId: "7", userUtterance: "How is my mix?", candidates: [], conversationId: null, turnId: null });
    expect(b.clips).toBeUndefined();
    expect(p.audio.size).toBe(4);
  });

  it("reads CSV with JSON cells", async () => {
    const text = 'id,prompt,responses,ground_truth\nx1,"Fix it","{""buddy"":""Raise the keys""}","{""track"":""keys"",""gain_db"":-3}"\n';
    const p = await prepareRatingImport({ rows: { name: "items.csv", text }, outputs: null, audio: null }, config, opts);
    expect(p.items[0]).toMatchObject({ externalId: "x1", candidates: [{ system: "buddy", text: "Raise the keys" }], groundTruth: { track: "keys", gain_db: -3 } });
  });

  it("refuses the whole file, naming each bad line and field", async () => {
    const issues = await issuesOf(prepareRatingImport({
      rows: jsonl(
        { id: "ok", prompt: "p", responses: { buddy: "x" } },
        { id: "a", prompt: "p", clips: [{ label: "Mix", role: "master", audio: "s1/mix.wav" }] },
        { id: "b", prompt: "p", responses: { gpt: "x" } },
        { id: "c" },
        { id: "ok", prompt: "p" },
        { id: "d", prompt: "p", ground_truth: { track: "vocals", gain_db: "loud" } },
      ),
      outputs: null,
      audio,
    }, config, opts));
    expect(issues[0]).toMatch(/^rows line 2, field "clips\[0\]\.role": /);
    expect(issues[1]).toBe('rows line 3, field "responses.gpt": "gpt" is not a system of this study (buddy, base)');
    expect(issues[2]).toBe('rows line 4, field "prompt": a prompt (or user) is required');
    expect(issues[3]).toBe('rows line 5, field "id": duplicate id ok (first on line 1)');
    expect(issues[4]).toMatch(/^rows line 6, field "ground_truth\.gain_db": /);
  });

  it("refuses a clip whose file is missing or not audio, naming the clip", async () => {
    const issues = await issuesOf(prepareRatingImport({
      rows: jsonl({ id: "a", prompt: "p", clips: [{ label: "Mix", role: "mix", audio: "s1/mix.wav" }, { label: "Keys", role: "stem", audio: "s1/keys.wav" }] }),
      outputs: null,
      audio: new Map([...audio, ["s1/notes.wav", Buffer.from("not audio")]]),
    }, config, opts));
    expect(issues[0]).toMatch(/^rows line 1, field "clips\[1\]\.audio": .*keys\.wav/);
    const none = await issuesOf(prepareRatingImport({ rows: jsonl({ id: "a", prompt: "p", audio: "one.wav" }), outputs: null, audio: null }, config, opts));
    expect(none[0]).toBe('rows line 1, field "audio": names one.wav, but no audio files were uploaded (add the zip)');
  });
});

describe("MixAssist F.4 coding import", () => {
  it("joins MixAssist rows with one model's outputs and keeps only the study's system (the expert reply is not coded)", async () => {
    const { makeMixAssistSample, toJsonl } = await import("@/lib/import/sample-data");
    const { loadTemplate } = await import("../registry");
    const coding = loadTemplate("mixassist-coding");
    if (coding.mode !== "rating") throw new Error("not a rating template");
    const sample = makeMixAssistSample(6, 3, { generatedSystem: "qwen-ft", seconds: 0.1, sampleRate: 8000 });
    const p = await prepareRatingImport(
      { rows: { name: "rows.jsonl", text: toJsonl(sample.rows) }, outputs: { name: "outputs.jsonl", text: toJsonl(sample.outputs) }, audio: sample.audio },
      coding,
      opts,
    );
    expect(p.items.length).toBeGreaterThan(0);
    expect(p.items.length).toBe(sample.rows.filter((r) => r.has_content).length);
    for (const it of p.items) {
      expect(it.candidates.map((c) => c.system)).toEqual(["qwen-ft"]);
      expect(it.audioHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
