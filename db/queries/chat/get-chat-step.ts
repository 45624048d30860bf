import "server-only";
import { INTERRUPTED_REPLY_ERROR } from "./close-orphaned-replies";
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { audioFiles, chatTurns, conversations, items } from "@/db/schema";
import { describeAssistant } from "@/lib/chat/config";
import { MODEL_WINDOW_MAX_S } from "@/lib/audio/window";
import type { TChatConfig } from "@/studies/chat/config";
import { turnView } from "@/studies/chat/turn-view";
import { surveyView } from "@/studies/chat/survey-view";
import type { TParticipantState } from "@/studies/participant-state";
import { getAudioFacts } from "../audio/get-audio-facts";
import { findConversation } from "./find-conversation";
import { listTurns } from "./list-turns";
import { STALE_STREAMING_MS } from "./start-exchange";

/**
 * The chat step of a participant whose conversation is not answered yet: "chat" (clip, window,
 * clock, turns) or, once they finished or the time is up with no reply streaming, "survey".
 * Null when there is no live conversation (the caller's round logic then says done or full).
 */
export async function getChatStep(
  tx: Tx,
  { participantId, config, base }: { participantId: string; config: TChatConfig; base: Pick<TParticipantState, "study" | "progress"> },
): Promise<TParticipantState | null> {
  const c = await findConversation(tx, { participantId });
  if (!c || c.answered) return null;
  await tx
    .update(chatTurns)
    .set({ status: "failed", error: INTERRUPTED_REPLY_ERROR, finishedAt: new Date() })
    .where(and(eq(chatTurns.conversationId, c.id), eq(chatTurns.status, "streaming"), sql`${chatTurns.startedAt} < now() - make_interval(secs => ${STALE_STREAMING_MS / 1000})`));
  const turns = await listTurns(tx, { conversationId: c.id });
  const streaming = turns.find((t) => t.status === "streaming") ?? null;
  const now = Date.now();
  const timeUp = c.deadlineAt !== null && c.deadlineAt.getTime() <= now;
  const progress = { round: 1, total: 1, answered: 0 };
  if (c.endedAt || (timeUp && !streaming)) {
    if (!c.endedAt) await tx.update(conversations).set({ endedAt: new Date() }).where(eq(conversations.id, c.id));
    return { ...base, progress, step: "survey", survey: surveyView(config) };
  }

  let clip: NonNullable<TParticipantState["chat"]>["clip"] = null;
  if (c.clipHash) {
    const [audio] = await tx.select({ durationMs: audioFiles.durationMs }).from(audioFiles).where(eq(audioFiles.hash, c.clipHash));
    const windowMs = Math.min(audio?.durationMs ?? 0, config.chat.windowSeconds * 1000, MODEL_WINDOW_MAX_S * 1000);
    clip = {
      url: `/api/audio/${c.clipHash}`,
      durationMs: audio?.durationMs ?? 0,
      facts: await getAudioFacts({ hash: c.clipHash, tx }),
      windowStartMs: c.windowStartMs,
      windowMs,
    };
  }
  const provided = config.chat.allowProvidedClips
    ? await tx
        .select({ id: items.id, topic: items.topic, externalId: items.externalId, hash: items.audioHash })
        .from(items)
        .where(and(eq(items.studyId, c.studyId), isNotNull(items.audioHash), eq(items.kind, "item")))
        .orderBy(asc(items.externalId))
    : [];
  return {
    ...base,
    progress,
    step: "chat",
    chat: {
      clip,
      providedClips: provided.map((p, i) => ({ id: p.id, label: p.topic ? `Clip ${i + 1}: ${p.topic}` : `Clip ${i + 1}`, url: `/api/audio/${p.hash}` })),
      allowUpload: config.chat.allowUpload,
      maxUploadMb: config.limits.audioMaxMb,
      maxClipSeconds: config.chat.maxClipSeconds,
      hearsAudioWindow: describeAssistant(config.assistant).backend === "openai-audio",
      maxMessageChars: config.chat.maxUserMessageChars,
      timeBudgetSeconds: Math.round(config.chat.timeBudgetMinutes * 60),
      deadlineAt: c.deadlineAt ? c.deadlineAt.toISOString() : null,
      remainingSeconds: c.deadlineAt ? Math.max(0, Math.round((c.deadlineAt.getTime() - now) / 1000)) : null,
      turns: turns.map(turnView),
      replyInProgress: streaming?.id ?? null,
    },
  };
}
