import "server-only";
// The consented sessions of a study with their status, exclusion and flags: what the exclusion statement counts.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { participants, studies } from "@/db/schema";
import { studyAccessible } from "@/db/queries/studies/study-access";

/** For anyone who may read the study. */
export async function listSessionQuality({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const db = await getDb();
  return db
    .select({ participantId: participants.id, status: participants.status, excludedAt: participants.excludedAt, flags: participants.flags })
    .from(participants)
    .innerJoin(studies, eq(studies.id, participants.studyId))
    .where(and(eq(participants.studyId, studyId), isNotNull(participants.consentedAt), studyAccessible(researcherId, "read")))
    .orderBy(asc(participants.createdAt));
}
