// Integration: the progress numbers of a hand-built study (counts by status, coverage, median time per round, drop-off, flags) — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { participants } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { liveStudyWithItems, newResearcher, pairwiseTemplate, readyParticipant, stateOf } from "@/db/testing/study-fixtures";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { joinStudy } from "@/db/queries/participants/join-study";
import { recordConsent, recordProfile } from "@/db/queries/participants/record-step";
import { getStudyProgress, type TStudyProgress } from "@/db/queries/studies/get-study-progress";

// 4 items × 3 judgments = 12 slots for 4 participants × 3 rounds: every item is assigned exactly 3 times.
const config = pairwiseTemplate({ design: { roundsPerParticipant: 3, judgmentsPerItem: 3, abandonAfterMinutes: 60 } });

describe.each(DB_KINDS)("getStudyProgress on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let progress: TStudyProgress;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    const researcher = await newResearcher("progress");
    const study = await liveStudyWithItems({ researcherId: researcher.id, config, n: 4, seed: 71 });
    const db = await getDb();
    const answer = async (participantId: string, times: number[]) => {
      for (const ms of times) {
        const s = await stateOf(participantId, config);
        await submitAnswer({ participantId, trialId: s.trial!.trialId, answer: "B", requestId: crypto.randomUUID(), timeOnItemMs: ms, config });
      }
      await stateOf(participantId, config); // records completion after the last round
    };
    // F finishes (3000, 2000, 4000 ms); G answers 2 (2000, 6000) and is screened out; E answers 1 (1000); D answers none and goes idle.
    const f = (await readyParticipant(study.slug, "F")).participantId;
    await answer(f, [3000, 2000, 4000]);
    const g = (await readyParticipant(study.slug, "G")).participantId;
    await answer(g, [2000, 6000]);
    const e = (await readyParticipant(study.slug, "E")).participantId;
    await answer(e, [1000]);
    const d = (await readyParticipant(study.slug, "D")).participantId;
    await answer(d, []);
    // A only joined, B consented, C answered the profile question too.
    await joinStudy({ slug: study.slug, prolificPid: "A" });
    const b = (await joinStudy({ slug: study.slug, prolificPid: "B" })).participantId;
    await recordConsent({ participantId: b });
    const c = (await joinStudy({ slug: study.slug, prolificPid: "C" })).participantId;
    await recordConsent({ participantId: c });
    await recordProfile({ participantId: c, expertise: "Expert" });

    await db.update(participants).set({ lastSeenAt: new Date(Date.now() - 2 * 3600_000) }).where(eq(participants.id, d));
    const at = new Date().toISOString();
    await db.update(participants).set({ flags: [{ kind: "too_fast", detail: "median 0.9 s", at }] }).where(eq(participants.id, e));
    await db.update(participants)
      .set({ status: "screened_out", excludedAt: new Date(), flags: [{ kind: "attention_failed", detail: "gold 1", at }, { kind: "too_fast", detail: "", at }] })
      .where(eq(participants.id, g));
    progress = await getStudyProgress({ studyId: study.id, researcherId: researcher.id });
  });
  afterAll(async () => cleanup?.());

  it("participants by status and the summary counts", () => {
    expect(progress.byStatus).toEqual({ joined: 1, consented: 2, active: 2, completed: 1, screened_out: 1 });
    expect(progress).toMatchObject({
      participantsStarted: 7, participantsConsented: 6, participantsFinished: 1, judgments: 6, items: 4, trialsPending: 6, targetPerItem: 3,
    });
  });

  it("coverage: every item, least covered first, judgments + open rounds = 3 each", () => {
    const c = progress.coverage;
    expect(c).toHaveLength(4);
    expect(c.reduce((s, i) => s + i.judgments, 0)).toBe(6);
    expect(c.reduce((s, i) => s + i.pending, 0)).toBe(6); // D 3, E 2, G 1
    for (const i of c) expect(i.judgments + i.pending).toBe(3);
    expect(c.map((i) => i.judgments)).toEqual([...c.map((i) => i.judgments)].sort((x, y) => x - y));
    expect(progress.itemsAtTarget).toBe(c.filter((i) => i.judgments >= 3).length);
    expect(progress.itemsJudged).toBe(c.filter((i) => i.judgments > 0).length);
  });

  it("median time per round: round 1 of 1000, 2000, 3000 ms → 2000; round 2 of 2000, 6000 → 4000; round 3 → 4000", () => {
    expect(progress.medianTimeByRound).toEqual([
      { round: 1, judgments: 3, medianMs: 2000 },
      { round: 2, judgments: 2, medianMs: 4000 },
      { round: 3, judgments: 1, medianMs: 4000 },
    ]);
  });

  it("drop-off: who reached each step, who is there, who dropped (idle past the timeout) or was screened out there", () => {
    expect(progress.dropOff.map((s) => [s.label, s.reached, s.here, s.dropped, s.screenedOut])).toEqual([
      ["Consent", 7, 1, 0, 0],
      ["Profile", 6, 1, 0, 0],
      ["Instructions", 5, 1, 0, 0],
      ["Round 1", 4, 1, 1, 0],
      ["Round 2", 3, 1, 0, 0],
      ["Round 3", 2, 0, 0, 1],
      ["Finished", 1, 0, 0, 0],
    ]);
  });

  it("flags: participants per kind, flagged and excluded", () => {
    expect(progress.flags).toEqual([{ kind: "too_fast", participants: 2 }, { kind: "attention_failed", participants: 1 }]);
    expect(progress.participantsFlagged).toBe(2);
    expect(progress.participantsExcluded).toBe(1);
  });
});
