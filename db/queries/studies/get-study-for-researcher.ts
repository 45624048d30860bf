import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { ZStudyConfig, type TStudyConfig } from "@/studies/registry";

export interface TResearcherStudy {
  id: string;
  slug: string;
  title: string;
  mode: string;
  status: string;
  config: TStudyConfig;
  createdAt: Date;
  publishedAt: Date | null;
}

/** A study of this researcher; another researcher's study is "not found", never "forbidden". */
export async function getStudyForResearcher({ studyId, researcherId }: { studyId: string; researcherId: string }): Promise<TResearcherStudy> {
  const db = await getDb();
  if (!/^[0-9a-f-]{36}$/i.test(studyId)) throw new AppError("NOT_FOUND", "No such study.");
  const [row] = await db
    .select({ id: studies.id, slug: studies.slug, title: studies.title, mode: studies.mode, status: studies.status, config: studies.config, createdAt: studies.createdAt, publishedAt: studies.publishedAt })
    .from(studies)
    .where(and(eq(studies.id, studyId), eq(studies.researcherId, researcherId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", "No such study.");
  return { ...row, config: ZStudyConfig.parse(row.config) };
}
