import "server-only";
// A wrong answer to a gold item: flag the session, and as the study chose, exclude it or screen it out.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { participants } from "@/db/schema";
import type { TAttentionOnFail } from "@/studies/base-config";
import type { TQualityFlag } from "@/lib/quality/flags";

/** Runs inside the answer's transaction, so the flag and the answer are stored together. */
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
}
