import "server-only";
import { INTERRUPTED_REPLY_ERROR } from "./close-orphaned-replies";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { chatTurns, conversations } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { findConversation, type TConversationScope } from "./find-conversation";
import { listTurns, TURN_COLUMNS, type TStoredTurn } from "./list-turns";

/** What produced a reply; stored with every assistant turn. */
export interface TReplySource {
  backend: string;
  model: string | null;
  promptVersion: string;
}

export interface TChatLimits {
  maxUserMessageChars: number;
  maxMessagesPerMinute: number;
}

/** A streaming turn this old was cut off (a server restart): it is closed as failed so the chat can go on. */
export const STALE_STREAMING_MS = 5 * 60_000;

export type TStartedExchange =
  | { kind: "started"; conversation: TConversationScope; turns: TStoredTurn[]; userTurn: TStoredTurn | null; assistantTurn: TStoredTurn }
  | { kind: "duplicate"; conversation: TConversationScope; userTurn: TStoredTurn | null; assistantTurn: TStoredTurn | null };

/** Locks the participant's conversation for one transaction and checks it can take a new exchange. */
async function lockedConversation(tx: Tx, participantId: string): Promise<TConversationScope> {
  const c = await findConversation(tx, { participantId });
  if (!c) throw new AppError("CONFLICT", "The chat has not started yet: finish the earlier steps first.");
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`chat:${c.id}`}))`);
  return c;
}

/** The conversation's turns; a streaming turn older than STALE_STREAMING_MS is closed as failed first. */
async function turnsClosingStale(tx: Tx, conversationId: string): Promise<TStoredTurn[]> {
  const turns = await listTurns(tx, { conversationId });
  const stale = turns.filter((t) => t.status === "streaming" && Date.now() - t.startedAt.getTime() > STALE_STREAMING_MS);
  if (stale.length === 0) return turns;
  await tx
    .update(chatTurns)
    .set({ status: "failed", error: INTERRUPTED_REPLY_ERROR, finishedAt: new Date() })
    .where(inArray(chatTurns.id, stale.map((t) => t.id)));
  return listTurns(tx, { conversationId });
}

function assertOpen(c: TConversationScope, now: Date) {
  if (c.answered || c.endedAt) throw new AppError("CONFLICT", "The chat has ended; please answer the questions about it.");
  if (!c.clipHash) throw new AppError("CONFLICT", "Choose or upload a clip first.");
  if (c.deadlineAt && c.deadlineAt.getTime() <= now.getTime()) throw new AppError("CONFLICT", "Your chat time is up; please answer the questions about the conversation.");
}

async function rateLimit(tx: Tx, participantId: string, role: "user" | "assistant", max: number) {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(chatTurns)
    .innerJoin(conversations, eq(conversations.id, chatTurns.conversationId))
    .where(and(eq(conversations.participantId, participantId), eq(chatTurns.role, role), gt(chatTurns.startedAt, sql`now() - interval '60 seconds'`)));
  if (Number(n) >= max) {
    throw new AppError("TOO_MANY_REQUESTS", `You are sending messages too quickly: at most ${max} per minute. Please wait a moment and try again.`);
  }
}

/**
 * Stores the participant's message and an empty streaming reply, in one locked transaction:
 * the same requestId again returns the stored exchange (no second message, no second model call);
 * otherwise the chat must be open, no reply in progress, the text within the limit and the
 * participant under the per-minute rate limit.
 */
export async function startExchange({ participantId, requestId, text, limits, source }: { participantId: string; requestId: string; text: string; limits: TChatLimits; source: TReplySource }): Promise<TStartedExchange> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const c = await lockedConversation(tx, participantId);
    const turns = await turnsClosingStale(tx, c.id);
    const previous = turns.find((t) => t.role === "user" && t.requestId === requestId);
    if (previous) {
      const reply = turns.filter((t) => t.seq > previous.seq && t.role === "assistant").at(-1) ?? null;
      return { kind: "duplicate", conversation: c, userTurn: previous, assistantTurn: reply };
    }
    assertOpen(c, new Date());
    const trimmed = text.trim();
    if (trimmed.length === 0) throw new AppError("BAD_REQUEST", "Invalid body: text: the message is empty.");
    if (trimmed.length > limits.maxUserMessageChars) {
      throw new AppError("BAD_REQUEST", `Invalid body: text: your message has ${trimmed.length} characters; the limit is ${limits.maxUserMessageChars}.`);
    }
    if (turns.some((t) => t.status === "streaming")) throw new AppError("CONFLICT", "The assistant is still replying: wait for it, or stop the reply first.");
    await rateLimit(tx, participantId, "user", limits.maxMessagesPerMinute);
    const seq = (turns.at(-1)?.seq ?? 0) + 1;
    const [userTurn] = await tx
      .insert(chatTurns)
      .values({ conversationId: c.id, seq, role: "user", content: trimmed, status: "complete", requestId, clipHash: c.clipHash, finishedAt: new Date() })
      .returning(TURN_COLUMNS);
    const [assistantTurn] = await tx
      .insert(chatTurns)
      .values({ conversationId: c.id, seq: seq + 1, role: "assistant", status: "streaming", clipHash: c.clipHash, ...source })
      .returning(TURN_COLUMNS);
    return { kind: "started", conversation: c, turns: [...turns, userTurn], userTurn, assistantTurn };
  });
}

/**
 * A new reply to the same message after a failed or stopped one (the failed turn stays in the
 * transcript). Retrying a turn that has already been retried returns the newer reply.
 */
export async function startRetry({ participantId, turnId, limits, source }: { participantId: string; turnId: string; limits: TChatLimits; source: TReplySource }): Promise<TStartedExchange> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const c = await lockedConversation(tx, participantId);
    const turns = await turnsClosingStale(tx, c.id);
    const target = turns.find((t) => t.id === turnId);
    if (!target || target.role !== "assistant") throw new AppError("NOT_FOUND", "There is no such reply in your conversation.");
    const last = turns.at(-1)!;
    if (last.id !== target.id) {
      const newer = turns.filter((t) => t.seq > target.seq);
      if (newer.every((t) => t.role === "assistant")) return { kind: "duplicate", conversation: c, userTurn: null, assistantTurn: newer.at(-1)! };
      throw new AppError("CONFLICT", "Only the latest reply can be retried.");
    }
    if (target.status !== "failed" && target.status !== "stopped") throw new AppError("CONFLICT", "Only a failed or stopped reply can be retried.");
    assertOpen(c, new Date());
    await rateLimit(tx, participantId, "assistant", limits.maxMessagesPerMinute);
    const [assistantTurn] = await tx
      .insert(chatTurns)
      .values({ conversationId: c.id, seq: last.seq + 1, role: "assistant", status: "streaming", clipHash: c.clipHash, ...source })
      .returning(TURN_COLUMNS);
    return { kind: "started", conversation: c, turns, userTurn: null, assistantTurn };
  });
}

export interface TReplyOutcome {
  status: "complete" | "stopped" | "failed";
  content: string;
  error: string | null;
  firstTokenAt: Date | null;
  finishedAt: Date;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** Closes a streaming reply once: its text, status, timing and token counts. A turn already closed (stopped elsewhere) is left as it is. */
export async function finishReply({ turnId, outcome }: { turnId: string; outcome: TReplyOutcome }): Promise<TStoredTurn | null> {
  const db = await getDb();
  const [row] = await db
    .update(chatTurns)
    .set({
      status: outcome.status,
      content: outcome.content,
      error: outcome.error,
      firstTokenAt: outcome.firstTokenAt,
      finishedAt: outcome.finishedAt,
      latencyFirstMs: outcome.firstTokenAt ? sql`greatest(0, round(extract(epoch from (${outcome.firstTokenAt.toISOString()}::timestamptz - ${chatTurns.startedAt})) * 1000))::int` : null,
      latencyLastMs: sql`greatest(0, round(extract(epoch from (${outcome.finishedAt.toISOString()}::timestamptz - ${chatTurns.startedAt})) * 1000))::int`,
      promptTokens: outcome.promptTokens,
      completionTokens: outcome.completionTokens,
    })
    .where(and(eq(chatTurns.id, turnId), eq(chatTurns.status, "streaming")))
    .returning({ id: chatTurns.id, conversationId: chatTurns.conversationId });
  if (!row) return null;
  return (await listTurns(db, { conversationId: row.conversationId })).find((t) => t.id === turnId) ?? null;
}

/** Marks the participant's streaming replies stopped (used when no generation in this process holds them). */
export async function stopStreamingTurns({ participantId, turnIds }: { participantId: string; turnIds?: string[] }): Promise<number> {
  const db = await getDb();
  const own = db.select({ id: conversations.id }).from(conversations).where(eq(conversations.participantId, participantId));
  const rows = await db
    .update(chatTurns)
    .set({ status: "stopped", finishedAt: new Date() })
    .where(and(inArray(chatTurns.conversationId, own), eq(chatTurns.status, "streaming"), ...(turnIds ? [inArray(chatTurns.id, turnIds)] : [])))
    .returning({ id: chatTurns.id });
  return rows.length;
}
