// Integration: stems → rating items with clips and ground truth → advice by item id → rated answers, on PGlite and PostgreSQL.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles, candidates, itemClips, items, judgments } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { newResearcher, readyParticipant, tableCounts, trialsOf } from "@/db/testing/study-fixtures";
import { audioPathFor, writeAudioFile } from "@/db/queries/audio/store-audio";
import { attachCandidates } from "@/db/queries/items/attach-candidates";
import { createStemItems } from "@/db/queries/items/create-stem-items";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { getParticipantState } from "@/db/queries/participants/get-participant-state";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { encodeWav } from "@/lib/audio/wav";
import { AppError } from "@/lib/http/app-error";
import { ImportError } from "@/lib/import/errors";
import { buildStemItems } from "@/lib/stems/build";
import { parseAdvice } from "@/studies/rating/advice";
import { prepareRatingImport } from "@/studies/rating/import";
import { importItems } from "@/db/queries/items/import-items";
import { ratingMode } from "@/studies/rating/mode";
import { loadTemplate } from "@/studies/registry";
import type { TRatingConfig } from "@/studies/rating/config";

const RATE = 8000;
const tone = (f: number, amp: number, seconds: number) => Float32Array.from({ length: seconds * RATE }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / RATE));
const wav = (...ch: Float32Array[]) => new Uint8Array(encodeWav({ sampleRate: RATE, channels: ch }));

function stemFiles() {
  return new Map<string, Uint8Array>([
    ["bass.wav", wav(tone(55.3, 0.2, 4))],
    ["drums.wav", wav(tone(150.1, 0.1, 4), tone(150.1, 0.05, 4))],
    ["keys.wav", wav(tone(300.3, 0.1, 4))],
    ["vocals.wav", wav(tone(440.7, 0.1, 4), tone(440.7, 0.1, 4))],
  ]);
}

const base = loadTemplate("mixing-buddy-ratings") as TRatingConfig;
const config: TRatingConfig = { ...base, design: { roundsPerParticipant: 2, judgmentsPerItem: null, abandonAfterMinutes: 60 } };

