// Integration: one answer per trial, whatever the client sends at once — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgments, participants } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { liveStudyWithItems, newResearcher, pairwiseTemplate, readyParticipant, stateOf, tableCounts, trialsOf } from "@/db/testing/study-fixtures";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { AppError } from "@/lib/http/app-error";
import type { TPairwiseAnswerPosition } from "@/studies/pairwise/config";

const config = pairwiseTemplate({ design: { roundsPerParticipant: 3, judgmentsPerItem: 1 } });
const ANSWERS: TPairwiseAnswerPosition[] = ["A", "B", "both_good", "both_bad"];

async function judgmentsOfTrial(trialId: string) {
  const db = await getDb();
  return db.select({ answerPosition: judgments.answerPosition, answer: judgments.answer }).from(judgments).where(eq(judgments.trialId, trialId));
}

const submit = (participantId: string, trialId: string, answer: TPairwiseAnswerPosition) =>
  submitAnswer({ participantId, trialId, answer, requestId: crypto.randomUUID(), timeOnItemMs: 1200, config });

function codeOf(r: PromiseSettledResult<unknown>): string | undefined {
  return r.status === "rejected" && r.reason instanceof AppError ? r.reason.code : undefined;
}

describe.each(DB_KINDS)("submitAnswer on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let p1: string;
  let p2: string;
  let p1Trials: Awaited<ReturnType<typeof trialsOf>>;
  let p2Trials: Awaited<ReturnType<typeof trialsOf>>;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    const researcher = await newResearcher("answers");
    const study = await liveStudyWithItems({ researcherId: researcher.id, config, n: 10 });
    p1 = (await readyParticipant(study.slug, "PID-ONE")).participantId;
    p2 = (await readyParticipant(study.slug, "PID-TWO")).participantId;
    expect((await stateOf(p1, config)).step).toBe("trial");
    expect((await stateOf(p2, config)).step).toBe("trial");
    p1Trials = await trialsOf(p1);
    p2Trials = await trialsOf(p2);
    expect(p1Trials.map((t) => t.round)).toEqual([1, 2, 3]);
    expect(p2Trials.map((t) => t.round)).toEqual([1, 2, 3]);
  });
  afterAll(async () => cleanup?.());

  it("20 simultaneous submits of the same answer store one judgment and all resolve", async () => {
    const trial = p1Trials[0];
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(p1, trial.id, "A")));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(19);
    const rows = await judgmentsOfTrial(trial.id);
    expect(rows).toHaveLength(1);
    // Position A showed systemOrder[0]: the generated system → generated_better, the expert → human_better.
    expect(rows[0]).toEqual({ answerPosition: "A", answer: trial.systemOrder[0] === "qwen-ft" ? "generated_better" : "human_better" });
  });

  it("simultaneous different answers store one; every other answer is a CONFLICT", async () => {
    const trial = p1Trials[1];
    const sent = Array.from({ length: 20 }, (_, i) => ANSWERS[i % 4]);
    const results = await Promise.allSettled(sent.map((a) => submit(p1, trial.id, a)));
    const rows = await judgmentsOfTrial(trial.id);
    expect(rows).toHaveLength(1);
    const stored = rows[0].answerPosition;
    results.forEach((r, i) => {
      if (sent[i] === stored) expect(r.status).toBe("fulfilled");
      else expect(codeOf(r)).toBe("CONFLICT");
    });
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(15); // 5 of each of the 3 other answers
    expect(results.filter((r) => r.status === "fulfilled" && !r.value.duplicate)).toHaveLength(1);
  });

  it("another participant's trial, or an unknown one, is NOT_FOUND and stores nothing", async () => {
    const before = await tableCounts();
    await expect(submit(p1, p2Trials[0].id, "B")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submit(p1, crypto.randomUUID(), "B")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await judgmentsOfTrial(p2Trials[0].id)).toEqual([]);
    expect(await tableCounts()).toEqual(before);
    expect((await stateOf(p2, config)).progress).toEqual({ round: 1, total: 3, answered: 0 });
  });

  it("after the last round the participant is done and completed; a changed answer is a CONFLICT, a retry is accepted", async () => {
    const last = p1Trials[2];
    const next = await stateOf(p1, config);
    expect(next.step).toBe("trial");
    expect(next.trial?.trialId).toBe(last.id);
    expect(next.progress).toEqual({ round: 3, total: 3, answered: 2 });
    expect(await submit(p1, last.id, "both_bad")).toEqual({ duplicate: false });

    const done = await stateOf(p1, config);
    expect(done.step).toBe("done");
    expect(done.progress).toEqual({ round: 3, total: 3, answered: 3 });
    expect(done.completion?.code).toBe("MIXASSIST-PW");
    const db = await getDb();
    const [p] = await db.select({ status: participants.status, completedAt: participants.completedAt }).from(participants).where(eq(participants.id, p1));
    expect(p.status).toBe("completed");
    expect(p.completedAt).toBeInstanceOf(Date);

    await expect(submit(p1, last.id, "A")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await submit(p1, last.id, "both_bad")).toEqual({ duplicate: true });
    expect(await judgmentsOfTrial(last.id)).toEqual([{ answerPosition: "both_bad", answer: "both_bad" }]);
    const db2 = await getDb();
    const all = await db2.select({ id: judgments.id }).from(judgments).where(eq(judgments.participantId, p1));
    expect(all).toHaveLength(3);
  });
});
