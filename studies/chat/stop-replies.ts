import "server-only";
// Stops the participant's reply in progress: the generating task if it runs in this process (it stores the partial text), else the row.
import { getDb } from "@/db/client";
import { findConversation } from "@/db/queries/chat/find-conversation";
import { listTurns } from "@/db/queries/chat/list-turns";
import { stopStreamingTurns } from "@/db/queries/chat/start-exchange";
import { stopLiveReply } from "./reply";

export async function stopReplies(participantId: string): Promise<void> {
  const db = await getDb();
  const c = await findConversation(db, { participantId });
  if (!c) return;
  const streaming = (await listTurns(db, { conversationId: c.id })).filter((t) => t.status === "streaming");
  for (const t of streaming) {
    const stopped = await stopLiveReply(t.id);
    if (!stopped) await stopStreamingTurns({ participantId, turnIds: [t.id] });
  }
}
