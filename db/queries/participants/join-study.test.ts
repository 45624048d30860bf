// Integration: the same Prolific PID resumes its session with a fresh token — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { participants } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { liveStudyWithItems, newResearcher, pairwiseTemplate, readyParticipant, stateOf, trialsOf } from "@/db/testing/study-fixtures";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { getParticipantByToken } from "@/db/queries/participants/get-participant-by-token";
import { joinStudy } from "@/db/queries/participants/join-study";
import { createStudy } from "@/db/queries/studies/create-study";

const config = pairwiseTemplate({ design: { roundsPerParticipant: 4, judgmentsPerItem: 2 } });

describe.each(DB_KINDS)("joinStudy on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let slug: string;
  let otherSlug: string;
  let researcherId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    researcherId = (await newResearcher("join")).id;
    slug = (await liveStudyWithItems({ researcherId, config, n: 10, seed: 31 })).slug;
    otherSlug = (await liveStudyWithItems({ researcherId, config, n: 4, seed: 32 })).slug;
  });
  afterAll(async () => cleanup?.());

  const pidRows = async (pid: string) => {
    const db = await getDb();
    return db.select({ id: participants.id }).from(participants).where(eq(participants.prolificPid, pid));
  };

  it("the same PID resumes at its first unanswered round; the old token stops working", async () => {
    const first = await readyParticipant(slug, "RESUME-1");
    expect(first.resumed).toBe(false);
    for (let i = 0; i < 2; i++) {
      const s = await stateOf(first.participantId, config);
      await submitAnswer({ participantId: first.participantId, trialId: s.trial!.trialId, answer: "both_good", requestId: crypto.randomUUID(), config });
    }
    const ts = await trialsOf(first.participantId);

    const again = await joinStudy({ slug, prolificPid: "RESUME-1" });
    expect(again.resumed).toBe(true);
    expect(again.participantId).toBe(first.participantId);
    expect(again.token).not.toBe(first.token);
    expect(await pidRows("RESUME-1")).toHaveLength(1);

    const s = await stateOf(again.participantId, config);
    expect(s.step).toBe("trial");
    expect(s.progress).toEqual({ round: 3, total: 4, answered: 2 });
    expect(s.trial?.trialId).toBe(ts[2].id);
    expect(await trialsOf(again.participantId)).toEqual(ts); // resuming assigns nothing new

    await expect(getParticipantByToken({ slug, token: first.token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await getParticipantByToken({ slug, token: again.token })).participantId).toBe(first.participantId);
    // A token is valid only for its own study.
    await expect(getParticipantByToken({ slug: otherSlug, token: again.token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("another PID, or no PID, starts a new session", async () => {
    const a = await joinStudy({ slug, prolificPid: "FRESH-A" });
    const b = await joinStudy({ slug, prolificPid: "FRESH-B" });
    const anon1 = await joinStudy({ slug });
    const anon2 = await joinStudy({ slug });
    expect([a.resumed, b.resumed, anon1.resumed, anon2.resumed]).toEqual([false, false, false, false]);
    expect(new Set([a.participantId, b.participantId, anon1.participantId, anon2.participantId]).size).toBe(4);
    // The same PID in another study is another participant.
    const elsewhere = await joinStudy({ slug: otherSlug, prolificPid: "FRESH-A" });
    expect(elsewhere.resumed).toBe(false);
    expect(elsewhere.participantId).not.toBe(a.participantId);
  });

  it("simultaneous joins with one PID make one participant", async () => {
    const joins = await Promise.all(Array.from({ length: 6 }, () => joinStudy({ slug, prolificPid: "RACE-1" })));
    expect(joins.filter((j) => !j.resumed)).toHaveLength(1);
    expect(new Set(joins.map((j) => j.participantId)).size).toBe(1);
    expect(await pidRows("RACE-1")).toHaveLength(1);
  });

  it("a draft study cannot be joined", async () => {
    const draft = await createStudy({ researcherId, config });
    await expect(joinStudy({ slug: draft.slug, prolificPid: "DRAFT-1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
