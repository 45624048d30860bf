import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { participants } from "@/db/schema";

export async function getParticipantPid({ participantId }: { participantId: string }): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ pid: participants.prolificPid }).from(participants).where(eq(participants.id, participantId));
  return row?.pid ?? null;
}
