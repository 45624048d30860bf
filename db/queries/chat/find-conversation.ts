import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { conversations, judgments, trials } from "@/db/schema";

export interface TConversationScope {
  id: string;
  studyId: string;
  participantId: string;
  trialId: string;
  clipHash: string | null;
  windowStartMs: number;
  startedAt: Date | null;
  deadlineAt: Date | null;
  endedAt: Date | null;
  /** The survey (the trial's judgment) is stored. */
  answered: boolean;
}

/**
 * The participant's conversation: the one of their live chat trial, created on first use. It is
 * found from the participant (the session token), never from an id the browser sends. Null when
 * the participant has no live trial yet (they have not reached the chat step).
 */
export async function findConversation(db: Db | Tx, { participantId }: { participantId: string }): Promise<TConversationScope | null> {
  const select = () =>
    db
      .select({
        trialId: trials.id, studyId: trials.studyId, answered: judgments.id, id: conversations.id, clipHash: conversations.clipHash,
        windowStartMs: conversations.windowStartMs, startedAt: conversations.startedAt, deadlineAt: conversations.deadlineAt, endedAt: conversations.endedAt,
      })
      .from(trials)
      .leftJoin(judgments, eq(judgments.trialId, trials.id))
      .leftJoin(conversations, eq(conversations.trialId, trials.id))
      .where(and(eq(trials.participantId, participantId), isNull(trials.releasedAt)))
      .orderBy(desc(trials.assignedAt))
      .limit(1);
  let [row] = await select();
  if (!row) return null;
  if (row.id === null) {
    await db.insert(conversations).values({ studyId: row.studyId, participantId, trialId: row.trialId }).onConflictDoNothing();
    [row] = await select();
  }
  return {
    id: row.id!, studyId: row.studyId, participantId, trialId: row.trialId, clipHash: row.clipHash, windowStartMs: row.windowStartMs ?? 0,
    startedAt: row.startedAt, deadlineAt: row.deadlineAt, endedAt: row.endedAt, answered: row.answered !== null,
  };
}
