import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { ZStudyConfig, type TStudyConfig } from "@/studies/registry";

export const STUDY_CLOSED_MESSAGE = "This study is closed: it no longer accepts participants or answers. Thank you for your interest.";

export interface TLiveStudy {
  id: string;
  slug: string;
  mode: string;
  status: string;
  config: TStudyConfig;
}

/** The study behind a participant link; drafts and unknown slugs are "not found" to participants. */
export async function getLiveStudyBySlug({ slug, allowClosed = false }: { slug: string; allowClosed?: boolean }): Promise<TLiveStudy> {
  const db = await getDb();
  const [row] = await db
    .select({ id: studies.id, slug: studies.slug, mode: studies.mode, status: studies.status, config: studies.config })
    .from(studies)
    .where(eq(studies.slug, slug))
    .limit(1);
  if (!row || row.status === "draft") throw new AppError("NOT_FOUND", "This study does not exist or is not open yet.");
  if (row.status === "closed" && !allowClosed) throw new AppError("STUDY_CLOSED", STUDY_CLOSED_MESSAGE);
  return { ...row, config: ZStudyConfig.parse(row.config) };
}
