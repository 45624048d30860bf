import "server-only";
// Who has access to a study: the owner and every share, for anyone who may read it.
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { researchers, studies, studyShares } from "@/db/schema";
import { getStudyForResearcher } from "./get-study-for-researcher";

export async function listStudyShares({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  await getStudyForResearcher({ studyId, researcherId, need: "read" });
  const db = await getDb();
  const [owner] = await db
    .select({ researcherId: researchers.id, email: researchers.email, name: researchers.name })
    .from(studies)
    .innerJoin(researchers, eq(researchers.id, studies.researcherId))
    .where(eq(studies.id, studyId));
  const shares = await db
    .select({ researcherId: researchers.id, email: researchers.email, name: researchers.name, role: studyShares.role, since: studyShares.createdAt })
    .from(studyShares)
    .innerJoin(researchers, eq(researchers.id, studyShares.researcherId))
    .where(eq(studyShares.studyId, studyId))
    .orderBy(asc(studyShares.createdAt));
  return { owner, shares: shares.map((s) => ({ ...s, role: s.role as "viewer" | "editor", since: new Date(s.since).toISOString() })) };
}
