import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { chatTurns } from "@/db/schema";

/** Every turn of a conversation in order, with what the server keeps about it (never sent whole to a participant). */
export const TURN_COLUMNS = {
      id: chatTurns.id, seq: chatTurns.seq, role: chatTurns.role, content: chatTurns.content, status: chatTurns.status, error: chatTurns.error,
      requestId: chatTurns.requestId, backend: chatTurns.backend, model: chatTurns.model, promptVersion: chatTurns.promptVersion,
      clipHash: chatTurns.clipHash, startedAt: chatTurns.startedAt, firstTokenAt: chatTurns.firstTokenAt, finishedAt: chatTurns.finishedAt,
      latencyFirstMs: chatTurns.latencyFirstMs, latencyLastMs: chatTurns.latencyLastMs, promptTokens: chatTurns.promptTokens,
      completionTokens: chatTurns.completionTokens,
};

export async function listTurns(db: Db | Tx, { conversationId }: { conversationId: string }) {
  return db
    .select(TURN_COLUMNS)
    .from(chatTurns)
    .where(eq(chatTurns.conversationId, conversationId))
    .orderBy(asc(chatTurns.seq));
}

export type TStoredTurn = Awaited<ReturnType<typeof listTurns>>[number];
