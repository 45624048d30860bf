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

// ---- rating mode (what a rater sees; the study file's own schema is studies/rating/config.ts) ----

/** One clip of a rating item as the browser gets it: a display label, its role, and the audio URL. */
export const ZTrialClip = z.object({
  label: z.string(),
  role: z.enum(["mix", "anchor", "stem"]),
  url: z.string(),
});
export type TTrialClip = z.infer<typeof ZTrialClip>;

/** A criterion's scale as shown: Likert points with labelled ends (and optional inner labels), yes/no, or named options. */
export const ZRatingScaleView = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("likert"),
    points: z.number().int().min(2).max(11),
    labels: z.object({ low: z.string(), high: z.string(), points: z.record(z.string(), z.string()).nullish() }),
  }),
  z.object({ kind: z.literal("binary") }),
  z.object({ kind: z.literal("categorical"), options: z.array(z.object({ value: z.string(), label: z.string() })).min(1) }),
]);
export type TRatingScaleView = z.infer<typeof ZRatingScaleView>;

export const ZRatingCriterionView = z.object({
  id: z.string(),
  label: z.string(),
  help: z.string().nullish(),
  required: z.boolean(),
  scale: ZRatingScaleView,
});
export type TRatingCriterionView = z.infer<typeof ZRatingCriterionView>;

export const ZRatingFeedbackView = z.object({ enabled: z.boolean(), required: z.boolean(), label: z.string() });
export type TRatingFeedbackView = z.infer<typeof ZRatingFeedbackView>;

export const ZRequireMixPlayed = z.union([z.enum(["none", "full"]), z.object({ seconds: z.number().positive() })]);
export type TRequireMixPlayed = z.infer<typeof ZRequireMixPlayed>;

/** A rating answer as the form builds it: per position, per criterion a Likert point, "yes"/"no" or an option value. */
export type TRatingAnswerValue = { ratings: Record<string, Record<string, number | string>>; feedback?: Record<string, string> };

/** Per clip label: how long it was heard, how often it started playing, how often the rater sought in it. */
export type TListeningValue = { clips: Record<string, { playedMs: number; plays: number; seeks: number }> };

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
  /** Rating mode: the clips to switch between in sync (the mix first); labels only, never ground truth. */
  clips: z.array(ZTrialClip).optional(),
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
  step: z.enum(["consent", "profile", "instructions", "trial", "chat", "survey", "done", "full", "screened_out"]),
  study: z.object({
    mode: z.enum(["pairwise", "listwise", "chat", "rating"]),
    title: z.string(),
    consentText: z.string(),
    instructions: z.string(),
    expertiseQuestion: z.string(),
    answerOptions: z.array(ZAnswerOption),
    /** Listwise: the criteria raters rank by, most important first. */
    criteria: z.array(z.string()),
    /** Rating mode: every response is rated on each of these criteria. */
    ratingCriteria: z.array(ZRatingCriterionView).optional(),
    feedback: ZRatingFeedbackView.optional(),
    presentation: z.enum(["one_at_a_time", "side_by_side"]).optional(),
    /** The listening rule of every mode (quality.requireListening, or a rating study's requireMixPlayed): the mix, or the round's one clip. */
    listening: z.object({ requireMixPlayed: ZRequireMixPlayed }).optional(),
  }),
  progress: ZProgress,
  trial: ZTrial.nullish(),
  chat: ZChatView.nullish(),
  survey: ZSurveyView.nullish(),
  completion: z
    .object({ code: z.string(), redirectUrl: z.string().nullish() })
    .nullish(),
  /** Step "screened_out": the study ended this session early; Prolific's screen-out code and where to go. */
  screenOut: z.object({ code: z.string().nullable(), redirectUrl: z.string().nullable() }).nullish(),
});
export type TParticipantState = z.infer<typeof ZParticipantState>;

export const ZJoinResponse = z.object({
  token: z.string(),
  resumed: z.boolean(),
  state: ZParticipantState,
});
