// The post-chat survey of MixAssist Appendix F: the fixed answer keys of Q2–Q4 (labels are the study's) and the stored answer.
import { z } from "zod";

/** Each 4-point question's answer keys, lowest to highest; the labels shown are configured per study. */
export const SURVEY_SCALES = {
  naturalness: ["very_unnatural", "somewhat_unnatural", "somewhat_natural", "very_natural"],
  contribution: ["significantly_less", "slightly_less", "slightly_more", "significantly_more"],
  novelty: ["not_at_all", "a_little", "somewhat", "definitely"],
} as const;

export type TSurveyScale = keyof typeof SURVEY_SCALES;
export const SURVEY_SCALE_IDS = Object.keys(SURVEY_SCALES) as TSurveyScale[];

/** The paper's labels (SPEC §1.3), lowest to highest, in the order of SURVEY_SCALES. */
export const DEFAULT_SURVEY = {
  naturalness: {
    question: "How natural did the conversation with the agent feel?",
    labels: ["Very unnatural", "Somewhat unnatural", "Somewhat natural", "Very natural"],
  },
  contribution: {
    question: "How much did the agent contribute to the creative process, compared to your own input?",
    labels: ["Significantly less", "Slightly less", "Slightly more", "Significantly more"],
  },
  novelty: {
    question: "Did the agent suggest musical ideas that you wouldn't have thought of yourself?",
    labels: ["Not at all", "A little", "Somewhat", "Definitely"],
  },
  insights: {
    question: "Any other thoughts about the conversation: what helped, what was missing?",
  },
} as const;

/** What the participant submits: one key per 4-point question and the open text (may be empty). */
export const ZSurveyAnswer = z
  .object({
    naturalness: z.enum(SURVEY_SCALES.naturalness),
    contribution: z.enum(SURVEY_SCALES.contribution),
    novelty: z.enum(SURVEY_SCALES.novelty),
    insights: z.string().max(5000).default(""),
  })
  .strict();
export type TSurveyAnswer = z.infer<typeof ZSurveyAnswer>;

/** The stored answer column: a canonical string, so a retried identical submit is recognised as the same. */
export function surveyAnswerKey(a: TSurveyAnswer): string {
  return `naturalness=${a.naturalness};contribution=${a.contribution};novelty=${a.novelty}`;
}
