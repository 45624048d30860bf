import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgments, participants, studies } from "@/db/schema";

// Select fields of a one-table query render unqualified ("id"), which inside a subquery would bind to
// the subquery's own table; the outer study id is therefore written out qualified.
const outerStudyId = sql`${studies}.${sql.identifier(studies.id.name)}`;

export async function listStudiesForResearcher({ researcherId }: { researcherId: string }) {
  const db = await getDb();
  return db
    .select({
      id: studies.id, slug: studies.slug, title: studies.title, mode: studies.mode, status: studies.status, createdAt: studies.createdAt,
      items: sql<number>`(select count(*)::int from ${items} where ${items.studyId} = ${outerStudyId})`,
      participants: sql<number>`(select count(*)::int from ${participants} where ${participants.studyId} = ${outerStudyId})`,
      judgments: sql<number>`(select count(*)::int from ${judgments} where ${judgments.studyId} = ${outerStudyId})`,
    })
    .from(studies)
    .where(eq(studies.researcherId, researcherId))
    .orderBy(desc(studies.createdAt));
}
