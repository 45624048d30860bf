// What every study file has, whatever its mode: design, participant texts, completion, limits.
import { z } from "zod";

export const ZDesign = z.object({
  roundsPerParticipant: z.number().int().min(1).max(500),
  /** How many judgments each item should get; null means every participant sees every item. */
  judgmentsPerItem: z.number().int().min(1).max(1000).nullable(),
  abandonAfterMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
});

export const ZTexts = z.object({
  consent: z.string().min(1).max(20000),
  instructions: z.string().min(1).max(20000),
  expertiseQuestion: z.string().min(1).max(500).default("How would you describe your music production expertise?"),
});

export const ZCompletion = z.object({
  code: z.string().min(1).max(100),
  /** `{code}` is replaced by the completion code; null shows the code on the page instead. */
  redirectUrl: z.string().url().refine((u) => /^https?:/i.test(u), "an http(s) URL").nullable().default(null),
  /** Prolific's screen-out code, for sessions a study ends early (e.g. a failed attention check); null: none. */
  screenOutCode: z.string().min(1).max(100).nullable().default(null),
  /** Where a screened-out participant is sent; `{code}` is replaced by the screen-out code. */
  screenOutRedirectUrl: z.string().url().refine((u) => /^https?:/i.test(u), "an http(s) URL").nullable().default(null),
});

export const ZLimits = z.object({ audioMaxMb: z.number().positive().max(2000).default(50) }).default({ audioMaxMb: 50 });

/** Bootstrap settings: the seed is part of the study's configuration, so every interval can be reproduced. */
export const ZStatistics = z
  .object({ seed: z.string().min(1).max(100).default("mixstudy"), bootstrapResamples: z.number().int().min(100).max(100_000).default(1000) })
  .default({ seed: "mixstudy", bootstrapResamples: 1000 });

export const baseConfigShape = {
  title: z.string().min(1).max(200),
  description: z.string().max(2000).default(""),
  design: ZDesign,
  texts: ZTexts,
  completion: ZCompletion,
  limits: ZLimits,
  statistics: ZStatistics,
};

export type TBaseConfig = {
  title: string;
  description: string;
  design: z.infer<typeof ZDesign>;
  texts: z.infer<typeof ZTexts>;
  completion: z.infer<typeof ZCompletion>;
  limits: z.infer<typeof ZLimits>;
  statistics: z.infer<typeof ZStatistics>;
};
