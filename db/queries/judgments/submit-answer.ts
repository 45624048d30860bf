import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgments, participants, trials } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { modeOf, type TStudyConfig } from "@/studies/registry";

export interface TSubmitAnswerInput {
  participantId: string;
  trialId: string;
  /** Pairwise: "A" | "B" | "both_good" | "both_bad"; listwise: letters best first; rating: { ratings, feedback? }. Checked by the mode. */
  answer: unknown;
  requestId: string;
  timeOnItemMs?: number;
  listenedMs?: number;
  /** Per clip label: { playedMs, plays, seeks }, as the multi-clip player reports it. */
  listening?: { clips: Record<string, { playedMs: number; plays: number; seeks: number }> };
  config: TStudyConfig;
}

/**
 * Stores one answer per trial. The unique index on trial_id makes a double click or a retried
 * request store one row; the same answer again is accepted, a different one is a conflict.
 * The answer is committed before the caller shows the next round.
 */
export async function submitAnswer(input: TSubmitAnswerInput): Promise<{ duplicate: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [trial] = await tx
      .select({ id: trials.id, studyId: trials.studyId, itemId: trials.itemId, systemOrder: trials.systemOrder, releasedAt: trials.releasedAt, status: participants.status })
      .from(trials)
      .innerJoin(participants, eq(participants.id, trials.participantId))
      .where(and(eq(trials.id, input.trialId), eq(trials.participantId, input.participantId)))
      .limit(1);
    if (!trial) throw new AppError("NOT_FOUND", "This round is not one of yours.");
    const mapped = modeOf(input.config).mapAnswer(input.answer, trial.systemOrder as string[], input.config);
    const [existing] = await tx.select({ answerPosition: judgments.answerPosition }).from(judgments).where(eq(judgments.trialId, trial.id));
    if (existing) {
      if (existing.answerPosition === mapped.answerPosition) return { duplicate: true };
      throw new AppError("CONFLICT", "This round has already been answered.");
    }
    if (trial.status === "completed") throw new AppError("ALREADY_COMPLETED", "You have already completed this study.");
    if (trial.releasedAt) throw new AppError("CONFLICT", "This round expired after a long pause; please reload the page to continue.");
    const inserted = await tx
      .insert(judgments)
      .values({
        trialId: trial.id,
        studyId: trial.studyId,
        participantId: input.participantId,
        itemId: trial.itemId,
        answerPosition: mapped.answerPosition,
        answer: mapped.answer,
        payload: mapped.payload,
        timeOnItemMs: input.timeOnItemMs ?? null,
        listenedMs: input.listenedMs ?? null,
        listening: input.listening ?? null,
        requestId: input.requestId,
        // The configuration version in force as the answer is stored (a live edit bumps it).
        configVersion: sql`(select version from studies where id = ${trial.studyId})`,
      })
      .onConflictDoNothing()
      .returning({ id: judgments.id });
    if (!inserted[0]) {
      const [now] = await tx.select({ answerPosition: judgments.answerPosition }).from(judgments).where(eq(judgments.trialId, trial.id));
      if (now?.answerPosition === mapped.answerPosition) return { duplicate: true };
      throw new AppError("CONFLICT", "This round has already been answered.");
    }
    await tx.update(participants).set({ lastSeenAt: new Date() }).where(and(eq(participants.id, input.participantId), isNull(participants.completedAt)));
    return { duplicate: false };
  });
}
