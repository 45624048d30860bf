import "server-only";
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles, chatTurns, conversations, items } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { findConversation, type TConversationScope } from "./find-conversation";

async function openConversationWithoutTurns(participantId: string, what: string): Promise<TConversationScope> {
  const db = await getDb();
  const c = await findConversation(db, { participantId });
  if (!c) throw new AppError("CONFLICT", "The chat has not started yet: finish the earlier steps first.");
  if (c.answered || c.endedAt) throw new AppError("CONFLICT", "The chat has ended; please answer the questions about it.");
  const [{ n }] = await db.select({ n: count() }).from(chatTurns).where(eq(chatTurns.conversationId, c.id));
  if (Number(n) > 0) throw new AppError("CONFLICT", `You have already started chatting about this clip; the ${what} cannot change now.`);
  return c;
}

/** The audio hash of one of the study's provided clips (an item with audio), or 404. */
export async function providedClipHash({ studyId, itemId }: { studyId: string; itemId: string }): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .select({ hash: items.audioHash })
    .from(items)
    .where(and(eq(items.id, itemId), eq(items.studyId, studyId), isNotNull(items.audioHash)));
  if (!row?.hash) throw new AppError("NOT_FOUND", "That clip is not one of this study's clips.");
  return row.hash;
}

/**
 * Sets the clip the conversation is about (before the first message only). The first choice
 * starts the chat's clock: deadline = now + the study's time budget.
 */
export async function chooseClip({ participantId, clipHash, timeBudgetMinutes }: { participantId: string; clipHash: string; timeBudgetMinutes: number }) {
  const c = await openConversationWithoutTurns(participantId, "clip");
  const db = await getDb();
  const [audio] = await db.select({ hash: audioFiles.hash }).from(audioFiles).where(eq(audioFiles.hash, clipHash));
  if (!audio) throw new AppError("NOT_FOUND", "No such clip.");
  await db
    .update(conversations)
    .set({
      clipHash,
      windowStartMs: 0,
      startedAt: sql`coalesce(${conversations.startedAt}, now())`,
      deadlineAt: sql`coalesce(${conversations.deadlineAt}, now() + make_interval(secs => ${Math.round(timeBudgetMinutes * 60)}))`,
    })
    .where(eq(conversations.id, c.id));
}

/** Sets where the window the model hears starts (before the first message only); `clamp` keeps it inside the clip. */
export async function setWindow({ participantId, startMs, clamp }: { participantId: string; startMs: number; clamp: (durationMs: number, startMs: number) => number }) {
  const c = await openConversationWithoutTurns(participantId, "listening window");
  if (!c.clipHash) throw new AppError("CONFLICT", "Choose or upload a clip first.");
  const db = await getDb();
  const [audio] = await db.select({ durationMs: audioFiles.durationMs }).from(audioFiles).where(eq(audioFiles.hash, c.clipHash));
  const windowStartMs = clamp(audio.durationMs, startMs);
  await db.update(conversations).set({ windowStartMs }).where(eq(conversations.id, c.id));
  return { windowStartMs };
}

/** The participant is done chatting (or the time is up): the survey comes next. Idempotent. */
export async function endConversation({ participantId }: { participantId: string }) {
  const db = await getDb();
  const c = await findConversation(db, { participantId });
  if (!c) throw new AppError("CONFLICT", "The chat has not started yet: finish the earlier steps first.");
  await db.update(conversations).set({ endedAt: sql`coalesce(${conversations.endedAt}, now())` }).where(eq(conversations.id, c.id));
}
