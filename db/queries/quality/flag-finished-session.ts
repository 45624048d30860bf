import "server-only";
// When a participant finishes: the too-fast and straight-lining rules over their regular rounds, added to participants.flags.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { items, judgments, participants, trials } from "@/db/schema";
import { finishFlags } from "@/lib/quality/flags";
import type { TQuality } from "@/studies/base-config";

/** Gold items are left out: a session that answers them right should not look straight-lined because of them. */
export async function flagFinishedSession(tx: Tx, { participantId, quality }: { participantId: string; quality: TQuality }) {
  const rounds = await tx
    .select({ answerPosition: judgments.answerPosition, timeOnItemMs: judgments.timeOnItemMs })
    .from(judgments)
    .innerJoin(trials, eq(trials.id, judgments.trialId))
    .innerJoin(items, eq(items.id, judgments.itemId))
    .where(and(eq(judgments.participantId, participantId), eq(items.kind, "item")))
    .orderBy(asc(trials.round));
  const flags = finishFlags(rounds, quality, new Date().toISOString());
  if (flags.length === 0) return;
  await tx.update(participants).set({ flags: sql`${participants.flags} || ${JSON.stringify(flags)}::jsonb` }).where(eq(participants.id, participantId));
}
