// The long CSV of a rating study: one row per (judgment × response), one column per criterion.
import { stringify } from "csv-stringify/sync";
import { gainTruthOf } from "@/lib/rating/accuracy";
import type { TJudgmentExportRow } from "../judgments-csv";
import { ratingPayloadOf } from "./answer";
import type { TRatingConfig } from "./config";

/** Per clip label, seconds played, as "Mix=10.0; Bass=4.2". */
function listeningCell(raw: unknown): string {
  const clips = (raw as { clips?: Record<string, { playedMs?: number }> } | null)?.clips;
  if (!clips || typeof clips !== "object") return "";
  return Object.entries(clips).map(([label, c]) => `${label}=${((c?.playedMs ?? 0) / 1000).toFixed(1)}`).join("; ");
}

export function ratingJudgmentsCsv(rows: readonly TJudgmentExportRow[], config: TRatingConfig): string {
  const header = [
    "study", "participant_id", "prolific_pid", "prolific_study_id", "prolific_session_id", "expertise", "seed", "round",
    "item_id", "conversation_id", "turn_id", "topic", "position", "system", ...config.criteria.map((c) => c.id), "feedback",
    "truth_track", "truth_gain_db", "time_on_item_ms", "listened_ms", "listened_s_per_clip", "shown_at", "answered_at",
  ];
  const body = rows.flatMap((r) => {
    const p = ratingPayloadOf(r.payload);
    if (!p) return [];
    const truth = gainTruthOf(r.groundTruth);
    // In display order, so position A comes first.
    const systems = Object.keys(p.ratings).sort((a, b) => (p.positions[a] ?? "").localeCompare(p.positions[b] ?? ""));
    return systems.map((system) => [
      r.studySlug, r.participantId, r.prolificPid ?? "", r.prolificStudyId ?? "", r.prolificSessionId ?? "", r.expertise ?? "", r.seed, r.round,
      r.itemExternalId, r.conversationId ?? "", r.turnId ?? "", r.topic ?? "", p.positions[system] ?? "", system,
      ...config.criteria.map((c) => p.ratings[system][c.id] ?? ""), p.feedback?.[system] ?? "",
      truth?.track ?? "", truth?.gainDb ?? "", r.timeOnItemMs ?? "", r.listenedMs ?? "", listeningCell(r.listening),
      r.shownAt ? r.shownAt.toISOString() : "", r.answeredAt.toISOString(),
    ]);
  });
  return stringify([header, ...body], { record_delimiter: "\r\n" });
}
