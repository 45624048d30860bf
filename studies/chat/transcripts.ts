// Chat exports beside the tables: transcripts as JSONL (one conversation per line, with turns and survey) and a per-conversation summary CSV.
import { stringify } from "csv-stringify/sync";
import { ZSurveyAnswer } from "./survey";

/** One conversation as db/queries/chat/list-conversations-for-export.ts returns it. */
export interface TTranscript {
  id: string;
  studySlug: string;
  participantId: string;
  prolificPid: string | null;
  expertise: string | null;
  clipHash: string | null;
  clipDurationMs: number | null;
  windowStartMs: number;
  startedAt: Date | null;
  deadlineAt: Date | null;
  endedAt: Date | null;
  survey: unknown;
  surveyAt: Date | null;
  turns: {
    seq: number; role: string; content: string; status: string; error: string | null; backend: string | null; model: string | null;
    promptVersion: string | null; clipHash: string | null; startedAt: Date; firstTokenAt: Date | null; finishedAt: Date | null;
    latencyFirstMs: number | null; latencyLastMs: number | null; promptTokens: number | null; completionTokens: number | null;
  }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const surveyOf = (t: TTranscript) => {
  const parsed = ZSurveyAnswer.safeParse(t.survey);
  return parsed.success ? parsed.data : null;
};

export function transcriptsJsonl(rows: readonly TTranscript[]): string {
  return rows
    .map((c) =>
      JSON.stringify({
        conversation_id: c.id, study: c.studySlug, participant_id: c.participantId, prolific_pid: c.prolificPid, expertise: c.expertise,
        clip_hash: c.clipHash, clip_duration_ms: c.clipDurationMs, window_start_ms: c.windowStartMs,
        started_at: iso(c.startedAt), deadline_at: iso(c.deadlineAt), ended_at: iso(c.endedAt),
        turns: c.turns.map((t) => ({
          seq: t.seq, role: t.role, content: t.content, status: t.status, error: t.error, backend: t.backend, model: t.model, prompt_version: t.promptVersion,
          clip_hash: t.clipHash, started_at: iso(t.startedAt), first_token_at: iso(t.firstTokenAt), finished_at: iso(t.finishedAt),
          latency_first_ms: t.latencyFirstMs, latency_last_ms: t.latencyLastMs, prompt_tokens: t.promptTokens, completion_tokens: t.completionTokens,
        })),
        survey: surveyOf(c),
        survey_at: iso(c.surveyAt),
      }),
    )
    .map((l) => `${l}\n`)
    .join("");
}

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : "");

/** One row per conversation: turns, duration, mean latencies of completed replies, and the survey answers. */
export function conversationsCsv(rows: readonly TTranscript[]): string {
  const header = [
    "conversation_id", "study", "participant_id", "prolific_pid", "expertise", "clip_hash", "window_start_ms", "started_at", "ended_at", "duration_s",
    "user_turns", "assistant_replies", "complete_replies", "stopped_replies", "failed_replies", "mean_latency_first_ms", "mean_latency_last_ms",
    "backends", "models", "prompt_versions", "naturalness", "contribution", "novelty", "insights",
  ];
  const body = rows.map((c) => {
    const replies = c.turns.filter((t) => t.role === "assistant");
    const complete = replies.filter((t) => t.status === "complete");
    const last = c.endedAt ?? c.turns.at(-1)?.finishedAt ?? null;
    const duration = c.startedAt && last ? ((last.getTime() - c.startedAt.getTime()) / 1000).toFixed(1) : "";
    const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].join(";");
    const s = surveyOf(c);
    return [
      c.id, c.studySlug, c.participantId, c.prolificPid ?? "", c.expertise ?? "", c.clipHash ?? "", c.windowStartMs, iso(c.startedAt) ?? "", iso(c.endedAt) ?? "", duration,
      c.turns.filter((t) => t.role === "user").length, replies.length, complete.length, replies.filter((t) => t.status === "stopped").length,
      replies.filter((t) => t.status === "failed").length,
      mean(complete.flatMap((t) => (t.latencyFirstMs === null ? [] : [t.latencyFirstMs]))), mean(complete.flatMap((t) => (t.latencyLastMs === null ? [] : [t.latencyLastMs]))),
      distinct(replies.map((t) => t.backend)), distinct(replies.map((t) => t.model)), distinct(replies.map((t) => t.promptVersion)),
      s?.naturalness ?? "", s?.contribution ?? "", s?.novelty ?? "", s?.insights ?? "",
    ];
  });
  return stringify([header, ...body], { record_delimiter: "\r\n" });
}
