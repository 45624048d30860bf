import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { audioFiles, itemClips, items, judgments, participants, trials } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { attentionPassed } from "@/lib/quality/attention";
import { effectiveListeningRule, listeningMissingMs, MAIN_CLIP } from "@/lib/quality/listening";
import { recordAttentionFailure } from "../quality/record-attention-failure";
import { modeOf, type TStudyConfig } from "@/studies/registry";

export interface TSubmitAnswerInput {
  participantId: string;
  trialId: string;
  /** Pairwise: "A" | "B" | "both_good" | "both_bad"; listwise: letters best first; rating: { ratings, feedback? }. Checked by the mode. */
  answer: unknown;
  requestId: string;
  timeOnItemMs?: number;
  listenedMs?: number;
  /** Per clip label ("main" for the one clip of a pairwise or listwise round): { playedMs, plays, seeks }, as the players report it. */
  listening?: { clips: Record<string, { playedMs: number; plays: number; seeks: number }> };
  config: TStudyConfig;
}

/**
 * Stores one answer per trial. The unique index on trial_id makes a double click or a retried
 * request store one row; the same answer again is accepted, a different one is a conflict.
 * The answer is committed before the caller shows the next round. Under a listening rule an answer
 * whose reported listening falls short is refused (409) — the report comes from the browser, so
 * this holds honest clients to the rule; it cannot prove a person listened. A wrong answer to a
 * gold item flags (and, as configured, excludes or screens out) the session in the same transaction.
 */
export async function submitAnswer(input: TSubmitAnswerInput): Promise<{ duplicate: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [trial] = await tx
      .select({
        id: trials.id, studyId: trials.studyId, itemId: trials.itemId, round: trials.round, systemOrder: trials.systemOrder, releasedAt: trials.releasedAt, status: participants.status,
        itemKind: items.kind, groundTruth: items.groundTruth, audioHash: items.audioHash,
      })
      .from(trials)
      .innerJoin(participants, eq(participants.id, trials.participantId))
      .innerJoin(items, eq(items.id, trials.itemId))
      .where(and(eq(trials.id, input.trialId), eq(trials.participantId, input.participantId)))
      .limit(1);
    if (!trial) throw new AppError("NOT_FOUND", "This round is not one of yours.");
    const mapped = modeOf(input.config).mapAnswer(input.answer, trial.systemOrder as string[], input.config);
    const [existing] = await tx.select({ answerPosition: judgments.answerPosition }).from(judgments).where(eq(judgments.trialId, trial.id));
    if (existing) {
      if (existing.answerPosition === mapped.answerPosition) return { duplicate: true };
      throw new AppError("CONFLICT", "This round has already been answered.");
    }
    if (trial.status === "completed") throw new AppError("ALREADY_COMPLETED", "You have already completed this study.");
    if (trial.status === "screened_out") throw new AppError("CONFLICT", "This session has ended; no more answers can be saved.");
    if (trial.releasedAt) throw new AppError("CONFLICT", "This round expired after a long pause; please reload the page to continue.");
    await checkListening(tx, { config: input.config, itemId: trial.itemId, audioHash: trial.audioHash, listening: input.listening });
    const inserted = await tx
      .insert(judgments)
      .values({
        trialId: trial.id,
        studyId: trial.studyId,
        participantId: input.participantId,
        itemId: trial.itemId,
        answerPosition: mapped.answerPosition,
        answer: mapped.answer,
        payload: mapped.payload,
        timeOnItemMs: input.timeOnItemMs ?? null,
        listenedMs: input.listenedMs ?? null,
        listening: input.listening ?? null,
        requestId: input.requestId,
        // The configuration version in force as the answer is stored (a live edit bumps it).
        configVersion: sql`(select version from studies where id = ${trial.studyId})`,
      })
      .onConflictDoNothing()
      .returning({ id: judgments.id });
    if (!inserted[0]) {
      const [now] = await tx.select({ answerPosition: judgments.answerPosition }).from(judgments).where(eq(judgments.trialId, trial.id));
      if (now?.answerPosition === mapped.answerPosition) return { duplicate: true };
      throw new AppError("CONFLICT", "This round has already been answered.");
    }
    if (trial.itemKind === "attention") {
      const passed = attentionPassed(trial.groundTruth, { mode: input.config.mode, answerPosition: mapped.answerPosition, answer: mapped.answer, systemOrder: trial.systemOrder as string[], payload: mapped.payload });
      if (!passed) await recordAttentionFailure(tx, { participantId: input.participantId, round: trial.round, onFail: input.config.quality.attentionChecks.onFail });
    }
    await tx.update(participants).set({ lastSeenAt: new Date() }).where(and(eq(participants.id, input.participantId), isNull(participants.completedAt)));
    return { duplicate: false };
  });
}

/**
 * The study's listening rule against the reported listening of the round's clip: the mix (rating:
 * the first clip with role mix, else the first clip, else the item's audio as "Mix") or the one
 * clip of a pairwise or listwise round ("main"). Rounds without audio have nothing to hear.
 */
async function checkListening(tx: Tx, { config, itemId, audioHash, listening }: { config: TStudyConfig; itemId: string; audioHash: string | null; listening?: TSubmitAnswerInput["listening"] }) {
  const rule = effectiveListeningRule(config as Parameters<typeof effectiveListeningRule>[0]);
  if (rule === "none") return;
  let label = MAIN_CLIP;
  let hash = audioHash;
  if (config.mode === "rating") {
    const clips = await tx.select({ label: itemClips.label, role: itemClips.role, audioHash: itemClips.audioHash }).from(itemClips).where(eq(itemClips.itemId, itemId)).orderBy(asc(itemClips.position));
    const mix = clips.find((c) => c.role === "mix") ?? clips[0];
    label = mix ? mix.label : "Mix";
    hash = mix ? mix.audioHash : audioHash;
  }
  if (!hash) return;
  const [audio] = await tx.select({ durationMs: audioFiles.durationMs }).from(audioFiles).where(eq(audioFiles.hash, hash));
  const heardMs = listening?.clips[label]?.playedMs ?? 0;
  const missingMs = listeningMissingMs(rule, heardMs, audio?.durationMs ?? null);
  if (missingMs > 0) {
    const need = rule === "full" ? "the whole clip" : `at least ${rule.seconds} s of it`;
    throw new AppError("CONFLICT", `This study asks you to listen to ${need} before answering (${(heardMs / 1000).toFixed(1)} s reported for "${label}"; ${(missingMs / 1000).toFixed(1)} s still to hear).`, { clip: label, heardMs, missingMs });
  }
}
