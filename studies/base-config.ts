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

/** What a participant must have heard of a round's clip before answering: nothing, all of it, or at least N seconds. */
export const ZRequireListening = z.union([z.enum(["none", "full"]), z.object({ seconds: z.number().positive().max(3600) }).strict()]);
export type TRequireListening = z.infer<typeof ZRequireListening>;

/** What a failed attention check does: flag the session, also exclude it from tables, or also end it with the screen-out code. */
export const ZAttentionOnFail = z.enum(["flag", "exclude", "screen_out"]);
export type TAttentionOnFail = z.infer<typeof ZAttentionOnFail>;

/**
 * Data-quality controls (lib/quality/). Attention-check rounds are 1-based positions in the session;
 * a gold item (items.kind = "attention") fills each of them, on top of design.roundsPerParticipant.
 */
export const ZQuality = z
  .object({
    requireListening: ZRequireListening.default("none"),
    attentionChecks: z
      .object({ rounds: z.array(z.number().int().min(1).max(1000)).max(50).default([]), onFail: ZAttentionOnFail.default("flag") })
      .default({ rounds: [], onFail: "flag" }),
    /** A round answered faster than this is "fast"; null: no time rule. */
    minSecondsPerTrial: z.number().positive().max(3600).nullable().default(null),
    /** Flag "too_fast" when more than this share of a session's rounds are fast. */
    tooFastShare: z.number().min(0).max(1).default(0.5),
    /** Flag "straight_lining" when a session of at least this many rounds gave the same answer position every round; null: off. */
    straightLiningMinRounds: z.number().int().min(2).max(1000).nullable().default(5),
  })
  .default({ requireListening: "none", attentionChecks: { rounds: [], onFail: "flag" }, minSecondsPerTrial: null, tooFastShare: 0.5, straightLiningMinRounds: 5 });
export type TQuality = z.infer<typeof ZQuality>;

export const baseConfigShape = {
  title: z.string().min(1).max(200),
  description: z.string().max(2000).default(""),
  design: ZDesign,
  texts: ZTexts,
  completion: ZCompletion,
  limits: ZLimits,
  statistics: ZStatistics,
  quality: ZQuality,
};

export type TBaseConfig = {
  title: string;
  description: string;
  design: z.infer<typeof ZDesign>;
  texts: z.infer<typeof ZTexts>;
  completion: z.infer<typeof ZCompletion>;
  limits: z.infer<typeof ZLimits>;
  statistics: z.infer<typeof ZStatistics>;
  quality: z.infer<typeof ZQuality>;
};
