// Checks a rating answer against the criteria and the positions shown, and maps it from positions to systems.
import { z } from "zod";
import { AppError } from "@/lib/http/app-error";
import type { TMappedAnswer } from "../mode";
import { POSITION_LETTERS } from "../view";
import { FEEDBACK_MAX_CHARS, type TRatingConfig, type TRatingCriterion } from "./config";

/** A rating value as stored: a Likert point, "yes" | "no", or a categorical option value. */
export type TRatingValue = number | string;

/** What a rating judgment stores in judgments.payload, keyed by system (positions kept alongside). */
export interface TRatingPayload {
  ratings: Record<string, Record<string, TRatingValue>>;
  /** system → the position it was shown at ("A".."H"). */
  positions: Record<string, string>;
  feedback?: Record<string, string>;
}

/**
 * The answer a participant posts (body.answer of POST /api/s/[slug]/answer): ratings per shown position
 * ("A".."H") and criterion — a Likert point 1..points, "yes" | "no" for binary, an option value for
 * categorical — and optional feedback text per position. The route checks only this shape; every value is
 * checked against the study by mapRatingAnswer.
 */
export const ZRatingAnswerBody = z
  .object({
    ratings: z.record(z.string().max(8), z.record(z.string().max(60), z.union([z.number(), z.string().max(200)]))),
    feedback: z.record(z.string().max(8), z.string().max(4 * FEEDBACK_MAX_CHARS)).optional(),
  })
  .strict();

export type TRatingAnswer = z.infer<typeof ZRatingAnswerBody>;

const bad = (message: string): never => {
  throw new AppError("BAD_REQUEST", `Invalid body: answer: ${message}`);
};

/** Whether `value` lies on the criterion's scale; returns why not. */
export function scaleProblem(c: TRatingCriterion, value: TRatingValue): string | null {
  const s = c.scale;
  if (s.kind === "likert") {
    return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= s.points ? null : `a whole number from 1 to ${s.points}`;
  }
  if (s.kind === "binary") return value === "yes" || value === "no" ? null : `"yes" or "no"`;
  return typeof value === "string" && s.options.some((o) => o.value === value) ? null : `one of ${s.options.map((o) => `"${o.value}"`).join(", ")}`;
}

const canonical = (byKey: Record<string, Record<string, TRatingValue>>, criteria: readonly TRatingCriterion[]): string =>
  Object.keys(byKey)
    .map((k) => `${k}: ${criteria.filter((c) => byKey[k][c.id] !== undefined).map((c) => `${c.id}=${byKey[k][c.id]}`).join(", ")}`)
    .join(" | ");

/**
 * Refuses (400) a rating for a position not shown, a criterion the study does not have, a value off its
 * scale, a missing required criterion, feedback when none is collected, missing required feedback, and
 * feedback over FEEDBACK_MAX_CHARS. systemOrder: the systems in display order (index 0 = position A).
 */
export function mapRatingAnswer(raw: unknown, systemOrder: readonly string[], config: TRatingConfig): TMappedAnswer {
  const parsed = ZRatingAnswerBody.safeParse(raw);
  if (!parsed.success) bad("a rating answer is { ratings: { <position>: { <criterion>: value } }, feedback?: { <position>: text } }.");
  const { ratings, feedback } = parsed.data!;
  const shown = POSITION_LETTERS.slice(0, systemOrder.length);
  const notShown = Object.keys({ ...ratings, ...feedback }).filter((p) => !shown.includes(p));
  if (notShown.length) bad(`position ${[...new Set(notShown)].join(", ")} was not shown in this round (shown: ${shown.join(", ")}).`);
  const bySystem: TRatingPayload = { ratings: {}, positions: {} };
  const ordered: Record<string, Record<string, TRatingValue>> = {};
  for (const [i, position] of shown.entries()) {
    const given = ratings[position] ?? {};
    const unknown = Object.keys(given).filter((id) => !config.criteria.some((c) => c.id === id));
    if (unknown.length) bad(`response ${position}: this study has no criterion "${unknown[0]}".`);
    const out: Record<string, TRatingValue> = {};
    for (const c of config.criteria) {
      const v = given[c.id];
      if (v === undefined || v === "") {
        if (c.required) bad(`response ${position}: "${c.label}" (${c.id}) is required.`);
        continue;
      }
      const problem = scaleProblem(c, v);
      if (problem) bad(`response ${position}: "${c.label}" (${c.id}) must be ${problem}; got ${JSON.stringify(v)}.`);
      out[c.id] = v;
    }
    ordered[position] = out;
    bySystem.ratings[systemOrder[i]] = out;
    bySystem.positions[systemOrder[i]] = position;
  }
  if (feedback && Object.values(feedback).some((t) => t.trim() !== "") && !config.feedback.enabled) bad("this study collects no written feedback.");
  if (config.feedback.enabled) {
    for (const [i, position] of shown.entries()) {
      const text = (feedback?.[position] ?? "").trim();
      if (config.feedback.required && text === "") bad(`response ${position}: feedback is required.`);
      if (text.length > FEEDBACK_MAX_CHARS) bad(`response ${position}: feedback is ${text.length} characters; at most ${FEEDBACK_MAX_CHARS}.`);
      if (text !== "") (bySystem.feedback ??= {})[systemOrder[i]] = text;
    }
  }
  return {
    answerPosition: canonical(ordered, config.criteria),
    answer: canonical(bySystem.ratings, config.criteria),
    payload: bySystem,
  };
}

/** The payload of a stored rating judgment; null for another mode's payload. */
export function ratingPayloadOf(payload: unknown): TRatingPayload | null {
  if (!payload || typeof payload !== "object") return null;
  const p = payload as Partial<TRatingPayload>;
  return p.ratings && typeof p.ratings === "object" && p.positions && typeof p.positions === "object" ? (p as TRatingPayload) : null;
}
