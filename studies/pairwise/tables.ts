// Pairwise study exports: Table 3 (preference) and Table 11 (preference by expertise) of SPEC §4.
import { fixed, share1 } from "@/lib/export/format";
import type { ResultTable } from "@/lib/export/table";
import { createRng } from "@/lib/random/rng";
import { signTest } from "@/lib/stats/binomial";
import { generatedVsExpertByItem, type TGeneratedVsExpertCounts } from "@/lib/stats/bradley-terry";
import { krippendorffAlphaFromCounts } from "@/lib/stats/krippendorff";
import { alphaSentence, davidsonSentence, proportionPhrase, signTestSentence } from "@/lib/stats/plain-words";
import { wilson } from "@/lib/stats/proportion";

export const PAIRWISE_ANSWERS = ["generated_better", "human_better", "both_good", "both_bad"] as const;
/** The four answers of the generated-vs-expert design (answer.ts also allows `<system>_better`). */
export type TPreferenceAnswer = (typeof PAIRWISE_ANSWERS)[number];
export type TExpertise = "Amateur" | "Intermediate" | "Expert";

/** One saved judgment, answer already mapped back from positions to systems. */
export interface TPairwiseJudgmentRow {
  participantId: string;
  expertise: TExpertise | null;
  answer: TPreferenceAnswer;
  /** The item judged; needed for the item bootstrap and agreement (rows without one count as their own item). */
  itemId?: string;
}

/** The study's bootstrap settings (config.statistics). */
export interface TStatisticsSettings {
  seed: string;
  bootstrapResamples: number;
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
    notes: ["N = participants in the group; other columns count judgments.", ...table11Statistics(judgments)],
  };
}

const SHARE_LABELS: Record<TPreferenceAnswer, string> = { generated_better: "Generated better", human_better: "Human better", both_good: "Both good", both_bad: "Both bad" };

/** Each answer's share of `counts` with its Wilson 95% interval, as one phrase list. */
const sharesPhrase = (counts: Record<TPreferenceAnswer, number>) => {
  const n = PAIRWISE_ANSWERS.reduce((s, a) => s + counts[a], 0);
  return PAIRWISE_ANSWERS.map((a) => `${SHARE_LABELS[a]} ${proportionPhrase(wilson(counts[a], n))}`).join("; ");
};

/** Under Table 11, per expertise group with judgments: Wilson 95% intervals of the four shares and the sign test. */
export function table11Statistics(judgments: readonly TPairwiseJudgmentRow[]): string[] {
  return table11Counts(judgments).flatMap((g) => {
    const n = PAIRWISE_ANSWERS.reduce((s, a) => s + g.counts[a], 0);
    if (n === 0) return [];
    const sign = signTestSentence(signTest(g.counts.generated_better, g.counts.human_better));
    return [`${g.expertise} (${n} judgments): ${sharesPhrase(g.counts)}. ${sign}`];
  });
}

/**
 * Per item (in first-seen order), the four answer counts: the pre-aggregation every item-level
 * statistic below works on (one pass over the judgments, then O(items)).
 */
export function itemCounts(judgments: readonly TPairwiseJudgmentRow[]): TGeneratedVsExpertCounts[] {
  const byItem = new Map<string, TGeneratedVsExpertCounts>();
  let anonymous = 0;
  for (const j of judgments) {
    const key = j.itemId ?? `\u0000${anonymous++}`;
    let c = byItem.get(key);
    if (!c) byItem.set(key, (c = { generated: 0, expert: 0, bothGood: 0, bothBad: 0 }));
    if (j.answer === "generated_better") c.generated++;
    else if (j.answer === "human_better") c.expert++;
    else if (j.answer === "both_good") c.bothGood++;
    else c.bothBad++;
  }
  return [...byItem.values()];
}

/**
 * Under Table 3: the exact sign test of generated vs expert (ties excluded), the four shares with
 * Wilson 95% intervals, and the Davidson Bradley–Terry fit ("both good" and "both bad" as two
 * kinds of tie) with percentile bootstrap intervals resampling items (seed and resamples from the
 * study's configuration, stream "bootstrap:davidson").
 */
export function table3Statistics(judgments: readonly TPairwiseJudgmentRow[], statistics: TStatisticsSettings = { seed: "mixstudy", bootstrapResamples: 1000 }): string[] {
  const counts = { generated_better: 0, human_better: 0, both_good: 0, both_bad: 0 };
  for (const j of judgments) counts[j.answer]++;
  const items = itemCounts(judgments);
  const dav = generatedVsExpertByItem(items, { resamples: statistics.bootstrapResamples, rng: createRng(statistics.seed, "bootstrap:davidson") });
  return [
    signTestSentence(signTest(counts.generated_better, counts.human_better)),
    `Shares with Wilson 95% intervals: ${sharesPhrase(counts)}.`,
    davidsonSentence(dav, statistics.seed),
  ];
}

const NEEDS_TWO = "needs items judged by at least two participants";

/**
 * Agreement among participants judging the same item: Krippendorff's alpha (nominal) over the four
 * answers, and over the decided answers only (generated vs expert, ties left out). Units are items
 * with two or more judgments; counted per item in one pass.
 */
export function agreementTable(judgments: readonly TPairwiseJudgmentRow[]): ResultTable {
  const items = itemCounts(judgments);
  const four = krippendorffAlphaFromCounts(items.map((c) => [c.generated, c.expert, c.bothGood, c.bothBad]), "nominal");
  const decided = krippendorffAlphaFromCounts(items.map((c) => [c.generated, c.expert]), "nominal");
  const row = (label: string, r: typeof four) => [label, r.units, r.pairable, r.units === 0 ? "—" : fixed(r.alpha, 2)];
  return {
    id: "agreement",
    title: "Agreement between participants (pairwise)",
    columns: ["Measure", "Items (2+ judgments)", "Judgments used", "Value"],
    rows: [row("Krippendorff's α (nominal), four answers", four), row("Krippendorff's α (nominal), generated vs expert only", decided)],
    notes: [
      `Four answers: ${alphaSentence(four, "nominal", { units: "items with 2+ judgments", missing: NEEDS_TWO })}`,
      `Generated vs expert, ties left out: ${alphaSentence(decided, "nominal", { units: "items with 2+ decided judgments", missing: NEEDS_TWO })}`,
      "Each item is a unit and each judgment of it a value; — = not available.",
    ],
  };
}
