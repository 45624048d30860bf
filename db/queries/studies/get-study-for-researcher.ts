import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { configHash } from "@/lib/lifecycle/config-hash";
import { ZStudyConfig, type TStudyConfig } from "@/studies/registry";
import { ROLES_FOR, studyRoleOf, type TStudyAccess, type TStudyRole } from "./study-access";

export type { TStudyAccess, TStudyRole };

export interface TResearcherStudy {
  id: string;
  slug: string;
  title: string;
  mode: string;
  status: string;
  config: TStudyConfig;
  createdAt: Date;
  publishedAt: Date | null;
  closedAt: Date | null;
  /** The configuration version in force and its hash (lib/lifecycle/config-hash.ts). */
  version: number;
  configHash: string;
  /** The caller's role on this study. */
  role: TStudyRole;
}

const NEEDS: Record<TStudyAccess, string> = {
  read: "",
  write: "You can view this study but not change it: ask its owner to make you an editor.",
  owner: "Only the study's owner can do this.",
};

/**
 * A study the researcher may use at level `need` (default "owner", the strictest). A study not shared with them is
 * "not found", never "forbidden"; one shared with too low a role is FORBIDDEN with a message saying why.
 */
export async function getStudyForResearcher({ studyId, researcherId, need = "owner" }: { studyId: string; researcherId: string; need?: TStudyAccess }): Promise<TResearcherStudy> {
  const db = await getDb();
  if (!/^[0-9a-f-]{36}$/i.test(studyId)) throw new AppError("NOT_FOUND", "No such study.");
  const [row] = await db
    .select({
      id: studies.id, slug: studies.slug, title: studies.title, mode: studies.mode, status: studies.status, config: studies.config,
      createdAt: studies.createdAt, publishedAt: studies.publishedAt, closedAt: studies.closedAt, version: studies.version, configHash: studies.configHash,
      role: studyRoleOf(researcherId),
    })
    .from(studies)
    .where(and(eq(studies.id, studyId)))
    .limit(1);
  if (!row || !row.role) throw new AppError("NOT_FOUND", "No such study.");
  if (!ROLES_FOR[need].includes(row.role)) throw new AppError("FORBIDDEN", NEEDS[need]);
  return { ...row, role: row.role, configHash: row.configHash ?? configHash(row.config), config: ZStudyConfig.parse(row.config) };
}
