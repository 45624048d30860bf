import "server-only";
// The owner shares a study with another researcher (by email) as viewer or editor, changes the role, or removes it.
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { researchers, studyShares } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { recordAudit } from "../audit/record-audit";
import { getStudyForResearcher } from "./get-study-for-researcher";

export type TShareRole = "viewer" | "editor";

/** Shares the study (owner only), or changes the role of an existing share; the audit log records whom and which role. */
export async function shareStudy({ studyId, researcherId, email, role }: { studyId: string; researcherId: string; email: string; role: TShareRole }) {
  await getStudyForResearcher({ studyId, researcherId, need: "owner" });
  const db = await getDb();
  const [target] = await db
    .select({ id: researchers.id, email: researchers.email, name: researchers.name })
    .from(researchers)
    .where(eq(sql`lower(${researchers.email})`, email.trim().toLowerCase()))
    .limit(1);
  if (!target) throw new AppError("NOT_FOUND", `No researcher has the email ${email.trim()}: they need an account first.`);
  if (target.id === researcherId) throw new AppError("BAD_REQUEST", "You own this study already.");
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ role: studyShares.role }).from(studyShares)
      .where(and(eq(studyShares.studyId, studyId), eq(studyShares.researcherId, target.id)));
    if (before?.role === role) return { researcherId: target.id, email: target.email, name: target.name, role, changed: false };
    await tx.insert(studyShares).values({ studyId, researcherId: target.id, role })
      .onConflictDoUpdate({ target: [studyShares.studyId, studyShares.researcherId], set: { role } });
    await recordAudit({ tx, studyId, researcherId, action: "shared", detail: { email: target.email, role, ...(before ? { previousRole: before.role } : {}) } });
    return { researcherId: target.id, email: target.email, name: target.name, role, changed: true };
  });
}

/** Removes a researcher's access (owner only); unknown shares are "not found". */
export async function unshareStudy({ studyId, researcherId, sharedWith }: { studyId: string; researcherId: string; sharedWith: string }) {
  await getStudyForResearcher({ studyId, researcherId, need: "owner" });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(studyShares)
      .where(and(eq(studyShares.studyId, studyId), eq(studyShares.researcherId, sharedWith)))
      .returning({ role: studyShares.role });
    if (!removed) throw new AppError("NOT_FOUND", "This study is not shared with that researcher.");
    const [who] = await tx.select({ email: researchers.email }).from(researchers).where(eq(researchers.id, sharedWith));
    await recordAudit({ tx, studyId, researcherId, action: "unshared", detail: { email: who?.email ?? null, role: removed.role } });
    return { researcherId: sharedWith, removed: true };
  });
}
