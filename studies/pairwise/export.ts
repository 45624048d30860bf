// What a pairwise study exports: Tables 3 and 11 from the stored judgments.
import type { ResultTable } from "@/lib/export/table";
import { AppError } from "@/lib/http/app-error";
import type { TJudgmentExportRow } from "../judgments-csv";
import { agreementTable, table11, table3, table3Statistics, type TExpertise, type TPairwiseJudgmentRow, type TPreferenceAnswer, type TStatisticsSettings } from "./tables";

export { table3Statistics };

export const PAIRWISE_TABLES = [
  { id: "3", title: "Table 3 — Human preference, generated vs expert" },
  { id: "11", title: "Table 11 — Human preference by expertise" },
  { id: "agreement", title: "Agreement between participants" },
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
    itemId: r.itemId ?? r.itemExternalId,
  }));
}

export function pairwiseTable(id: string, rows: readonly TJudgmentExportRow[], statistics?: TStatisticsSettings): ResultTable {
  const j = toJudgmentRows(rows);
  if (id === "11") return table11(j);
  if (id === "agreement") return agreementTable(j);
  if (id !== "3") throw new AppError("NOT_FOUND", `This study has no table ${id}.`);
  const t = table3(j);
  return { ...t, notes: [...(t.notes ?? []), ...table3Statistics(j, statistics)] };
}
