import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, judgments, participants, studies } from "@/db/schema";

export async function listStudiesForResearcher({ researcherId }: { researcherId: string }) {
  const db = await getDb();
  return db
    .select({
      id: studies.id, slug: studies.slug, title: studies.title, mode: studies.mode, status: studies.status, createdAt: studies.createdAt,
      items: sql<number>`(select count(*)::int from ${items} where ${items.studyId} = ${studies.id})`,
      participants: sql<number>`(select count(*)::int from ${participants} where ${participants.studyId} = ${studies.id})`,
      judgments: sql<number>`(select count(*)::int from ${judgments} where ${judgments.studyId} = ${studies.id})`,
    })
    .from(studies)
    .where(eq(studies.researcherId, researcherId))
    .orderBy(desc(studies.createdAt));
}
