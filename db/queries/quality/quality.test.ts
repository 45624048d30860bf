// Integration: attention checks (gold items) under each onFail, finish flags, the listening rule and the ?flagged= switch, on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, participants } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { AUDIO_MAX_BYTES, importFiles, newResearcher, pairwiseTemplate, readyParticipant, stateOf, trialsOf } from "@/db/testing/study-fixtures";
import { importItems } from "@/db/queries/items/import-items";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { createStudy } from "@/db/queries/studies/create-study";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { publishStudy } from "@/db/queries/studies/update-study";
import { makeMixAssistSample, toJsonl } from "@/lib/import/sample-data";
import { AppError } from "@/lib/http/app-error";
import type { TAttentionOnFail } from "@/studies/base-config";
import type { TPairwiseConfig } from "@/studies/pairwise/config";
import { preparePairwiseImport } from "@/studies/pairwise/import";
import type { TListwiseConfig } from "@/studies/listwise/config";
import { prepareListwiseImport } from "@/studies/listwise/import";
import { loadTemplate } from "@/studies/registry";
import { getParticipantState } from "@/db/queries/participants/get-participant-state";
import { getExclusionStatement } from "./get-exclusion-statement";

const GOLD = 2;

/** 3 regular rounds + a gold round at 2; screen-out code for screen_out. */
function qualityConfig(onFail: TAttentionOnFail, extra: Partial<TPairwiseConfig["quality"]> = {}): TPairwiseConfig {
  const base = pairwiseTemplate({ design: { roundsPerParticipant: 3, judgmentsPerItem: null } });
  return {
    ...base,
    completion: { ...base.completion, screenOutCode: "SCREENED1", screenOutRedirectUrl: null },
    quality: { ...base.quality, attentionChecks: { rounds: [GOLD], onFail }, ...extra },
  };
}

/** A live study with 8 rows, the first two gold items whose right answer is the expert's reply. */
async function goldStudy(researcherId: string, config: TPairwiseConfig, { withAudio = false, seconds = 0.1 } = {}) {
  const study = await createStudy({ researcherId, config });
  const sample = makeMixAssistSample(8, 5, { generatedSystem: config.systems.generated, seconds, sampleRate: 8000 });
  const files = importFiles(sample, { withAudio });
  const rows = sample.rows.map((r, i) => (i < 2 ? { ...r, attention_check: { answer: config.systems.reference } } : r));
  const prepared = await preparePairwiseImport({ ...files, rows: { name: "rows.jsonl", text: toJsonl(withAudio ? rows : rows.map((r) => ({ ...r, audio_file: null }))) } }, config, { audioMaxBytes: AUDIO_MAX_BYTES });
  await importItems({ studyId: study.id, researcherId, prepared });
  await publishStudy({ studyId: study.id, researcherId });
  return study;
}

/** Answers every round; at the gold round picks the position of `goldPick` ("reference" right, "generated" wrong). */
async function walk(participantId: string, config: TPairwiseConfig, goldPick: "reference" | "generated", opts: { timeOnItemMs?: number } = {}) {
  const db = await getDb();
  for (;;) {
    const s = await stateOf(participantId, config);
    if (s.step !== "trial") return s;
    const t = (await trialsOf(participantId)).find((x) => x.id === s.trial!.trialId)!;
    const [item] = await db.select({ kind: items.kind }).from(items).where(eq(items.id, t.itemId));
    const want = item.kind === "attention" ? config.systems[goldPick] : config.systems.reference;
    const answer = t.systemOrder[0] === want ? "A" : "B";
    await submitAnswer({ participantId, trialId: t.id, answer, requestId: crypto.randomUUID(), config, timeOnItemMs: opts.timeOnItemMs ?? 5000 });
  }
}

async function participantRow(id: string) {
  const db = await getDb();
  const [p] = await db.select({ status: participants.status, flags: participants.flags, excludedAt: participants.excludedAt }).from(participants).where(eq(participants.id, id));
  return p;
}

