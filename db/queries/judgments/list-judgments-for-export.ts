import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgments, participants, studies, studyVersions, trials } from "@/db/schema";
import { studyAccessible } from "@/db/queries/studies/study-access";
import { keptSessions } from "@/db/queries/quality/session-filter";
import type { TFlaggedPolicy } from "@/lib/quality/exclusion";

/**
 * Every judgment of a study, one row each, with who, what was shown where, when, and under which
 * configuration. For anyone who may read the study. Answers to gold items (attention checks) are
 * never rows; `flagged` leaves out sessions as lib/quality/exclusion.ts says (default "standard").
 * participantIds: only these participants' judgments (a page of the streamed long CSV).
 */
export async function listJudgmentsForExport({ studyId, researcherId, flagged = "standard", participantIds }: { studyId: string; researcherId: string; flagged?: TFlaggedPolicy; participantIds?: string[] }) {
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
      configVersion: judgments.configVersion,
      configHash: studyVersions.configHash,
    })
    .from(judgments)
    .innerJoin(studies, eq(studies.id, judgments.studyId))
    .innerJoin(trials, eq(trials.id, judgments.trialId))
    .innerJoin(participants, eq(participants.id, judgments.participantId))
    .innerJoin(items, eq(items.id, judgments.itemId))
    .leftJoin(studyVersions, and(eq(studyVersions.studyId, judgments.studyId), eq(studyVersions.version, judgments.configVersion)))
    .where(and(eq(judgments.studyId, studyId), eq(items.kind, "item"), keptSessions(flagged), studyAccessible(researcherId, "read"), participantIds ? inArray(judgments.participantId, participantIds) : undefined))
    .orderBy(asc(participants.createdAt), asc(participants.id), asc(trials.round));
}

export type TJudgmentExportRow = Awaited<ReturnType<typeof listJudgmentsForExport>>[number];
