import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { participants, studies } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { ZStudyConfig, type TStudyConfig } from "@/studies/registry";
import { STUDY_CLOSED_MESSAGE } from "../studies/get-live-study-by-slug";
import { hashToken } from "./participant-token";

export interface TParticipantScope {
  participantId: string;
  studyId: string;
  slug: string;
  studyStatus: string;
  config: TStudyConfig;
}

/** Resolves a participant token within one study: a token of another study is not found. */
export async function getParticipantByToken({ slug, token }: { slug: string; token: string | null | undefined }): Promise<TParticipantScope> {
  if (!token) throw new AppError("UNAUTHORIZED", "No participant session: open the study link again.");
  const db = await getDb();
  const [row] = await db
    .select({ participantId: participants.id, studyId: studies.id, slug: studies.slug, studyStatus: studies.status, config: studies.config })
    .from(participants)
    .innerJoin(studies, eq(studies.id, participants.studyId))
    .where(and(eq(participants.tokenHash, hashToken(token)), eq(studies.slug, slug)))
    .limit(1);
  if (!row) throw new AppError("UNAUTHORIZED", "This participant session is not valid for this study: open the study link again.");
  // A closed study takes nothing more from anyone: every participant request stops here, before any write.
  if (row.studyStatus === "closed") throw new AppError("STUDY_CLOSED", STUDY_CLOSED_MESSAGE);
  return { ...row, config: ZStudyConfig.parse(row.config) };
}
