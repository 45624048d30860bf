// The listwise mode's study file: the systems raters rank and the criteria they rank by (MixAssist Appendix D.2).
import { z } from "zod";
import { baseConfigShape } from "../base-config";

export const ZListwiseConfig = z.object({
  mode: z.literal("listwise"),
  ...baseConfigShape,
  /** The systems whose responses are ranked, with their labels in tables (e.g. qwen → Qwen). */
  systems: z.array(z.object({ id: z.string().min(1).max(100), label: z.string().min(1).max(100) })).min(2).max(8),
  /** Shown to raters, and given to the LLM judge, in this order of importance. */
  criteria: z.array(z.string().min(1).max(500)).min(1).max(10),
});

export type TListwiseConfig = z.infer<typeof ZListwiseConfig>;
