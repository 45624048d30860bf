import "server-only";
// A study's audit log, newest first, for anyone who may read the study (viewers too).
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, researchers, studies } from "@/db/schema";
import { studyAccessible } from "../studies/study-access";

export interface TAuditEntry {
  id: string;
  action: string;
  detail: Record<string, unknown> | null;
  at: string;
  researcher: { name: string; email: string } | null;
}

export async function listAudit({ studyId, researcherId, limit = 50 }: { studyId: string; researcherId: string; limit?: number }): Promise<TAuditEntry[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: auditLog.id, action: auditLog.action, detail: auditLog.detail, at: auditLog.at, name: researchers.name, email: researchers.email })
    .from(auditLog)
    .innerJoin(studies, eq(studies.id, auditLog.studyId))
    .leftJoin(researchers, eq(researchers.id, auditLog.researcherId))
    .where(and(eq(auditLog.studyId, studyId), studyAccessible(researcherId, "read")))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(Math.max(1, Math.min(limit, 500)));
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    detail: (r.detail as Record<string, unknown> | null) ?? null,
    at: new Date(r.at).toISOString(),
    researcher: r.email ? { name: r.name ?? "", email: r.email } : null,
  }));
}
