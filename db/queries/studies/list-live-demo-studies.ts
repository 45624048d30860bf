import "server-only";
import { and, eq, like } from "drizzle-orm";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";

/** The seeded demo studies (slug prefix "demo-") that are live, for the front page. */
export async function listLiveDemoStudies() {
  const db = await getDb();
  return db.select({ slug: studies.slug, title: studies.title }).from(studies).where(and(eq(studies.status, "live"), like(studies.slug, "demo-%")));
}
