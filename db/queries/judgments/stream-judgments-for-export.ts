import "server-only";
// The long CSV's rows a page of participants at a time (in the same order as listJudgmentsForExport),
// so exporting a million judgments holds one page in memory, not the whole study.
import { and, asc, eq, exists } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgments, participants } from "@/db/schema";
import { listJudgmentsForExport } from "./list-judgments-for-export";
import { keptSessions } from "@/db/queries/quality/session-filter";
import type { TFlaggedPolicy } from "@/lib/quality/exclusion";

export async function* streamJudgmentsForExport({ studyId, researcherId, flagged = "standard", participantsPerPage = 100 }: { studyId: string; researcherId: string; flagged?: TFlaggedPolicy; participantsPerPage?: number }) {
  const db = await getDb();
  const ids = await db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.studyId, studyId), keptSessions(flagged), exists(db.select({ one: judgments.id }).from(judgments).where(eq(judgments.participantId, participants.id)))))
    .orderBy(asc(participants.createdAt), asc(participants.id));
  for (let i = 0; i < ids.length; i += participantsPerPage) {
    // Access is checked on every page (the query is scoped to readers of the study).
    yield await listJudgmentsForExport({ studyId, researcherId, flagged, participantIds: ids.slice(i, i + participantsPerPage).map((p) => p.id) });
  }
}
