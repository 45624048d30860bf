import "server-only";
// The owner deletes a study and everything of it (items, participants, judgments, versions, shares, audit log).
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { getStudyForResearcher } from "./get-study-for-researcher";

export async function deleteStudy({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  await getStudyForResearcher({ studyId, researcherId, need: "owner" });
  const db = await getDb();
  await db.delete(studies).where(eq(studies.id, studyId));
  return { id: studyId, deleted: true };
}
