import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { participants } from "@/db/schema";
import { newSeed } from "@/lib/random/rng";
import { getLiveStudyBySlug } from "../studies/get-live-study-by-slug";
import { newParticipantToken } from "./participant-token";

export interface TJoinInput {
  slug: string;
  prolificPid?: string;
  prolificStudyId?: string;
  prolificSessionId?: string;
}

/**
 * Starts a session, or resumes the one of the same Prolific PID (with a fresh token: the old
 * one stops working). The unique (study, PID) index settles two simultaneous joins.
 */
export async function joinStudy(input: TJoinInput): Promise<{ token: string; resumed: boolean; participantId: string; studyId: string }> {
  const study = await getLiveStudyBySlug({ slug: input.slug });
  const db = await getDb();
  const { token, tokenHash } = newParticipantToken();
  if (input.prolificPid) {
    const inserted = await db
      .insert(participants)
      .values({
        studyId: study.id,
        tokenHash,
        seed: newSeed(),
        prolificPid: input.prolificPid,
        prolificStudyId: input.prolificStudyId ?? null,
        prolificSessionId: input.prolificSessionId ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: participants.id });
    if (inserted[0]) return { token, resumed: false, participantId: inserted[0].id, studyId: study.id };
    const [existing] = await db
      .update(participants)
      .set({ tokenHash, lastSeenAt: new Date() })
      .where(and(eq(participants.studyId, study.id), eq(participants.prolificPid, input.prolificPid)))
      .returning({ id: participants.id });
    return { token, resumed: true, participantId: existing.id, studyId: study.id };
  }
  const [row] = await db
    .insert(participants)
    .values({ studyId: study.id, tokenHash, seed: newSeed() })
    .returning({ id: participants.id });
  return { token, resumed: false, participantId: row.id, studyId: study.id };
}
