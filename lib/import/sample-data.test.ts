import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeMixAssistFixture } from "../../e2e/fixtures/make-fixtures";
import { probeAudio } from "../audio/probe";
import { joinPairwiseItems, parseMixAssistRows, parseModelOutputs } from "./mixassist";
import { MIXASSIST_TOPICS, makeMixAssistSample, toJsonl } from "./sample-data";
import { matchAudioPath, readAudioZip } from "./zip";

describe("makeMixAssistSample", () => {
  const sample = makeMixAssistSample(10, 7, { seconds: 0.5, sampleRate: 8000 });

  it("makes n rows in published shape, with the prior-session summary on turn 0", () => {
    expect(sample.rows).toHaveLength(10);
    expect(sample.outputs).toHaveLength(10);
    for (const row of sample.rows) {
      expect(row.conversation_id).toMatch(/^group\d+_conv\d+$/);
      expect(MIXASSIST_TOPICS).toContain(row.topic);
      expect(row.audio_file).toMatch(/^audio\/segments\/Group\d+\/cut_\d+\.wav$/);
      expect(row.input_history).toHaveLength(2 * row.turn_id);
      if (row.turn_id === 0) expect(row.user).toMatch(/^(In the previous session|Last time|Last session|Previously)/);
    }
    expect(new Set(sample.rows.map((r) => r.assistant)).size).toBeGreaterThan(5);
  });

  it("is deterministic in the seed", () => {
    const again = makeMixAssistSample(10, 7, { seconds: 0.5, sampleRate: 8000 });
    expect(again.rows).toEqual(sample.rows);
    expect(again.audio.get(sample.rows[0].audio_file!)).toEqual(sample.audio.get(sample.rows[0].audio_file!));
    expect(makeMixAssistSample(10, 8, { seconds: 0.5, sampleRate: 8000 }).rows).not.toEqual(sample.rows);
  });

  it("round-trips through the importers", async () => {
    const rows = parseMixAssistRows(toJsonl(sample.rows), "jsonl");
    const outputs = parseModelOutputs(toJsonl(sample.outputs), "jsonl");
    const items = joinPairwiseItems(rows, outputs, { generatedSystem: "ignored" });
    expect(items).toHaveLength(10);
    expect(items[0].candidates.map((c) => c.system)).toEqual(["qwen-ft", "expert"]);
    const probe = await probeAudio(sample.audio.get(items[0].audioPath!)!, { maxBytes: 1024 * 1024 });
    expect(probe).toMatchObject({ ok: true, mime: "audio/wav", durationMs: 500, sampleRate: 8000, channels: 2 });
  });
});

describe("writeMixAssistFixture", () => {
  it("writes rows, outputs and a zip whose audio every item finds", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "mixstudy-fixture-"));
    try {
      const { rowsPath, outputsPath, zipPath } = await writeMixAssistFixture(dir, { items: 6, generatedSystem: "ltu-ft", seconds: 0.5 });
      const rows = parseMixAssistRows(await readFile(rowsPath, "utf8"), "jsonl");
      const outputs = parseModelOutputs(await readFile(outputsPath, "utf8"), "jsonl");
      const items = joinPairwiseItems(rows, outputs, { generatedSystem: "ltu-ft" });
      const files = await readAudioZip(await readFile(zipPath));
      expect(items).toHaveLength(6);
      for (const item of items) {
        const m = matchAudioPath(item.audioPath!, files);
        expect(m.ok).toBe(true);
        if (m.ok) expect((await probeAudio(m.data, { maxBytes: 10 * 1024 * 1024 })).ok).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
