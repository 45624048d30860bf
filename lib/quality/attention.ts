// Whether an answer to a gold item (items.kind = "attention") is the right one, for each mode.
import { z } from "zod";

/**
 * A gold item's ground truth, in system labels (positions are shuffled per participant):
 * - pairwise: `{ answer: "<system>" }` (that response is better) or `{ answer: "both_good" | "both_bad" }`
 *   (also accepts the stored answer value, e.g. "human_better");
 * - listwise: `{ answer: "<system>" }` (ranked first) or `{ ranking: ["<system>", ...] }` (best first, exact);
 * - rating: `{ answer: { <criterion id>: value } }`, which every rated response must have.
 */
export const ZAttentionTruth = z.union([
  z.object({ answer: z.string().min(1) }).strict(),
  z.object({ ranking: z.array(z.string().min(1)).min(2) }).strict(),
  z.object({ answer: z.record(z.string(), z.union([z.number(), z.string()])) }).strict(),
]);
export type TAttentionTruth = z.infer<typeof ZAttentionTruth>;

export interface TGoldAnswer {
  mode: "pairwise" | "listwise" | "rating" | "chat";
  /** What was clicked ("A", "both_bad", "B>A>C"). */
  answerPosition: string;
  /** The answer mapped to systems ("human_better", "qwen>ltu>mullama"). */
  answer: string;
  /** Systems in display order, index 0 = Response A. */
  systemOrder: readonly string[];
  /** Listwise: { ranking: systems best first }; rating: { ratings: { <system>: { <criterion>: value } } }. */
  payload: unknown;
}

const LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H"];

/** True when the answer matches the gold item's ground truth; a ground truth that does not parse fails closed (false). */
export function attentionPassed(groundTruth: unknown, a: TGoldAnswer): boolean {
  const truth = ZAttentionTruth.safeParse(groundTruth);
  if (!truth.success) return false;
  const t = truth.data;
  if (a.mode === "pairwise") {
    if (!("answer" in t) || typeof t.answer !== "string") return false;
    const i = LETTERS.indexOf(a.answerPosition);
    const chosen = i >= 0 ? a.systemOrder[i] : a.answerPosition; // both_good / both_bad stay as they are
    return t.answer === chosen || t.answer === a.answer;
  }
  if (a.mode === "listwise") {
    const ranking = (a.payload as { ranking?: unknown } | null)?.ranking;
    if (!Array.isArray(ranking)) return false;
    if ("ranking" in t) return t.ranking.length === ranking.length && t.ranking.every((s, k) => s === ranking[k]);
    return typeof t.answer === "string" && ranking[0] === t.answer;
  }
  if (a.mode === "rating") {
    if (!("answer" in t) || typeof t.answer !== "object") return false;
    const ratings = (a.payload as { ratings?: Record<string, Record<string, unknown>> } | null)?.ratings ?? {};
    const rated = Object.values(ratings);
    const want = Object.entries(t.answer);
    return rated.length > 0 && rated.every((r) => want.every(([criterion, value]) => String(r[criterion]) === String(value)));
  }
  return true; // chat has no rounds to check
}
