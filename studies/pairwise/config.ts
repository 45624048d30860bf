// The pairwise mode's study file: the two systems and the four answers (MixAssist Appendix E).
import { z } from "zod";
import { baseConfigShape } from "../base-config";

export const PAIRWISE_ANSWERS = ["A", "B", "both_good", "both_bad"] as const;
export type TPairwiseAnswerPosition = (typeof PAIRWISE_ANSWERS)[number];

export const ZPairwiseConfig = z.object({
  mode: z.literal("pairwise"),
  ...baseConfigShape,
  systems: z.object({
    /** The model whose output is compared (e.g. qwen-ft). */
    generated: z.string().min(1).max(100),
    /** The reference: the human expert's turn. */
    reference: z.string().min(1).max(100).default("expert"),
  }),
  answers: z.object({
    A: z.string().min(1).max(200).default("Response A is better"),
    B: z.string().min(1).max(200).default("Response B is better"),
    both_good: z.string().min(1).max(200).default("Both are good"),
    both_bad: z.string().min(1).max(200).default("Both are bad"),
  }),
});

export type TPairwiseConfig = z.infer<typeof ZPairwiseConfig>;
