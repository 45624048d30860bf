// The pairwise mode's study file: design, systems, texts and the four answers (MixAssist Appendix E).
import { z } from "zod";

export const PAIRWISE_ANSWERS = ["A", "B", "both_good", "both_bad"] as const;
export type TPairwiseAnswerPosition = (typeof PAIRWISE_ANSWERS)[number];

export const ZPairwiseConfig = z.object({
  mode: z.literal("pairwise"),
  title: z.string().min(1).max(200),
  description: z.string().max(2000).default(""),
  design: z.object({
    roundsPerParticipant: z.number().int().min(1).max(500),
    /** How many judgments each item should get; null means every participant sees every item. */
    judgmentsPerItem: z.number().int().min(1).max(1000).nullable(),
    abandonAfterMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
  }),
  systems: z.object({
    /** The model whose output is compared (e.g. qwen-ft). */
    generated: z.string().min(1).max(100),
    /** The reference: the human expert's turn. */
    reference: z.string().min(1).max(100).default("expert"),
  }),
  texts: z.object({
    consent: z.string().min(1).max(20000),
    instructions: z.string().min(1).max(20000),
    expertiseQuestion: z.string().min(1).max(500).default("How would you describe your music production expertise?"),
  }),
  answers: z.object({
    A: z.string().min(1).max(200).default("Response A is better"),
    B: z.string().min(1).max(200).default("Response B is better"),
    both_good: z.string().min(1).max(200).default("Both are good"),
    both_bad: z.string().min(1).max(200).default("Both are bad"),
  }),
  completion: z.object({
    code: z.string().min(1).max(100),
    /** `{code}` is replaced by the completion code; null shows the code on the page instead. */
    redirectUrl: z.string().url().nullable().default(null),
  }),
  limits: z.object({ audioMaxMb: z.number().positive().max(2000).default(50) }).default({ audioMaxMb: 50 }),
});

export type TPairwiseConfig = z.infer<typeof ZPairwiseConfig>;
