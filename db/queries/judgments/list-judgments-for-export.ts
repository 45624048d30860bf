import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgments, participants, studies, trials } from "@/db/schema";

/** Every judgment of a study, one row each, with who, what was shown where, and when. Owner-scoped. */
export async function listJudgmentsForExport({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const db = await getDb();
  return db
    .select({
      studySlug: studies.slug,
      participantId: participants.id,
      prolificPid: participants.prolificPid,
      prolificStudyId: participants.prolificStudyId,
      prolificSessionId: participants.prolificSessionId,
      expertise: participants.expertise,
      seed: participants.seed,
      round: trials.round,
      itemId: items.id,
      itemExternalId: items.externalId,
      conversationId: items.conversationId,
      turnId: items.turnId,
      topic: items.topic,
      systemOrder: trials.systemOrder,
      answerPosition: judgments.answerPosition,
      answer: judgments.answer,
      payload: judgments.payload,
      groundTruth: items.groundTruth,
      listening: judgments.listening,
      timeOnItemMs: judgments.timeOnItemMs,
      listenedMs: judgments.listenedMs,
      shownAt: trials.shownAt,
      answeredAt: judgments.createdAt,
    })
    .from(judgments)
    .innerJoin(studies, eq(studies.id, judgments.studyId))
    .innerJoin(trials, eq(trials.id, judgments.trialId))
    .innerJoin(participants, eq(participants.id, judgments.participantId))
    .innerJoin(items, eq(items.id, judgments.itemId))
    .where(and(eq(judgments.studyId, studyId), eq(studies.researcherId, researcherId)))
    .orderBy(asc(participants.createdAt), asc(trials.round));
}

export type TJudgmentExportRow = Awaited<ReturnType<typeof listJudgmentsForExport>>[number];