describe.each(DB_KINDS)("data quality on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let researcherId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    researcherId = (await newResearcher("quality")).id;
  });
  afterAll(async () => cleanup?.());

  it("imports the attention_check rows as gold items and mixes one in at round 2, unlabelled, on top of the 3 regular rounds", async () => {
    const config = qualityConfig("flag");
    const study = await goldStudy(researcherId, config);
    const db = await getDb();
    const gold = await db.select({ id: items.id, groundTruth: items.groundTruth }).from(items).where(eq(items.kind, "attention"));
    const goldOfStudy = (await db.select({ id: items.id, kind: items.kind, studyId: items.studyId }).from(items).where(eq(items.studyId, study.id))).filter((i) => i.kind === "attention");
    expect(goldOfStudy).toHaveLength(2);
    expect(gold.find((g) => g.id === goldOfStudy[0].id)!.groundTruth).toEqual({ answer: "expert" });

    const { participantId } = await readyParticipant(study.slug, "GOLD-SHOW");
    const s = await stateOf(participantId, config);
    expect(s.progress).toEqual({ round: 1, total: 4, answered: 0 });
    const ts = await trialsOf(participantId);
    expect(ts.map((t) => t.round)).toEqual([1, 2, 3, 4]);
    const goldIds = new Set(goldOfStudy.map((g) => g.id));
    expect(ts.filter((t) => goldIds.has(t.itemId)).map((t) => t.round)).toEqual([GOLD]);
    // Walk to the gold round: its State looks like any other (no kind, no ground truth).
    await submitAnswer({ participantId, trialId: s.trial!.trialId, answer: "A", requestId: crypto.randomUUID(), config });
    const goldState = JSON.stringify(await stateOf(participantId, config));
    expect(goldState).not.toMatch(/attention|ground|gold|"expert"|qwen/i);
  });

  for (const onFail of ["flag", "exclude", "screen_out"] as const) {
    it(`a wrong gold answer under onFail=${onFail}: flagged${onFail !== "flag" ? ", excluded" : ""}${onFail === "screen_out" ? ", screened out with the code and no more rounds" : ""}`, async () => {
      const config = qualityConfig(onFail);
      const study = await goldStudy(researcherId, config);
      const good = await readyParticipant(study.slug, `GOOD-${onFail}`);
      expect((await walk(good.participantId, config, "reference")).step).toBe("done");
      const bad = await readyParticipant(study.slug, `BAD-${onFail}`);
      const end = await walk(bad.participantId, config, "generated");

      const g = await participantRow(good.participantId);
      expect(g.flags).toEqual([]);
      expect(g.excludedAt).toBeNull();
      const b = await participantRow(bad.participantId);
      expect(b.flags).toEqual([{ kind: "attention_failed", round: GOLD, at: expect.any(String) }]);
      expect(b.excludedAt === null).toBe(onFail === "flag");
      if (onFail === "screen_out") {
        expect(b.status).toBe("screened_out");
        expect(end.step).toBe("screened_out");
        expect(end.screenOut).toEqual({ code: "SCREENED1", redirectUrl: null });
        expect(end.trial ?? null).toBeNull();
        // Round 1 and the gold round were answered; rounds 3 and 4 are refused.
        const open = (await trialsOf(bad.participantId)).find((t) => t.round === 3)!;
        const e = await submitAnswer({ participantId: bad.participantId, trialId: open.id, answer: "A", requestId: crypto.randomUUID(), config }).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).status).toBe(409);
      } else {
        expect(end.step).toBe("done");
        expect(b.status).toBe("completed");
      }

      // Exports: gold answers are never rows; include vs standard differ by exactly the bad session's rows when it is excluded.
      const all = await listJudgmentsForExport({ studyId: study.id, researcherId, flagged: "include" });
      const standard = await listJudgmentsForExport({ studyId: study.id, researcherId });
      const strict = await listJudgmentsForExport({ studyId: study.id, researcherId, flagged: "exclude" });
      const badRows = onFail === "screen_out" ? 1 : 3;
      expect(all.filter((r) => r.participantId === bad.participantId)).toHaveLength(badRows);
      expect(all.filter((r) => r.participantId === good.participantId)).toHaveLength(3);
      expect(strict.map((r) => r.participantId)).toEqual([good.participantId, good.participantId, good.participantId]);
      expect(standard.length).toBe(onFail === "flag" ? 3 + badRows : 3);
      const statement = await getExclusionStatement({ studyId: study.id, researcherId, flagged: "standard" });
      expect(statement).toBe(
        onFail === "flag"
          ? "Excluded 0 of 2 sessions. Merely flagged sessions are included (flagged=standard)."
          : `Excluded 1 of 2 sessions: 1 ${onFail === "screen_out" ? "screened out" : "failed attention check"}. Merely flagged sessions are included (flagged=standard).`,
      );

      // Coverage counts the 6 regular items only, with the regular judgments of both sessions.
      const progress = await getStudyProgress({ studyId: study.id, researcherId });
      expect(progress.coverage).toHaveLength(6);
      expect(progress.coverage.reduce((a, c) => a + c.judgments, 0)).toBe(3 + badRows);
      // Nothing is left pending: a screened-out session's unanswered rounds went back to the pool.
      expect(progress.coverage.reduce((a, c) => a + c.pending, 0)).toBe(0);
    });
  }

  it("listwise, judge CSV with an attention_check column: a gold ranking; the wrong top choice excludes the session", async () => {
    const base = loadTemplate("mixassist-listwise") as TListwiseConfig;
    const config: TListwiseConfig = { ...base, design: { ...base.design, roundsPerParticipant: 2, judgmentsPerItem: null }, quality: { ...base.quality, attentionChecks: { rounds: [1], onFail: "exclude" } } };
    const study = await createStudy({ researcherId, config });
    const systems = config.systems.map((x) => x.id);
    const header = ["prompt", "conversation_id", "turn_id", "topic", ...systems.map((x) => `${x}_generation`), "attention_check"];
    const line = (k: number, gold: string) => [`Prompt ${k}`, `conv${k}`, "0", "drums", ...systems.map((x) => `${x} reply ${k}`), gold].map((c) => `"${c.replaceAll('"', '""')}"`).join(",");
    const csv = [header.join(","), line(1, JSON.stringify({ answer: systems[0] })), line(2, ""), line(3, ""), line(4, "")].join("\n");
    const prepared = await prepareListwiseImport({ rows: { name: "judge.csv", text: csv }, outputs: null, audio: null }, config, { audioMaxBytes: AUDIO_MAX_BYTES });
    expect(prepared.items.map((i) => i.kind ?? "item")).toEqual(["attention", "item", "item", "item"]);
    await importItems({ studyId: study.id, researcherId, prepared });
    await publishStudy({ studyId: study.id, researcherId });

    const { participantId } = await readyParticipant(study.slug, "LW-BAD");
    const s = await getParticipantState({ participantId, config });
    expect(s.progress.total).toBe(3);
    const gold = (await trialsOf(participantId)).find((t) => t.round === 1)!;
    // Rank the gold's right answer last: the top choice is wrong.
    const letters = gold.systemOrder.map((_, i) => "ABC"[i]);
    const right = letters[gold.systemOrder.indexOf(systems[0])];
    await submitAnswer({ participantId, trialId: gold.id, answer: [...letters.filter((l) => l !== right), right], requestId: crypto.randomUUID(), config });
    const row = await participantRow(participantId);
    expect(row.flags).toEqual([{ kind: "attention_failed", round: 1, at: expect.any(String) }]);
    expect(row.excludedAt).not.toBeNull();
    expect(row.status).not.toBe("screened_out");
  });

  it("flags too_fast and straight_lining when the session finishes", async () => {
    const base = pairwiseTemplate({ design: { roundsPerParticipant: 4, judgmentsPerItem: null } });
    const config: TPairwiseConfig = { ...base, quality: { ...base.quality, minSecondsPerTrial: 2, tooFastShare: 0.5, straightLiningMinRounds: 4 } };
    const study = await goldStudy(researcherId, config); // no gold rounds configured: the gold items are never shown
    const p = await readyParticipant(study.slug, "FAST");
    for (let k = 0; k < 4; k++) {
      const s = await stateOf(p.participantId, config);
      // Rounds 1–3 in 1.5 s (fast), round 4 in 3 s: 3 of 4 fast > 50 %; always "A".
      await submitAnswer({ participantId: p.participantId, trialId: s.trial!.trialId, answer: "A", requestId: crypto.randomUUID(), config, timeOnItemMs: k < 3 ? 1500 : 3000 });
    }
    expect((await stateOf(p.participantId, config)).step).toBe("done");
    const row = await participantRow(p.participantId);
    expect(row.flags).toEqual([
      { kind: "too_fast", count: 3, rounds: 4, minSeconds: 2, at: expect.any(String) },
      { kind: "straight_lining", position: "A", rounds: 4, at: expect.any(String) },
    ]);
    expect(row.excludedAt).toBeNull();
    expect(await listJudgmentsForExport({ studyId: study.id, researcherId, flagged: "exclude" })).toHaveLength(0);
    expect(await listJudgmentsForExport({ studyId: study.id, researcherId })).toHaveLength(4);
  });

  it("refuses an answer whose reported listening falls short of requireListening: full, and stores nothing", async () => {
    const base = pairwiseTemplate({ design: { roundsPerParticipant: 1, judgmentsPerItem: null } });
    const config: TPairwiseConfig = { ...base, quality: { ...base.quality, requireListening: "full" } };
    const study = await goldStudy(researcherId, config, { withAudio: true, seconds: 2 });
    const p = await readyParticipant(study.slug, "LISTEN");
    const s = await stateOf(p.participantId, config);
    expect(s.study.listening).toEqual({ requireMixPlayed: "full" });
    const send = (playedMs?: number) =>
      submitAnswer({ participantId: p.participantId, trialId: s.trial!.trialId, answer: "A", requestId: crypto.randomUUID(), config, ...(playedMs === undefined ? {} : { listening: { clips: { main: { playedMs, plays: 1, seeks: 0 } } } }) });
    for (const short of [undefined, 1000]) {
      const e = await send(short).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(409);
      expect((e as AppError).message).toMatch(/listen to the whole clip before answering/);
    }
    expect(await listJudgmentsForExport({ studyId: study.id, researcherId, flagged: "include" })).toHaveLength(0);
    // 2 s clip, 300 ms tolerance: 1.7 s heard is enough.
    await send(1700);
    const rows = await listJudgmentsForExport({ studyId: study.id, researcherId, flagged: "include" });
    expect(rows).toHaveLength(1);
    expect(rows[0].listening).toEqual({ clips: { main: { playedMs: 1700, plays: 1, seeks: 0 } } });
  });
});
