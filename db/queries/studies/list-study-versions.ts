import "server-only";
// Every configuration a study has had, oldest first, with its hash: the frozen versions, and the one in force if it is not frozen yet (a draft).
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { researchers, studyVersions } from "@/db/schema";
import { getStudyForResearcher } from "./get-study-for-researcher";

export interface TStudyVersion {
  version: number;
  configHash: string;
  config: unknown;
  /** When the version was frozen (publishing, or a live edit); null for a draft's configuration. */
  frozenAt: string | null;
  frozenBy: string | null;
  current: boolean;
}

export async function listStudyVersions({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "read" });
  const db = await getDb();
  const rows = await db
    .select({ version: studyVersions.version, configHash: studyVersions.configHash, config: studyVersions.config, at: studyVersions.createdAt, by: researchers.email })
    .from(studyVersions)
    .leftJoin(researchers, eq(researchers.id, studyVersions.createdBy))
    .where(eq(studyVersions.studyId, studyId))
    .orderBy(asc(studyVersions.version));
  const versions: TStudyVersion[] = rows.map((r) => ({
    version: r.version, configHash: r.configHash, config: r.config, frozenAt: new Date(r.at).toISOString(), frozenBy: r.by ?? null, current: r.version === study.version,
  }));
  if (!versions.some((v) => v.current)) {
    versions.push({ version: study.version, configHash: study.configHash, config: study.config, frozenAt: null, frozenBy: null, current: true });
  }
  return { study, versions };
}
