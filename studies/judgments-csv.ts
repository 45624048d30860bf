// The long-format CSV of every judgment, for any mode: who, which system was at each position, the answer, timing.
import { stringify } from "csv-stringify/sync";
import { POSITION_LETTERS } from "./view";

/** One stored judgment as the export query returns it (db/queries/judgments/list-judgments-for-export.ts). */
export interface TJudgmentExportRow {
  studySlug: string;
  participantId: string;
  prolificPid: string | null;
  prolificStudyId: string | null;
  prolificSessionId: string | null;
  expertise: string | null;
  seed: string;
  round: number;
  itemId?: string;
  itemExternalId: string;
  conversationId: string | null;
  turnId: number | null;
  topic: string | null;
  systemOrder: unknown;
  answerPosition: string;
  answer: string;
  /** Listwise: the systems ranked, best first. */
  payload?: unknown;
  /** The item's ground truth (rating mode: { track, gain_db }); null when it has none. */
  groundTruth?: unknown;
  /** Per clip label { playedMs, plays, seeks } (pairwise and listwise: the one clip as "main"). */
  listening?: unknown;
  timeOnItemMs: number | null;
  listenedMs: number | null;
  shownAt: Date | null;
  answeredAt: Date;
  /** The study's configuration version when the answer was given, and that version's hash. */
  configVersion?: number | null;
  configHash?: string | null;
}

export function systemOrderOf(row: Pick<TJudgmentExportRow, "systemOrder">): string[] {
  return Array.isArray(row.systemOrder) ? (row.systemOrder as string[]) : [];
}

/** The system the answer favours: the chosen position (pairwise) or the rank-1 position (listwise). */
function chosenSystem(row: TJudgmentExportRow, order: string[]): string {
  const first = row.answerPosition.split(">")[0];
  const i = POSITION_LETTERS.indexOf(first);
  return i >= 0 ? (order[i] ?? "") : "";
}

/**
 * played_s, plays, seeks over every clip of the round (pairwise and listwise rounds have one, "main"),
 * as the browser reported them; empty when nothing was reported.
 */
export function listeningCells(listening: unknown): [string, number | string, number | string] {
  const clips = (listening as { clips?: Record<string, { playedMs?: unknown; plays?: unknown; seeks?: unknown }> } | null)?.clips;
  if (!clips || typeof clips !== "object") return ["", "", ""];
  const sum = (k: "playedMs" | "plays" | "seeks") => Object.values(clips).reduce((a, c) => a + (typeof c?.[k] === "number" ? (c[k] as number) : 0), 0);
  return [(sum("playedMs") / 1000).toFixed(1), sum("plays"), sum("seeks")];
}

/** positions: how many systems a trial shows (2 for pairwise); one system_<letter> column each. */
export function judgmentsCsv(rows: readonly TJudgmentExportRow[], positions = 2): string {
  const letters = POSITION_LETTERS.slice(0, positions).map((l) => `system_${l.toLowerCase()}`);
  const header = [
    "study", "participant_id", "prolific_pid", "prolific_study_id", "prolific_session_id", "expertise", "seed", "round",
    "item_id", "conversation_id", "turn_id", "topic", ...letters, "answer_position", "answer", "chosen_system",
    "time_on_item_ms", "listened_ms", "played_s", "plays", "seeks", "shown_at", "answered_at",
    "config_version", "config_hash",
  ];
  const body = rows.map((r) => {
    const order = systemOrderOf(r);
    return [
      r.studySlug, r.participantId, r.prolificPid ?? "", r.prolificStudyId ?? "", r.prolificSessionId ?? "", r.expertise ?? "", r.seed, r.round,
      r.itemExternalId, r.conversationId ?? "", r.turnId ?? "", r.topic ?? "", ...letters.map((_, i) => order[i] ?? ""), r.answerPosition, r.answer,
      chosenSystem(r, order), r.timeOnItemMs ?? "", r.listenedMs ?? "", ...listeningCells(r.listening), r.shownAt ? r.shownAt.toISOString() : "", r.answeredAt.toISOString(),
      r.configVersion ?? "", r.configHash ?? "",
    ];
  });
  return stringify([header, ...body], { record_delimiter: "\r\n" });
}
