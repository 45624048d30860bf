// Integration: an import stores every item, candidate and audio row, or nothing — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { AUDIO_MAX_BYTES, importFiles, newResearcher, pairwiseTemplate, tableCounts } from "@/db/testing/study-fixtures";
import { audioPathFor } from "@/db/queries/audio/store-audio";
import { importItems } from "@/db/queries/items/import-items";
import { createStudy } from "@/db/queries/studies/create-study";
import { ImportError } from "@/lib/import/errors";
import { makeMixAssistSample, type TMixAssistSample } from "@/lib/import/sample-data";
import { preparePairwiseImport, type TImportFiles } from "@/studies/pairwise/import";

const config = pairwiseTemplate();
const sampleOf = (seed: number) => makeMixAssistSample(12, seed, { generatedSystem: "qwen-ft", seconds: 0.1, sampleRate: 8000 });
const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

/** Prepares and stores, the way the import route does: a bad file never reaches the database. */
async function runImport(studyId: string, researcherId: string, files: TImportFiles) {
  const prepared = await preparePairwiseImport(files, config, { audioMaxBytes: AUDIO_MAX_BYTES });
  return importItems({ studyId, researcherId, prepared });
}

async function importErrorOf(p: Promise<unknown>): Promise<ImportError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

/** A clip path used by exactly one row, whose file name no other clip shares (so no suffix match can stand in for it). */
function singleUsePath(sample: TMixAssistSample): { path: string; line: number } {
  const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);
  const paths = [...sample.audio.keys()];
  const idx = sample.rows.findIndex((r) => {
    const users = sample.rows.filter((o) => o.audio_file === r.audio_file).length;
    const sameName = paths.filter((p) => base(p) === base(r.audio_file!)).length;
    return users === 1 && sameName === 1;
  });
  expect(idx).toBeGreaterThanOrEqual(0);
  return { path: sample.rows[idx].audio_file!, line: idx + 1 };
}

describe.each(DB_KINDS)("importItems on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let researcherId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    researcherId = (await newResearcher("importer")).id;
  });
  afterAll(async () => cleanup?.());

  const draft = async () => createStudy({ researcherId, config });

  it("stores a valid import: 12 items, 24 candidates, one audio row and file per distinct clip", async () => {
    const study = await draft();
    const sample = sampleOf(11);
    const hashes = new Set([...sample.audio.values()].map(sha256));
    const before = await tableCounts();
    const result = await runImport(study.id, researcherId, importFiles(sample, { withAudio: true }));
    const after = await tableCounts();
    expect(result).toEqual({ items: 12, audioFiles: hashes.size });
    expect(after.items - before.items).toBe(12);
    expect(after.candidates - before.candidates).toBe(24); // qwen-ft + expert per item
    expect(after.audioFiles - before.audioFiles).toBe(hashes.size);
    const db = await getDb();
    const stored = await db.select({ hash: audioFiles.hash }).from(audioFiles).where(inArray(audioFiles.hash, [...hashes]));
    expect(stored).toHaveLength(hashes.size);
    for (const h of hashes) expect(fs.existsSync(audioPathFor(h))).toBe(true);
  });

  it("a bad turn_id on line 7 names line 7 and field turn_id, and stores nothing", async () => {
    const study = await draft();
    const sample = sampleOf(12);
    const rows = sample.rows.map((r, i) => (i === 6 ? { ...r, turn_id: "abc" as unknown as number } : r));
    const before = await tableCounts();
    const err = await importErrorOf(runImport(study.id, researcherId, importFiles({ ...sample, rows }, { withAudio: true })));
    expect(err.issues.map((i) => [i.line, i.field])).toEqual([[7, "turn_id"]]);
    expect(err.message).toContain('line 7, field "turn_id"');
    expect(await tableCounts()).toEqual(before);
  });

  it("a clip missing from the zip names that row's line and field audio_file, and stores nothing", async () => {
    const study = await draft();
    const sample = sampleOf(13);
    const { path, line } = singleUsePath(sample);
    const audio = new Map(sample.audio);
    audio.delete(path);
    const before = await tableCounts();
    const err = await importErrorOf(runImport(study.id, researcherId, importFiles({ ...sample, audio }, { withAudio: true })));
    expect(err.issues.map((i) => [i.file, i.line, i.field])).toEqual([["rows", line, "audio_file"]]);
    expect(err.issues[0].message).toContain(path);
    expect(await tableCounts()).toEqual(before);
  });

  it("a text file at a referenced clip path names that row's line and field audio_file, and stores nothing", async () => {
    const study = await draft();
    const sample = sampleOf(14);
    const { path, line } = singleUsePath(sample);
    const audio = new Map(sample.audio);
    audio.set(path, Buffer.from("these are liner notes, not audio\n"));
    const before = await tableCounts();
    const err = await importErrorOf(runImport(study.id, researcherId, importFiles({ ...sample, audio }, { withAudio: true })));
    expect(err.issues.map((i) => [i.file, i.line, i.field])).toEqual([["rows", line, "audio_file"]]);
    expect(err.issues[0].message).toContain("not an audio file");
    expect(await tableCounts()).toEqual(before);
  });

  it("rolls back every item, candidate and audio row when the database refuses one row", async () => {
    const study = await draft();
    const sample = sampleOf(15);
    const prepared = await preparePairwiseImport(importFiles(sample, { withAudio: true }), config, { audioMaxBytes: AUDIO_MAX_BYTES });
    const db = await getDb();
    const already = await db.select({ hash: audioFiles.hash }).from(audioFiles).where(inArray(audioFiles.hash, [...prepared.audio.keys()]));
    expect(already.length).toBeLessThan(prepared.audio.size); // some clips are new, so a leaked audio row would show in the count
    // The 13th item repeats the 12th's external id: the unique index fails the last insert of the transaction.
    const broken = { ...prepared, items: [...prepared.items, { ...prepared.items[11] }] };
    const before = await tableCounts();
    await expect(importItems({ studyId: study.id, researcherId, prepared: broken })).rejects.toThrow();
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses to import the same items twice into a study, adding nothing", async () => {
    const study = await draft();
    const files = importFiles(sampleOf(16), { withAudio: true });
    await runImport(study.id, researcherId, files);
    const before = await tableCounts();
    const err = await importErrorOf(runImport(study.id, researcherId, files));
    expect(err.issues).toHaveLength(12);
    expect(err.issues.every((i) => i.message.includes("already in this study"))).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });

  it("two simultaneous imports of the same items store them once", async () => {
    const study = await draft();
    const prepared = await preparePairwiseImport(importFiles(sampleOf(17), { withAudio: false }), config, { audioMaxBytes: AUDIO_MAX_BYTES });
    const before = await tableCounts();
    const results = await Promise.allSettled([
      importItems({ studyId: study.id, researcherId, prepared }),
      importItems({ studyId: study.id, researcherId, prepared }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const after = await tableCounts();
    expect(after.items - before.items).toBe(12);
    expect(after.candidates - before.candidates).toBe(24);
  });
});
