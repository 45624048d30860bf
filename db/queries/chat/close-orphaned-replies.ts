import "server-only";
// At start-up no reply can be streaming (one server process owns the database): any turn still
// marked streaming was cut off by a crash or kill, and is closed as failed so its participant can retry at once.
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { chatTurns } from "@/db/schema";

export const INTERRUPTED_REPLY_ERROR = "interrupted: the server stopped while the reply was streaming";

export async function closeOrphanedReplies(): Promise<number> {
  const db = await getDb();
  const closed = await db
    .update(chatTurns)
    .set({ status: "failed", error: INTERRUPTED_REPLY_ERROR, finishedAt: new Date() })
    .where(eq(chatTurns.status, "streaming"))
    .returning({ id: chatTurns.id });
  return closed.length;
}
