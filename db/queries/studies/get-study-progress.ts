import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgments, participants, studies, trials } from "@/db/schema";

/** Counts for the researcher's progress panel. Owner-scoped through the study row. */
export async function getStudyProgress({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const db = await getDb();
  const owned = and(eq(studies.id, studyId), eq(studies.researcherId, researcherId));
  const [p] = await db
    .select({
      started: sql<number>`count(${participants.id})::int`,
      consented: sql<number>`count(${participants.consentedAt})::int`,
      finished: sql<number>`count(${participants.completedAt})::int`,
    })
    .from(participants)
    .innerJoin(studies, eq(studies.id, participants.studyId))
    .where(owned);
  const [j] = await db.select({ n: sql<number>`count(*)::int` }).from(judgments).innerJoin(studies, eq(studies.id, judgments.studyId)).where(owned);
  const [i] = await db
    .select({
      items: sql<number>`count(*)::int`,
      judged: sql<number>`count(*) filter (where exists (select 1 from ${judgments} where ${judgments.itemId} = ${items.id}))::int`,
    })
    .from(items)
    .innerJoin(studies, eq(studies.id, items.studyId))
    .where(owned);
  const [t] = await db
    .select({ inProgress: sql<number>`count(*)::int` })
    .from(trials)
    .innerJoin(studies, eq(studies.id, trials.studyId))
    .where(and(owned, isNull(trials.releasedAt), sql`not exists (select 1 from ${judgments} where ${judgments.trialId} = ${trials.id})`));
  return {
    participantsStarted: Number(p.started),
    participantsConsented: Number(p.consented),
    participantsFinished: Number(p.finished),
    judgments: Number(j.n),
    items: Number(i.items),
    itemsJudged: Number(i.judged),
    trialsPending: Number(t.inProgress),
  };
}
