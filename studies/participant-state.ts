// The participant API contract (docs/api.md) as zod schemas: the server builds these shapes, the browser checks them.
import { z } from "zod";
import { ZAudioFacts } from "@/lib/audio/facts-schema";

/** Pairwise answers; a listwise answer is a ranking of the shown letters, best first. */
export const ZAnswerValue = z.enum(["A", "B", "both_good", "both_bad"]);
export type TAnswerValue = z.infer<typeof ZAnswerValue>;
export const ZRankingAnswer = z.array(z.string().regex(/^[A-H]$/)).min(2).max(8);
export type TRankingAnswer = z.infer<typeof ZRankingAnswer>;

export const ZExpertise = z.enum(["Amateur", "Intermediate", "Expert"]);
export type TExpertise = z.infer<typeof ZExpertise>;

export const ZAnswerOption = z.object({
  value: ZAnswerValue,
  label: z.string(),
  key: z.string(),
});
export type TAnswerOption = z.infer<typeof ZAnswerOption>;

export const ZConversationTurn = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string(),
});
export type TConversationTurn = z.infer<typeof ZConversationTurn>;

export const ZProgress = z.object({
  round: z.number(),
  total: z.number(),
  answered: z.number(),
});
export type TProgress = z.infer<typeof ZProgress>;

export const ZTrial = z.object({
  trialId: z.string(),
  round: z.number(),
  // Lenient: a missing audio field means "no audio", same as null.
  audio: z
    // facts: the clip's measured audio facts (lib/audio/facts-schema.ts), shown beside the player; absent when not measured.
    .object({ url: z.string(), facts: ZAudioFacts.nullish() })
    .nullish()
    .transform((a) => a ?? null),
  history: z.array(ZConversationTurn),
  userUtterance: z.string(),
  responses: z.array(z.object({ position: z.string(), text: z.string() })),
});
export type TTrial = z.infer<typeof ZTrial>;

/** Chat mode: one message as the participant sees it (no back end, model or raw error). */
export const ZChatTurnView = z.object({
  id: z.string(),
  seq: z.number(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  status: z.enum(["complete", "streaming", "stopped", "failed"]),
  /** A participant-facing explanation when the reply failed. */
  error: z.string().nullable(),
});
export type TChatTurnView = z.infer<typeof ZChatTurnView>;

/** Chat mode: the conversation step — the clip, its window, the clock and the turns so far. */
export const ZChatView = z.object({
  clip: z
    .object({ url: z.string(), durationMs: z.number(), facts: ZAudioFacts.nullable(), windowStartMs: z.number(), windowMs: z.number() })
    .nullable(),
  providedClips: z.array(z.object({ id: z.string(), label: z.string(), url: z.string() })),
  allowUpload: z.boolean(),
  maxUploadMb: z.number(),
  maxClipSeconds: z.number(),
  /** Whether the assistant hears a window of the audio (then the page lets the participant choose it). */
  hearsAudioWindow: z.boolean(),
  maxMessageChars: z.number(),
  timeBudgetSeconds: z.number(),
  deadlineAt: z.string().nullable(),
  remainingSeconds: z.number().nullable(),
  turns: z.array(ZChatTurnView),
  /** The id of the reply being generated right now, if any. */
  replyInProgress: z.string().nullable(),
});
export type TChatView = z.infer<typeof ZChatView>;

const ZSurveyScaleView = z.object({ question: z.string(), options: z.array(z.object({ value: z.string(), label: z.string() })) });
/** Chat mode: the post-chat survey's questions (Q2–Q5; Q1 expertise is the profile step). */
export const ZSurveyView = z.object({
  naturalness: ZSurveyScaleView,
  contribution: ZSurveyScaleView,
  novelty: ZSurveyScaleView,
  insights: z.object({ question: z.string() }),
});
export type TSurveyView = z.infer<typeof ZSurveyView>;

export const ZParticipantState = z.object({
  step: z.enum(["consent", "profile", "instructions", "trial", "chat", "survey", "done", "full"]),
  study: z.object({
    mode: z.enum(["pairwise", "listwise", "chat"]),
    title: z.string(),
    consentText: z.string(),
    instructions: z.string(),
    expertiseQuestion: z.string(),
    answerOptions: z.array(ZAnswerOption),
    /** Listwise: the criteria raters rank by, most important first. */
    criteria: z.array(z.string()),
  }),
  progress: ZProgress,
  trial: ZTrial.nullish(),
  chat: ZChatView.nullish(),
  survey: ZSurveyView.nullish(),
  completion: z
    .object({ code: z.string(), redirectUrl: z.string().nullish() })
    .nullish(),
});
export type TParticipantState = z.infer<typeof ZParticipantState>;

export const ZJoinResponse = z.object({
  token: z.string(),
  resumed: z.boolean(),
  state: ZParticipantState,
});
