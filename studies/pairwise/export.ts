// What a pairwise study exports: Tables 3 and 11 from the stored judgments.
import type { ResultTable } from "@/lib/export/table";
import { signTest } from "@/lib/stats/binomial";
import { proportionPhrase, signTestSentence } from "@/lib/stats/plain-words";
import { wilson } from "@/lib/stats/proportion";
import type { TJudgmentExportRow } from "../judgments-csv";
import { table11, table3, type TExpertise, type TPairwiseJudgmentRow, type TPreferenceAnswer } from "./tables";

export const PAIRWISE_TABLES = [
  { id: "3", title: "Table 3 — Human preference, generated vs expert" },
  { id: "11", title: "Table 11 — Human preference by expertise" },
] as const;

const EXPERTISE = new Set(["Amateur", "Intermediate", "Expert"]);

function toPreference(answer: string): TPreferenceAnswer {
  if (answer === "generated_better" || answer === "human_better" || answer === "both_good" || answer === "both_bad") return answer;
  return "human_better"; // two-model studies: `<reference>_better` takes the reference's column
}

export function toJudgmentRows(rows: readonly TJudgmentExportRow[]): TPairwiseJudgmentRow[] {
  return rows.map((r) => ({
    participantId: r.participantId,
    expertise: r.expertise && EXPERTISE.has(r.expertise) ? (r.expertise as TExpertise) : null,
    answer: toPreference(r.answer),
  }));
}

export function pairwiseTable(id: string, rows: readonly TJudgmentExportRow[]): ResultTable {
  const j = toJudgmentRows(rows);
  if (id !== "3") return table11(j);
  const t = table3(j);
  return { ...t, notes: [...(t.notes ?? []), ...table3Statistics(j)] };
}

/** Under Table 3: the exact sign test of generated vs expert (ties excluded) and Wilson 95% intervals. */
export function table3Statistics(j: readonly TPairwiseJudgmentRow[]): string[] {
  const count = (a: TPreferenceAnswer) => j.filter((r) => r.answer === a).length;
  const shares = (["generated_better", "human_better", "both_good", "both_bad"] as const).map(
    (a) => `${LABELS[a]} ${proportionPhrase(wilson(count(a), j.length))}`,
  );
  return [signTestSentence(signTest(count("generated_better"), count("human_better"))), `Shares with Wilson 95% intervals: ${shares.join("; ")}.`];
}

const LABELS: Record<TPreferenceAnswer, string> = { generated_better: "Generated better", human_better: "Human better", both_good: "Both good", both_bad: "Both bad" };
