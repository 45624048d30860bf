import "server-only";
import { desc, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgments, participants, researchers, studies } from "@/db/schema";
import { studyAccessible, studyRoleOf, type TStudyRole } from "./study-access";

// Select fields of a one-table query render unqualified ("id"), which inside a subquery would bind to
// the subquery's own table; the outer study id is therefore written out qualified.
const outerStudyId = sql`${studies}.${sql.identifier(studies.id.name)}`;
const outerOwnerId = sql`${studies}.${sql.identifier(studies.researcherId.name)}`;

/** The researcher's own studies and those shared with them, with their role (owner, editor, viewer) and the owner's email. */
export async function listStudiesForResearcher({ researcherId }: { researcherId: string }) {
  const db = await getDb();
  const rows = await db
    .select({
      id: studies.id, slug: studies.slug, title: studies.title, mode: studies.mode, status: studies.status, createdAt: studies.createdAt,
      version: studies.version,
      role: studyRoleOf(researcherId),
      ownerEmail: sql<string>`(select ${researchers.email} from ${researchers} where ${researchers.id} = ${outerOwnerId})`,
      items: sql<number>`(select count(*)::int from ${items} where ${items.studyId} = ${outerStudyId})`,
      participants: sql<number>`(select count(*)::int from ${participants} where ${participants.studyId} = ${outerStudyId})`,
      judgments: sql<number>`(select count(*)::int from ${judgments} where ${judgments.studyId} = ${outerStudyId})`,
    })
    .from(studies)
    .where(studyAccessible(researcherId, "read"))
    .orderBy(desc(studies.createdAt));
  return rows.map((r) => ({ ...r, role: r.role as TStudyRole }));
}
