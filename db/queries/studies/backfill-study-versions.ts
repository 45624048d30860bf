import "server-only";
// Start-up: studies stored before versions existed get their configuration hash, and a published one its frozen version row.
import { and, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies, studyVersions } from "@/db/schema";
import { configHash } from "@/lib/lifecycle/config-hash";

export async function backfillStudyVersions(): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: studies.id, status: studies.status, version: studies.version, config: studies.config, configHash: studies.configHash })
    .from(studies)
    .where(sql`${studies.configHash} is null or (${studies.status} <> 'draft' and not exists (select 1 from ${studyVersions} v where v.study_id = ${studies}.${sql.identifier("id")}))`);
  for (const r of rows) {
    const hash = r.configHash ?? configHash(r.config);
    await db.transaction(async (tx) => {
      await tx.update(studies).set({ configHash: hash }).where(and(sql`${studies.id} = ${r.id}`, isNull(studies.configHash)));
      if (r.status !== "draft") {
        await tx.insert(studyVersions).values({ studyId: r.id, version: r.version, config: r.config, configHash: hash }).onConflictDoNothing();
      }
    });
  }
  return rows.length;
}
