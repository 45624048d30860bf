// What a pairwise study exports: Tables 3 and 11 from the stored judgments.
import type { ResultTable } from "@/lib/export/table";
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
  return id === "3" ? table3(j) : table11(j);
}