describe.each(DB_KINDS)("rating items from stems on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let researcherId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    researcherId = (await newResearcher("stems")).id;
  });
  afterAll(async () => cleanup?.());

  it("stores items with ground truth and clips in order (mix, anchor, stems), then attaches advice and takes rated answers", async () => {
    const study = await createStudy({ researcherId, config });
    const { items: built } = await buildStemItems(stemFiles(), { anchor: "bass", segmentSeconds: 2, gainDb: 4, seed: "it", rootName: "song" }, writeAudioFile);
    const r = await createStemItems({ studyId: study.id, researcherId, stemItems: built });
    expect(r).toEqual({ items: 2, clips: 10, audioFiles: 10 });
    const db = await getDb();
    const stored = await db.select({ id: items.id, externalId: items.externalId, groundTruth: items.groundTruth, audioHash: items.audioHash }).from(items).where(eq(items.studyId, study.id)).orderBy(asc(items.externalId));
    expect(stored.map((s) => s.externalId)).toEqual(["song:001", "song:002"]);
    for (const [i, s] of stored.entries()) {
      expect(s.groundTruth).toMatchObject({ track: built[i].groundTruth.track, gain_db: built[i].groundTruth.gain_db, anchor: "bass", segment_s: 2 });
      expect(["drums", "keys", "vocals"]).toContain((s.groundTruth as { track: string }).track);
      expect(Math.abs((s.groundTruth as { gain_db: number }).gain_db)).toBe(4);
    }
    const clips = await db.select({ itemId: itemClips.itemId, position: itemClips.position, label: itemClips.label, role: itemClips.role, audioHash: itemClips.audioHash }).from(itemClips).where(inArray(itemClips.itemId, stored.map((s) => s.id))).orderBy(asc(itemClips.itemId), asc(itemClips.position));
    const first = clips.filter((c) => c.itemId === stored[0].id);
    expect(first.map((c) => [c.position, c.label, c.role])).toEqual([[0, "Mix", "mix"], [1, "Bass", "anchor"], [2, "Drums", "stem"], [3, "Keys", "stem"], [4, "Vocals", "stem"]]);
    expect(stored[0].audioHash).toBe(first[0].audioHash);
    const audio = await db.select({ hash: audioFiles.hash, sampleRate: audioFiles.sampleRate, channels: audioFiles.channels, durationMs: audioFiles.durationMs }).from(audioFiles).where(eq(audioFiles.hash, first[0].audioHash));
    expect(audio[0]).toMatchObject({ sampleRate: RATE, channels: 2, durationMs: 2000 });
    expect(fs.existsSync(audioPathFor(first[0].audioHash))).toBe(true);

    // The same segments again are refused, nothing added.
    const before = await tableCounts();
    await expect(createStemItems({ studyId: study.id, researcherId, stemItems: built })).rejects.toThrow(/already in the study: song:001, song:002/);
    expect(await tableCounts()).toEqual(before);

    // Advice by item id: a bad line refuses the whole file.
    const bad = parseAdvice({ name: "advice.csv", text: "item_id,system,text\nsong:001,mixing-buddy,Lower the vocals a little\nsong:009,mixing-buddy,x\nsong:002,gpt,y\n" });
    const err = await attachCandidates({ studyId: study.id, researcherId, rows: bad }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toMatch(/rows line 3, field "item_id": no item "song:009" in this study\nrows line 4, field "system": "gpt" is not a system of this study/);
    expect((await tableCounts()).candidates).toBe(0);
    const advice = parseAdvice({
      name: "advice.jsonl",
      text: built.flatMap((b) => [
        JSON.stringify({ item_id: b.externalId, system: "mixing-buddy", text: `Bring the ${b.groundTruth.track} down about 4 dB.` }),
        JSON.stringify({ item_id: b.externalId, system: "baseline", text: "Turn up the bass." }),
      ]).join("\n"),
    });
    await expect(publishStudy({ studyId: study.id, researcherId })).rejects.toThrow(/Some items have no response to judge yet \(song:001, song:002\): attach responses by item id/);
    expect(await attachCandidates({ studyId: study.id, researcherId, rows: advice })).toEqual({ responses: 4, items: 2 });
    expect((await db.select({ n: candidates.id }).from(candidates).innerJoin(items, eq(items.id, candidates.itemId)).where(eq(items.studyId, study.id))).length).toBe(4);

    // Publish, rate, and check refusals store nothing.
    await publishStudy({ studyId: study.id, researcherId });
    const { participantId } = await readyParticipant(study.slug, "PID-RATER");
    const state = await getParticipantState({ participantId, config });
    expect(state.step).toBe("trial");
    expect(JSON.stringify(state)).not.toMatch(/mixing-buddy|baseline|gain_db/);
    const [t1] = await trialsOf(participantId);
    expect([...t1.systemOrder].sort()).toEqual(["baseline", "mixing-buddy"]);
    const good = { effectiveness: 4, actionability: 5, conventions: 3, direction: "lower", magnitude: "moderate" };
    const send = (answer: unknown) => submitAnswer({ participantId, trialId: t1.id, answer, requestId: crypto.randomUUID(), config, listening: { clips: { Mix: { playedMs: 2000, plays: 1, seeks: 0 } } } });
    const refused = async (answer: unknown, message: RegExp) => {
      const e = await send(answer).then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("BAD_REQUEST");
      expect((e as Error).message).toMatch(message);
      expect((await tableCounts()).judgments).toBe(0);
    };
    await refused({ ratings: { A: { ...good, effectiveness: 9 }, B: good } }, /"How effective.*must be a whole number from 1 to 5; got 9/);
    const { direction: _d, ...noDirection } = good;
    await refused({ ratings: { A: good, B: noDirection } }, /response B: .*\(direction\) is required/);
    await refused({ ratings: { A: good, B: good, C: good } }, /position C was not shown/);
    await send({ ratings: { A: good, B: { ...good, effectiveness: 2, direction: "raise" } }, feedback: { B: "Wrong way round." } });
    const [j] = await db.select({ payload: judgments.payload, listening: judgments.listening }).from(judgments).where(eq(judgments.trialId, t1.id));
    expect(j.listening).toEqual({ clips: { Mix: { playedMs: 2000, plays: 1, seeks: 0 } } });
    const [sysA, sysB] = t1.systemOrder;
    expect(j.payload).toEqual({
      ratings: { [sysA]: good, [sysB]: { ...good, effectiveness: 2, direction: "raise" } },
      positions: { [sysA]: "A", [sysB]: "B" },
      feedback: { [sysB]: "Wrong way round." },
    });

    // The export reads the ground truth: the injected error is ±4 dB, so "lower" is right exactly when it was +4.
    const rows = await listJudgmentsForExport({ studyId: study.id, researcherId });
    const truth = stored.find((s) => s.id === t1.itemId)!.groundTruth as { gain_db: number };
    const acc = ratingMode.buildTable("accuracy", rows, config);
    const dirRow = (label: string) => acc.rows.find((r) => r[0] === label && String(r[1]).startsWith("Direction"))!;
    const labelOf = (id: string) => config.systems.find((s) => s.id === id)!.label;
    expect(dirRow(labelOf(sysA)).slice(2, 4)).toEqual([1, truth.gain_db > 0 ? 1 : 0]);
    expect(dirRow(labelOf(sysB)).slice(2, 4)).toEqual([1, truth.gain_db < 0 ? 1 : 0]);
    // Magnitude: |4| is in the moderate band [3, 6].
    expect(acc.rows.find((r) => r[0] === labelOf(sysA) && String(r[1]).startsWith("Magnitude"))!.slice(2, 4)).toEqual([1, 1]);
  });

  it("a rating rows import stores clips in order and the ground truth; a bad row stores nothing", async () => {
    const study = await createStudy({ researcherId, config });
    const audio = new Map([...stemFiles()].map(([k, v]) => [`s/${k}`, Buffer.from(v)]));
    const rows = { name: "items.jsonl", text: JSON.stringify({ id: "s-1", prompt: "Balance it.", clips: [{ label: "Bass", role: "anchor", audio: "s/bass.wav" }, { label: "Mix", role: "mix", audio: "s/drums.wav" }, { label: "Keys", role: "stem", audio: "s/keys.wav" }], responses: { "mixing-buddy": "Lower the keys." }, ground_truth: { track: "keys", gain_db: 5 } }) };
    const before = await tableCounts();
    const bad = { name: "items.jsonl", text: `${rows.text}\n{"id":"s-2","prompt":"x","clips":[{"label":"Mix","role":"mix","audio":"s/none.wav"}]}` };
    await expect(prepareRatingImport({ rows: bad, outputs: null, audio }, config, { audioMaxBytes: 1e7 }).then((p) => importItems({ studyId: study.id, researcherId, prepared: p }))).rejects.toBeInstanceOf(ImportError);
    expect(await tableCounts()).toEqual(before);
    const prepared = await prepareRatingImport({ rows, outputs: null, audio }, config, { audioMaxBytes: 1e7 });
    await importItems({ studyId: study.id, researcherId, prepared });
    const db = await getDb();
    const [item] = await db.select({ id: items.id, groundTruth: items.groundTruth }).from(items).where(eq(items.studyId, study.id));
    expect(item.groundTruth).toEqual({ track: "keys", gain_db: 5 });
    const clips = await db.select({ label: itemClips.label, role: itemClips.role, position: itemClips.position }).from(itemClips).where(eq(itemClips.itemId, item.id)).orderBy(asc(itemClips.position));
    expect(clips).toEqual([{ label: "Mix", role: "mix", position: 0 }, { label: "Bass", role: "anchor", position: 1 }, { label: "Keys", role: "stem", position: 2 }]);
    expect((await db.select({ s: candidates.system }).from(candidates).where(eq(candidates.itemId, item.id))).map((c) => c.s)).toEqual(["mixing-buddy"]);
  });
});
