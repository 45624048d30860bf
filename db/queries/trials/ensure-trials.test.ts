// Integration: balanced assignment, counterbalanced positions and release of abandoned sessions through the real database.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgments, participants, trials } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { liveStudyWithItems, newResearcher, pairwiseTemplate, readyParticipant, stateOf, tableCounts, trialsOf } from "@/db/testing/study-fixtures";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import type { TPairwiseConfig } from "@/studies/pairwise/config";

/** Walks a participant through every round they are given, answering "A" each time; returns the rounds answered. */
async function answerAll(participantId: string, config: TPairwiseConfig): Promise<number> {
  let answered = 0;
  for (;;) {
    const s = await stateOf(participantId, config);
    if (s.step !== "trial") {
      expect(s.step).toBe("done");
      return answered;
    }
    await submitAnswer({ participantId, trialId: s.trial!.trialId, answer: "A", requestId: crypto.randomUUID(), config });
    answered++;
  }
}

async function judgmentsPerItem(studyId: string) {
  const db = await getDb();
  return db.select({ itemId: judgments.itemId, n: count() }).from(judgments).where(eq(judgments.studyId, studyId)).groupBy(judgments.itemId);
}

/** Trials with the generated system at position A. */
const generatedFirst = (ts: { systemOrder: string[] }[]) => ts.filter((t) => t.systemOrder[0] === "qwen-ft").length;

describe.each(DB_KINDS)("assignment on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let researcherId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    researcherId = (await newResearcher("assign")).id;
  });
  afterAll(async () => cleanup?.());

  it("paper design: 100 items, 10 participants × 10 rounds → every item judged once, 5 of 10 with qwen-ft at A; an 11th is told the study is full", async () => {
    const config = pairwiseTemplate();
    expect(config.design).toMatchObject({ roundsPerParticipant: 10, judgmentsPerItem: 1 });
    const study = await liveStudyWithItems({ researcherId, config, n: 100, seed: 21 });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { participantId } = await readyParticipant(study.slug, `SEQ-${i}`);
      ids.push(participantId);
      expect(await answerAll(participantId, config)).toBe(10);
      const ts = await trialsOf(participantId);
      expect(ts.map((t) => t.round)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(generatedFirst(ts)).toBe(5);
    }
    const perItem = await judgmentsPerItem(study.id);
    expect(perItem).toHaveLength(100);
    expect(perItem.every((r) => Number(r.n) === 1)).toBe(true);

    const before = await tableCounts();
    const late = await readyParticipant(study.slug, "SEQ-late");
    const s = await stateOf(late.participantId, config);
    expect(s.step).toBe("full");
    expect(s.trial ?? null).toBeNull();
    expect((await tableCounts()).trials).toBe(before.trials);
  });

  it("10 participants entering their rounds at the same moment get 100 distinct items", async () => {
    const config = pairwiseTemplate();
    const study = await liveStudyWithItems({ researcherId, config, n: 100, seed: 22 });
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => readyParticipant(study.slug, `PAR-${i}`).then((j) => j.participantId)));
    const states = await Promise.all(ids.map((id) => stateOf(id, config)));
    expect(states.map((s) => s.step)).toEqual(Array(10).fill("trial"));
    expect(states.map((s) => s.progress)).toEqual(Array(10).fill({ round: 1, total: 10, answered: 0 }));
    const all = (await Promise.all(ids.map(trialsOf))).map((ts) => {
      expect(ts).toHaveLength(10);
      expect(generatedFirst(ts)).toBe(5);
      return ts.map((t) => t.itemId);
    });
    expect(new Set(all.flat()).size).toBe(100);
  });

  it("an abandoned session's unanswered round goes to the next participant; its answered round stays", async () => {
    // 3 items, 2 rounds each, 1 judgment per item: p1 holds two items, p2 can only get the third.
    const config = pairwiseTemplate({ design: { roundsPerParticipant: 2, judgmentsPerItem: 1, abandonAfterMinutes: 1 } });
    const study = await liveStudyWithItems({ researcherId, config, n: 3, seed: 23 });
    const p1 = (await readyParticipant(study.slug, "AB-1")).participantId;
    const s1 = await stateOf(p1, config);
    await submitAnswer({ participantId: p1, trialId: s1.trial!.trialId, answer: "B", requestId: crypto.randomUUID(), config });
    const [answered, unanswered] = await trialsOf(p1);
    expect(answered.id).toBe(s1.trial!.trialId);

    // p1 was just seen: nothing of theirs is released, so p2 gets the one free item.
    const p2 = (await readyParticipant(study.slug, "AB-2")).participantId;
    expect((await stateOf(p2, config)).progress).toEqual({ round: 1, total: 1, answered: 0 });
    const p2Items = (await trialsOf(p2)).map((t) => t.itemId);
    expect(p2Items).not.toContain(unanswered.itemId);

    const db = await getDb();
    await db.update(participants).set({ lastSeenAt: new Date(Date.now() - 5 * 60_000) }).where(eq(participants.id, p1));
    const p3 = (await readyParticipant(study.slug, "AB-3")).participantId;
    const s3 = await stateOf(p3, config);
    expect(s3.progress).toEqual({ round: 1, total: 1, answered: 0 });
    const p3Trials = await trialsOf(p3);
    expect(p3Trials.map((t) => t.itemId)).toEqual([unanswered.itemId]);

    const after = await trialsOf(p1);
    expect(after.find((t) => t.id === unanswered.id)?.releasedAt).toBeInstanceOf(Date);
    expect(after.find((t) => t.id === answered.id)?.releasedAt).toBeNull();
    const kept = await db.select({ answerPosition: judgments.answerPosition }).from(judgments).where(eq(judgments.trialId, answered.id));
    expect(kept).toEqual([{ answerPosition: "B" }]);
    // p2 (recently seen) keeps their round.
    const p2Live = await db.select({ id: trials.id }).from(trials).where(and(eq(trials.participantId, p2), isNull(trials.releasedAt)));
    expect(p2Live).toHaveLength(1);
  });
});
