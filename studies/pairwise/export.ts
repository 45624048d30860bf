// What a pairwise study exports: Tables 3 and 11, and the long-format CSV of every judgment.
import { stringify } from "csv-stringify/sync";
import type { ResultTable } from "@/lib/export/table";
import { table11, table3, type TExpertise, type TPairwiseJudgmentRow, type TPreferenceAnswer } from "./tables";

/** One stored judgment as the export query returns it (see db/queries/judgments/list-judgments-for-export.ts). */
export interface TPairwiseExportRow {
  studySlug: string;
  participantId: string;
  prolificPid: string | null;
  prolificStudyId: string | null;
  prolificSessionId: string | null;
  expertise: string | null;
  seed: string;
  round: number;
  itemExternalId: string;
  conversationId: string | null;
  turnId: number | null;
  topic: string | null;
  systemOrder: unknown;
  answerPosition: string;
  answer: string;
  timeOnItemMs: number | null;
  listenedMs: number | null;
  shownAt: Date | null;
  answeredAt: Date;
}

export const PAIRWISE_TABLES = ["3", "11"] as const;
export type TPairwiseTableId = (typeof PAIRWISE_TABLES)[number];

const EXPERTISE = new Set(["Amateur", "Intermediate", "Expert"]);

function toPreference(answer: string): TPreferenceAnswer {
  if (answer === "generated_better" || answer === "human_better" || answer === "both_good" || answer === "both_bad") return answer;
  return "human_better"; // two-model studies: `<reference>_better` takes the reference's column
}

export function toJudgmentRows(rows: readonly TPairwiseExportRow[]): TPairwiseJudgmentRow[] {
  return rows.map((r) => ({
    participantId: r.participantId,
    expertise: r.expertise && EXPERTISE.has(r.expertise) ? (r.expertise as TExpertise) : null,
    answer: toPreference(r.answer),
  }));
}

export function pairwiseTable(id: TPairwiseTableId, rows: readonly TPairwiseExportRow[]): ResultTable {
  const j = toJudgmentRows(rows);
  return id === "3" ? table3(j) : table11(j);
}

const JUDGMENT_COLUMNS = [
  "study", "participant_id", "prolific_pid", "prolific_study_id", "prolific_session_id", "expertise", "seed", "round",
  "item_id", "conversation_id", "turn_id", "topic", "system_a", "system_b", "answer_position", "answer", "chosen_system",
  "time_on_item_ms", "listened_ms", "shown_at", "answered_at",
];

/** The long-format CSV: one row per judgment, with the system shown at each position. */
export function judgmentsCsv(rows: readonly TPairwiseExportRow[]): string {
  const body = rows.map((r) => {
    const order = Array.isArray(r.systemOrder) ? (r.systemOrder as string[]) : [];
    const chosen = r.answerPosition === "A" ? order[0] : r.answerPosition === "B" ? order[1] : "";
    return [
      r.studySlug, r.participantId, r.prolificPid ?? "", r.prolificStudyId ?? "", r.prolificSessionId ?? "", r.expertise ?? "", r.seed, r.round,
      r.itemExternalId, r.conversationId ?? "", r.turnId ?? "", r.topic ?? "", order[0] ?? "", order[1] ?? "", r.answerPosition, r.answer, chosen ?? "",
      r.timeOnItemMs ?? "", r.listenedMs ?? "", r.shownAt ? r.shownAt.toISOString() : "", r.answeredAt.toISOString(),
    ];
  });
  return stringify([JUDGMENT_COLUMNS, ...body], { record_delimiter: "\r\n" });
}
