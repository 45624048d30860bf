// What a study mode supplies to the shared platform: its systems per trial, answer checking, texts and tables.
import type { TChartData } from "@/lib/export/chart-data";
import type { ResultTable } from "@/lib/export/table";
import type { TJudgmentExportRow } from "./judgments-csv";
import type { TParticipantState } from "./participant-state";

export interface TMappedAnswer {
  /** What was chosen, in positions: "A", "both_good", or a ranking "B>A>C". */
  answerPosition: string;
  /** The same mapped to systems: "generated_better", or "qwen>ltu>mullama". */
  answer: string;
  payload: unknown;
}

export interface TStudyMode<C> {
  id: string;
  label: string;
  /** The systems a trial of this item shows, in canonical order (positions are then counterbalanced). */
  trialSystems(config: C, itemSystems: string[]): string[];
  /** Checks an answer against the positions shown and maps it to systems; throws AppError BAD_REQUEST. */
  mapAnswer(raw: unknown, systemOrder: string[], config: C): TMappedAnswer;
  studyTexts(config: C): TParticipantState["study"];
  tables(config: C): { id: string; title: string }[];
  buildTable(id: string, rows: readonly TJudgmentExportRow[], config: C): ResultTable;
  /** The chart the results page draws under a table. */
  chart(table: ResultTable): TChartData | null;
  /** Positions per trial, for the system_<letter> columns of the long CSV. */
  positions(config: C): number;
}
