import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles, chatTurns, conversations, judgments, participants, studies } from "@/db/schema";
import { studyAccessible } from "@/db/queries/studies/study-access";
import { keptSessions } from "@/db/queries/quality/session-filter";
import type { TFlaggedPolicy } from "@/lib/quality/exclusion";

/** Every conversation of a study with its turns (and what produced each reply) and the survey, oldest first. For anyone who may read the study; `flagged` as in list-judgments-for-export. */
export async function listConversationsForExport({ studyId, researcherId, flagged = "standard" }: { studyId: string; researcherId: string; flagged?: TFlaggedPolicy }) {
  const db = await getDb();
  const convs = await db
    .select({
      id: conversations.id, studySlug: studies.slug, participantId: participants.id, prolificPid: participants.prolificPid,
      expertise: participants.expertise, clipHash: conversations.clipHash, clipDurationMs: audioFiles.durationMs, clipFacts: audioFiles.facts,
      windowStartMs: conversations.windowStartMs, startedAt: conversations.startedAt, deadlineAt: conversations.deadlineAt, endedAt: conversations.endedAt,
      survey: judgments.payload, surveyAt: judgments.createdAt,
    })
    .from(conversations)
    .innerJoin(studies, eq(studies.id, conversations.studyId))
    .innerJoin(participants, eq(participants.id, conversations.participantId))
    .leftJoin(audioFiles, eq(audioFiles.hash, conversations.clipHash))
    .leftJoin(judgments, eq(judgments.trialId, conversations.trialId))
    .where(and(eq(conversations.studyId, studyId), keptSessions(flagged), studyAccessible(researcherId, "read")))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
  const ids = convs.map((c) => c.id);
  const turns = ids.length
    ? await db
        .select({
          conversationId: chatTurns.conversationId, seq: chatTurns.seq, role: chatTurns.role, content: chatTurns.content, status: chatTurns.status,
          error: chatTurns.error, backend: chatTurns.backend, model: chatTurns.model, promptVersion: chatTurns.promptVersion, clipHash: chatTurns.clipHash,
          startedAt: chatTurns.startedAt, firstTokenAt: chatTurns.firstTokenAt, finishedAt: chatTurns.finishedAt, latencyFirstMs: chatTurns.latencyFirstMs,
          latencyLastMs: chatTurns.latencyLastMs, promptTokens: chatTurns.promptTokens, completionTokens: chatTurns.completionTokens,
        })
        .from(chatTurns)
        .where(inArray(chatTurns.conversationId, ids))
        .orderBy(asc(chatTurns.conversationId), asc(chatTurns.seq))
    : [];
  return convs.map((c) => ({ ...c, turns: turns.filter((t) => t.conversationId === c.id).map(({ conversationId: _, ...t }) => t) }));
}

export type TConversationExport = Awaited<ReturnType<typeof listConversationsForExport>>[number];
