// The participant API contract (docs/api.md) as zod schemas: the server builds these shapes, the browser checks them.
import { z } from "zod";

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
    .object({ url: z.string() })
    .nullish()
    .transform((a) => a ?? null),
  history: z.array(ZConversationTurn),
  userUtterance: z.string(),
  responses: z.array(z.object({ position: z.string(), text: z.string() })),
});
export type TTrial = z.infer<typeof ZTrial>;

export const ZParticipantState = z.object({
  step: z.enum(["consent", "profile", "instructions", "trial", "done", "full"]),
  study: z.object({
    mode: z.enum(["pairwise", "listwise"]),
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
