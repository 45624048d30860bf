import "server-only";
// Writes one entry of a study's audit log: who did what, when, with the details that matter (version, item count, whom …).
import { getDb, type Db, type Tx } from "@/db/client";
import { auditLog } from "@/db/schema";

export const AUDIT_ACTIONS = [
  "created", "imported", "published", "edited", "exported", "shared", "unshared", "duplicated", "closed", "judge_run_started",
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

/** Pass `tx` to write the entry in the same transaction as the action it records. */
export async function recordAudit({ tx, studyId, researcherId, action, detail }: {
  tx?: Tx | Db;
  studyId: string;
  researcherId: string | null;
  action: TAuditAction;
  detail?: Record<string, unknown>;
}): Promise<void> {
  const db = tx ?? (await getDb());
  // The time is set here, not by now(): entries written in one transaction keep their order.
  await db.insert(auditLog).values({ studyId, researcherId, action, detail: detail ?? null, at: new Date() });
}
