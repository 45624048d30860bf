import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { candidates, itemClips, items, judgments, participants, trials } from "@/db/schema";
import { modeOf, type TStudyConfig } from "@/studies/registry";
import { blindTrial, completionOf, ratingStudyView, type TParticipantState } from "@/studies/view";
import { getAudioFacts } from "../audio/get-audio-facts";
import { getChatStep } from "../chat/get-chat-step";
import { ensureTrials } from "../trials/ensure-trials";
import { flagFinishedSession } from "../quality/flag-finished-session";
import { effectiveListeningRule } from "@/lib/quality/listening";

/** Prolific's screen-out code and redirect ({code} replaced), for a session a failed attention check ended. */
function screenOutOf(config: TStudyConfig): { code: string | null; redirectUrl: string | null } {
  const code = config.completion.screenOutCode;
  const url = config.completion.screenOutRedirectUrl;
  return { code, redirectUrl: url ? url.replaceAll("{code}", encodeURIComponent(code ?? "")) : null };
}

/**
 * Where a participant is and what they see next. Entering the rounds assigns them (once);
 * the current round is the first unanswered one, so a reload resumes exactly there.
 */
export async function getParticipantState({ participantId, config }: { participantId: string; config: TStudyConfig }): Promise<TParticipantState> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [p] = await tx
      .update(participants)
      .set({ lastSeenAt: new Date() })
      .where(eq(participants.id, participantId))
      .returning({
        id: participants.id, studyId: participants.studyId, seed: participants.seed, status: participants.status,
        consentedAt: participants.consentedAt, expertise: participants.expertise, instructionsReadAt: participants.instructionsReadAt,
      });
    const study = modeOf(config).studyTexts(config);
    // Rating studies also carry their criteria, feedback, presentation and listening rule (studies/view.ts).
    // Every mode carries the listening rule in force (lib/quality/listening.ts), so the round can say what is missing.
    const listening = { requireMixPlayed: effectiveListeningRule(config as Parameters<typeof effectiveListeningRule>[0]) };
    const base = {
      study: config.mode === "rating" ? { ...study, ...ratingStudyView(config), listening } : { ...study, listening },
      progress: { round: 0, total: config.design.roundsPerParticipant, answered: 0 },
    };
    if (!p.consentedAt) return { step: "consent", ...base };
    if (!p.expertise) return { step: "profile", ...base };
    if (!p.instructionsReadAt) return { step: "instructions", ...base };
    if (p.status === "screened_out") return { step: "screened_out", ...base, screenOut: screenOutOf(config) };
    if (p.status !== "completed") await ensureTrials(tx, { studyId: p.studyId, participantId: p.id, seed: p.seed, config });
    if (config.mode === "chat") {
      const chat = await getChatStep(tx, { participantId: p.id, config, base });
      if (chat) return chat;
    }
    return roundState(tx, { participantId: p.id, status: p.status, config, base });
  });
}

async function roundState(
  tx: Tx,
  { participantId, status, config, base }: { participantId: string; status: string; config: TStudyConfig; base: Pick<TParticipantState, "study" | "progress"> },
): Promise<TParticipantState> {
  const rows = await tx
    .select({ id: trials.id, round: trials.round, itemId: trials.itemId, systemOrder: trials.systemOrder, answered: judgments.id })
    .from(trials)
    .leftJoin(judgments, eq(judgments.trialId, trials.id))
    .where(and(eq(trials.participantId, participantId), isNull(trials.releasedAt)))
    .orderBy(asc(trials.round));
  const total = rows.length;
  const answered = rows.filter((r) => r.answered).length;
  const next = rows.find((r) => !r.answered);
  if (total === 0) return { ...base, step: "full", progress: { round: 0, total: 0, answered: 0 } };
  if (!next) {
    if (status !== "completed") {
      await tx.update(participants).set({ status: "completed", completedAt: new Date() }).where(eq(participants.id, participantId));
      await flagFinishedSession(tx, { participantId, quality: config.quality });
    }
    return { ...base, step: "done", progress: { round: total, total, answered }, completion: completionOf(config) };
  }
  const [item] = await tx
    .select({ audioHash: items.audioHash, history: items.history, userUtterance: items.userUtterance })
    .from(items)
    .where(eq(items.id, next.itemId));
  const texts = await tx
    .select({ system: candidates.system, text: candidates.text })
    .from(candidates)
    .where(inArray(candidates.itemId, [next.itemId]));
  // Rating mode: the item's mix and stems in display order (never its ground truth).
  const clips =
    config.mode === "rating"
      ? await tx
          .select({ label: itemClips.label, role: itemClips.role, audioHash: itemClips.audioHash })
          .from(itemClips)
          .where(eq(itemClips.itemId, next.itemId))
          .orderBy(asc(itemClips.position))
      : undefined;
  await tx.update(trials).set({ shownAt: new Date() }).where(and(eq(trials.id, next.id), isNull(trials.shownAt)));
  return {
    ...base,
    step: "trial",
    progress: { round: answered + 1, total, answered },
    trial: blindTrial({
      trialId: next.id,
      round: answered + 1,
      audioHash: item.audioHash,
      audioFacts: item.audioHash ? await getAudioFacts({ hash: item.audioHash, tx }) : null,
      history: item.history,
      userUtterance: item.userUtterance,
      systemOrder: next.systemOrder as string[],
      textBySystem: new Map(texts.map((t) => [t.system, t.text])),
      clips,
    }),
  };
}
