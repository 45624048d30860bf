// What a participant sees of a stored turn: text and status, never the back end, model, prompt version or raw error.
import type { TChatTurnView } from "../participant-state";

/** The participant-facing message for a failed reply; the raw error (which may name the endpoint) stays server-side. */
export function failureMessage(error: string | null): string {
  // Stored errors start with the failure's kind (lib/chat/stream-reply.ts ChatReplyError), then the detail.
  const kind = error?.split(":", 1)[0] ?? "";
  if (kind === "interrupted") return "The reply was interrupted. Press Retry to ask again.";
  if (kind === "empty") return "The assistant gave no answer. Press Retry to ask again.";
  if (kind === "first_token_timeout" || kind === "total_timeout") return "The assistant took too long to answer. Press Retry to ask again.";
  if (kind === "rate_limited") return "The assistant is busy right now. Wait a moment, then press Retry.";
  return "The assistant could not answer just now. Press Retry to ask again.";
}

export function turnView(t: { id: string; seq: number; role: string; content: string; status: string; error: string | null }): TChatTurnView {
  return {
    id: t.id,
    seq: t.seq,
    role: t.role === "user" ? "user" : "assistant",
    content: t.content,
    status: t.status === "complete" || t.status === "streaming" || t.status === "stopped" ? t.status : "failed",
    error: t.status === "failed" ? failureMessage(t.error) : null,
  };
}
