import "server-only";
// A wrong answer to a gold item: flag the session, and as the study chose, exclude it or screen it out.
import { and, eq, isNull, notExists, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { judgments, participants, trials } from "@/db/schema";
import type { TAttentionOnFail } from "@/studies/base-config";
import type { TQualityFlag } from "@/lib/quality/flags";

/** Runs inside the answer's transaction (after the gold answer is stored), so the flag and the answer are stored together. */
export async function recordAttentionFailure(tx: Tx, { participantId, round, onFail }: { participantId: string; round: number; onFail: TAttentionOnFail }) {
  const flag: TQualityFlag = { kind: "attention_failed", round, at: new Date().toISOString() };
  await tx
    .update(participants)
    .set({
      flags: sql`${participants.flags} || ${JSON.stringify([flag])}::jsonb`,
      ...(onFail === "flag" ? {} : { excludedAt: sql`coalesce(${participants.excludedAt}, now())` }),
      ...(onFail === "screen_out" ? { status: "screened_out" } : {}),
    })
    .where(eq(participants.id, participantId));
  if (onFail !== "screen_out") return;
  // A screened-out session gets no more rounds: its unanswered items go back to the pool at once.
  await tx
    .update(trials)
    .set({ releasedAt: new Date() })
    .where(and(eq(trials.participantId, participantId), isNull(trials.releasedAt), notExists(tx.select({ one: sql`1` }).from(judgments).where(eq(judgments.trialId, trials.id)))));
}
