// Pairwise study exports: Table 3 (preference) and Table 11 (preference by expertise) of SPEC §4.
import { share1 } from "@/lib/export/format";
import type { ResultTable } from "@/lib/export/table";

export const PAIRWISE_ANSWERS = ["generated_better", "human_better", "both_good", "both_bad"] as const;
/** The four answers of the generated-vs-expert design (answer.ts also allows `<system>_better`). */
export type TPreferenceAnswer = (typeof PAIRWISE_ANSWERS)[number];
export type TExpertise = "Amateur" | "Intermediate" | "Expert";

/** One saved judgment, answer already mapped back from positions to systems. */
export interface TPairwiseJudgmentRow {
  participantId: string;
  expertise: TExpertise | null;
  answer: TPreferenceAnswer;
}

const TABLE3_LABELS: Record<TPreferenceAnswer, string> = {
  generated_better: "Generated Better",
  human_better: "Human Better",
  both_good: "Both Good",
  both_bad: "Both Bad",
};

const TABLE11_LABELS: Record<TPreferenceAnswer, string> = {
  generated_better: "Generated",
  human_better: "Human",
  both_good: "Both Good",
  both_bad: "Both Bad",
};

const EXPERTISE: readonly TExpertise[] = ["Amateur", "Intermediate", "Expert"];
const NOT_GIVEN = "Not given";

const zeroCounts = (): Record<TPreferenceAnswer, number> => ({ generated_better: 0, human_better: 0, both_good: 0, both_bad: 0 });

/** Per answer, in Table 3 order: count and percentage of all judgments (0 when there are none). */
export function table3Counts(judgments: readonly TPairwiseJudgmentRow[]) {
  const counts = zeroCounts();
  for (const j of judgments) counts[j.answer]++;
  const n = judgments.length;
  return PAIRWISE_ANSWERS.map((answer) => ({
    answer,
    label: TABLE3_LABELS[answer],
    count: counts[answer],
    pct: n === 0 ? 0 : (counts[answer] * 100) / n,
  }));
}

/** Table 3: one row per answer with count and one-decimal percentage; N = judgments. */
export function table3(judgments: readonly TPairwiseJudgmentRow[]): ResultTable {
  const n = judgments.length;
  return {
    id: "table3",
    title: "Table 3 — Human preference, generated vs expert",
    columns: ["Preference", `Count (N=${n})`, "%"],
    rows: table3Counts(judgments).map((c) => [c.label, c.count, share1(c.count, n)]),
  };
}

/**
 * Per expertise group (Amateur, Intermediate, Expert, then "Not given" only if some judgment has
 * no expertise): n = distinct participants, counts = judgments per answer.
 */
export function table11Counts(judgments: readonly TPairwiseJudgmentRow[]) {
  const groups = new Map<string, { participants: Set<string>; counts: Record<TPreferenceAnswer, number> }>();
  const keys: string[] = [...EXPERTISE, ...(judgments.some((j) => j.expertise === null) ? [NOT_GIVEN] : [])];
  for (const k of keys) groups.set(k, { participants: new Set(), counts: zeroCounts() });
  for (const j of judgments) {
    const g = groups.get(j.expertise ?? NOT_GIVEN)!;
    g.participants.add(j.participantId);
    g.counts[j.answer]++;
  }
  return keys.map((expertise) => {
    const g = groups.get(expertise)!;
    return { expertise, n: g.participants.size, counts: g.counts };
  });
}

/** Table 11: answers counted per expertise group; N = participants in the group. */
export function table11(judgments: readonly TPairwiseJudgmentRow[]): ResultTable {
  return {
    id: "table11",
    title: "Table 11 — Human preference by expertise",
    columns: ["Expertise", "N", ...PAIRWISE_ANSWERS.map((a) => TABLE11_LABELS[a])],
    rows: table11Counts(judgments).map((g) => [g.expertise, g.n, ...PAIRWISE_ANSWERS.map((a) => g.counts[a])]),
    notes: ["N = participants in the group; other columns count judgments."],
  };
}
