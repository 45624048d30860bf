import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { items } from "@/db/schema";

/** The external id of the item a chat study always has: the participant's own (uploaded) clip. */
export const OWN_CLIP_ITEM = "own-clip";

/**
 * A chat participant's one trial needs an item to point at; a chat study with no provided clips
 * gets this one, so a fresh chat study works with no import. Idempotent.
 */
export async function ensureOwnClipItem(db: Db | Tx, { studyId }: { studyId: string }): Promise<void> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(items).where(eq(items.studyId, studyId));
  if (Number(n) > 0) return;
  await db.insert(items).values({ studyId, externalId: OWN_CLIP_ITEM, topic: "Own clip" }).onConflictDoNothing();
}
