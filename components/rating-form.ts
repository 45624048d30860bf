// The rating round's form rules, without React: the zod schema built from the study's criteria (the same
// rules the API applies), the answer as posted, and the listening rule's shortfall in the rater's words.
import { z } from "zod";
import { formatClock } from "@/lib/audio/playhead";
import type {
  TRatingAnswerValue,
  TRatingCriterionView,
  TRatingFeedbackView,
  TRequireMixPlayed,
  TTrialClip,
} from "@/studies/participant-state";

/** Per clip label: time heard, starts and seeks, and each clip's length (what the multi-clip player reports). */
export interface TMultiClipListening {
  clips: Record<string, { playedMs: number; plays: number; seeks: number }>;
  durationsMs: Record<string, number>;
}

/** The most characters one feedback text may have (the server's limit, studies/rating/config.ts). */
export const FEEDBACK_MAX_CHARS = 5000;
/** "Played in full" tolerates the last frame or so that the player's clock may not credit. */
const FULL_PLAY_TOLERANCE_MS = 300;

/** Form values: every radio holds a string ("4", "yes", "raise"); an untouched one is undefined or null. */
export type TRatingFormValues = {
  ratings: Record<string, Record<string, string | null | undefined>>;
  feedback: Record<string, string>;
};

export function scaleValues(criterion: TRatingCriterionView): string[] {
  const scale = criterion.scale;
  switch (scale.kind) {
    case "likert":
      return Array.from({ length: scale.points }, (_, i) => String(i + 1));
    case "binary":
      return ["yes", "no"];
    case "categorical":
      return scale.options.map((o) => o.value);
  }
}

/** The form's schema, built from the study's criteria and the positions shown: the same rules the API applies. */
export function ratingFormSchema(criteria: TRatingCriterionView[], positions: string[], feedback: TRatingFeedbackView) {
  const perResponse = z.object(
    Object.fromEntries(
      criteria.map((c) => {
        const values = scaleValues(c) as [string, ...string[]];
        const value = z.enum(values, { error: `Rate "${c.label}".` });
        return [c.id, c.required ? value : value.nullish()];
      }),
    ),
  );
  const text = z.string().max(FEEDBACK_MAX_CHARS, `Feedback can be at most ${FEEDBACK_MAX_CHARS} characters.`);
  const feedbackText = feedback.enabled && feedback.required ? text.refine((t) => t.trim().length > 0, "Write your feedback.") : text;
  return z.object({
    ratings: z.object(Object.fromEntries(positions.map((p) => [p, perResponse]))),
    feedback: z.object(Object.fromEntries(positions.map((p) => [p, feedbackText]))),
  });
}

/** Likert points go to the API as numbers, the rest as their value; unanswered optional criteria are left out. */
export function toRatingAnswer(values: TRatingFormValues, criteria: TRatingCriterionView[], positions: string[], feedback: TRatingFeedbackView): TRatingAnswerValue {
  const ratings: TRatingAnswerValue["ratings"] = {};
  for (const p of positions) {
    ratings[p] = {};
    for (const c of criteria) {
      const v = values.ratings[p]?.[c.id];
      if (v === undefined || v === null || v === "") continue;
      ratings[p][c.id] = c.scale.kind === "likert" ? Number(v) : v;
    }
  }
  if (!feedback.enabled) return { ratings };
  const texts = Object.fromEntries(positions.map((p) => [p, (values.feedback[p] ?? "").trim()]).filter(([, t]) => t.length > 0));
  return Object.keys(texts).length > 0 ? { ratings, feedback: texts } : { ratings };
}

/** Which clip is "the mix" for the listening rule: the first clip with role mix, else the first clip. */
export function mixClip(clips: TTrialClip[]): TTrialClip | null {
  return clips.find((c) => c.role === "mix") ?? clips[0] ?? null;
}

/** Null when the listening rule is met, else what is still needed, in the rater's words. */
export function listeningShortfall(rule: TRequireMixPlayed, clips: TTrialClip[], listening: TMultiClipListening | null): string | null {
  if (rule === "none") return null;
  const mix = mixClip(clips);
  if (!mix) return null;
  const heardMs = listening?.clips[mix.label]?.playedMs ?? 0;
  if (rule === "full") {
    const durationMs = listening?.durationsMs[mix.label];
    if (durationMs !== undefined && heardMs >= durationMs - FULL_PLAY_TOLERANCE_MS) return null;
    return durationMs === undefined
      ? `Play the ${mix.label.toLowerCase()} all the way through first.`
      : `Play the ${mix.label.toLowerCase()} all the way through first (${formatClock(heardMs / 1000)} of ${formatClock(durationMs / 1000)} heard).`;
  }
  const neededMs = rule.seconds * 1000;
  if (heardMs >= neededMs) return null;
  return `Listen to the ${mix.label.toLowerCase()} for at least ${rule.seconds} s first (${(heardMs / 1000).toFixed(1)} s so far).`;
}


/** The labelled points of a Likert scale, low to high: the two ends, plus any inner point the study names. */
export function likertLabels(scale: Extract<TRatingCriterionView["scale"], { kind: "likert" }>): [number, string][] {
  return Array.from({ length: scale.points }, (_, i) => i + 1).flatMap((point): [number, string][] => {
    const text = scale.labels.points?.[String(point)] ?? (point === 1 ? scale.labels.low : point === scale.points ? scale.labels.high : null);
    return text ? [[point, text]] : [];
  });
}

