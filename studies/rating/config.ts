// The rating mode's study file: criteria with their scales, feedback, presentation and listening rules
// (Mixing Buddy's effectiveness / actionability / conventions ratings; MixAssist F.4 coding).
import { z } from "zod";
import { baseConfigShape } from "../base-config";

export const ZLikertScale = z.object({
  kind: z.literal("likert"),
  points: z.union([z.literal(5), z.literal(7)]),
  labels: z.object({
    low: z.string().min(1).max(200),
    high: z.string().min(1).max(200),
    /** Labels for inner points, keyed by the point as a string: { "3": "Neutral" }. */
    points: z.record(z.string().regex(/^[1-7]$/, "a scale point 1..7"), z.string().min(1).max(200)).optional(),
  }),
});

export const ZBinaryScale = z.object({ kind: z.literal("binary") });

export const ZCategoricalScale = z.object({
  kind: z.literal("categorical"),
  options: z
    .array(z.object({ value: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "a lower-case slug").max(60), label: z.string().min(1).max(200) }))
    .min(2)
    .max(12)
    .refine((o) => new Set(o.map((x) => x.value)).size === o.length, "option values must be unique"),
  /**
   * What the options are compared with, for accuracy against an item's ground truth { track, gain_db }:
   * "direction" expects the values raise / lower / leave, "magnitude" the values slight / moderate / a_lot
   * in the order of the configured bands.
   */
  groundTruth: z.enum(["direction", "magnitude"]).optional(),
});

export const ZRatingScale = z.discriminatedUnion("kind", [ZLikertScale, ZBinaryScale, ZCategoricalScale]);
export type TRatingScale = z.infer<typeof ZRatingScale>;

export const ZRatingCriterion = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "a lower-case slug (letters, digits, - and _)").max(60),
  label: z.string().min(1).max(300),
  /** The criterion's name in tables and charts (e.g. "Effectiveness"); the label when absent. */
  short: z.string().min(1).max(60).optional(),
  help: z.string().max(2000).optional(),
  required: z.boolean().default(true),
  scale: ZRatingScale,
});
export type TRatingCriterion = z.infer<typeof ZRatingCriterion>;

/** The most characters a participant's feedback on one response may have. */
export const FEEDBACK_MAX_CHARS = 5000;

export const ZRatingConfig = z
  .object({
    mode: z.literal("rating"),
    ...baseConfigShape,
    /** The systems whose responses are rated, with their labels in tables; one system means one response per item. */
    systems: z.array(z.object({ id: z.string().min(1).max(100), label: z.string().min(1).max(100) })).min(1).max(8),
    criteria: z
      .array(ZRatingCriterion)
      .min(1)
      .max(20)
      .refine((c) => new Set(c.map((x) => x.id)).size === c.length, "criterion ids must be unique"),
    feedback: z
      .object({
        enabled: z.boolean().default(false),
        required: z.boolean().default(false),
        label: z.string().min(1).max(500).default("Feedback (optional)"),
      })
      .default({ enabled: false, required: false, label: "Feedback (optional)" }),
    presentation: z.enum(["one_at_a_time", "side_by_side"]).default("one_at_a_time"),
    listening: z
      .object({
        requireMixPlayed: z
          .union([z.enum(["none", "full"]), z.object({ seconds: z.number().positive().max(3600) })])
          .default("none"),
      })
      .default({ requireMixPlayed: "none" }),
    accuracy: z
      .object({
        /** Two ascending dB bounds: |error| < a is slight, a..b moderate, > b a lot. */
        magnitudeBandsDb: z
          .tuple([z.number().positive(), z.number().positive()])
          .refine(([a, b]) => a < b, "the bands must ascend, e.g. [3, 6]")
          .default([3, 6]),
        /** An |error| below this many dB calls for "leave" (0: every injected error needs a change). */
        leaveBelowDb: z.number().min(0).max(24).default(0),
      })
      .default({ magnitudeBandsDb: [3, 6], leaveBelowDb: 0 }),
  });

export type TRatingConfig = z.infer<typeof ZRatingConfig>;

// The answer a participant posts is checked in ./answer.ts (ZRatingAnswerBody, mapRatingAnswer).

/** What the browser reports about listening, per clip label ("Mix", "Bass", …). */
export const ZListeningReport = z.object({
  clips: z.record(
    z.string().min(1).max(100),
    z.object({ playedMs: z.number().min(0).max(24 * 3600_000), plays: z.number().int().min(0).max(100_000), seeks: z.number().int().min(0).max(100_000) }),
  ),
});
export type TListeningReport = z.infer<typeof ZListeningReport>;
