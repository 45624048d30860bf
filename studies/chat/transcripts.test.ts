// The transcripts JSONL and the per-conversation summary CSV on a hand-made conversation.
import { describe, expect, it } from "vitest";
import { conversationsCsv, transcriptsJsonl, type TTranscript } from "./transcripts";

const t0 = new Date("2026-01-01T10:00:00.000Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const reply = (seq: number, status: string, startS: number, first: number | null, last: number | null, content = "advice") => ({
  seq, role: "assistant", content, status, error: status === "failed" ? "total_timeout: no reply" : null, backend: "openai-audio", model: "qwen2-audio",
  promptVersion: "v1+abcd1234", clipHash: "h".repeat(64), startedAt: at(startS), firstTokenAt: first === null ? null : at(startS + first / 1000),
  finishedAt: at(startS + 2), latencyFirstMs: first, latencyLastMs: last, promptTokens: 100, completionTokens: 20,
});
const user = (seq: number, startS: number, content: string) => ({
  seq, role: "user", content, status: "complete", error: null, backend: null, model: null, promptVersion: null, clipHash: "h".repeat(64),
  startedAt: at(startS), firstTokenAt: null, finishedAt: at(startS), latencyFirstMs: null, latencyLastMs: null, promptTokens: null, completionTokens: null,
});

const conversation: TTranscript = {
  id: "c1", studySlug: "chat-study", participantId: "p1", prolificPid: "PID1", expertise: "Expert", clipHash: "h".repeat(64), clipDurationMs: 40000,
  windowStartMs: 10000, startedAt: t0, deadlineAt: at(300), endedAt: at(125.5),
  survey: { naturalness: "very_natural", contribution: "slightly_less", novelty: "somewhat", insights: "Good, \"short\" answers" }, surveyAt: at(200),
  turns: [user(1, 10, "Too loud?"), reply(2, "complete", 11, 300, 900), user(3, 30, "Vocals?"), reply(4, "failed", 31, null, 30000, ""), reply(5, "complete", 70, 500, 1500), user(6, 90, "ok"), reply(7, "stopped", 91, 200, 400)],
};

describe("chat transcripts", () => {
  it("JSONL: one conversation per line with every turn's source and timing, and the survey", () => {
    const text = transcriptsJsonl([conversation, { ...conversation, id: "c2", survey: null, turns: [] }]);
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ conversation_id: "c1", participant_id: "p1", expertise: "Expert", window_start_ms: 10000, started_at: "2026-01-01T10:00:00.000Z", ended_at: "2026-01-01T10:02:05.500Z" });
    expect(lines[0].turns).toHaveLength(7);
    expect(lines[0].turns[1]).toEqual({
      seq: 2, role: "assistant", content: "advice", status: "complete", error: null, backend: "openai-audio", model: "qwen2-audio", prompt_version: "v1+abcd1234",
      clip_hash: "h".repeat(64), started_at: "2026-01-01T10:00:11.000Z", first_token_at: "2026-01-01T10:00:11.300Z", finished_at: "2026-01-01T10:00:13.000Z",
      latency_first_ms: 300, latency_last_ms: 900, prompt_tokens: 100, completion_tokens: 20,
    });
    expect(lines[0].survey).toEqual(conversation.survey);
    expect(lines[1].survey).toBeNull();
  });

  it("summary CSV: turns, duration, mean latency of completed replies, survey answers", () => {
    const [header, row] = conversationsCsv([conversation]).trimEnd().split("\r\n");
    const cols = header.split(",");
    const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
    const get = (name: string) => cells[cols.indexOf(name)];
    expect(get("user_turns")).toBe("3");
    expect(get("assistant_replies")).toBe("4");
    expect(get("complete_replies")).toBe("2");
    expect(get("failed_replies")).toBe("1");
    expect(get("stopped_replies")).toBe("1");
    expect(get("duration_s")).toBe("125.5");
    expect(get("mean_latency_first_ms")).toBe("400"); // (300 + 500) / 2, completed replies only
    expect(get("mean_latency_last_ms")).toBe("1200"); // (900 + 1500) / 2
    expect(get("models")).toBe("qwen2-audio");
    expect(get("naturalness")).toBe("very_natural");
    expect(get("insights")).toBe('"Good, ""short"" answers"');
  });
});
