// The conversation as the model is given it: the participant's messages and the replies they saw, without failed or retried ones.

export interface THistoryTurn {
  role: string;
  content: string;
  status: string;
}

export interface TModelMessage {
  role: "user" | "assistant";
  content: string;
}

/**
 * turns: the stored turns in order, ending with the new (streaming) assistant turn. A reply goes to
 * the model when the participant saw it and answered it: complete, or stopped with some text, and
 * followed by a user message (a failed reply, or one replaced by a retry, is left out). Consecutive
 * user messages (after a failed reply) are joined, since chat templates expect turns to alternate.
 */
export function modelMessages(turns: readonly THistoryTurn[]): TModelMessage[] {
  const out: TModelMessage[] = [];
  turns.forEach((t, i) => {
    const next = turns[i + 1];
    if (t.role === "user") {
      const last = out.at(-1);
      if (last?.role === "user") last.content = `${last.content}\n\n${t.content}`;
      else out.push({ role: "user", content: t.content });
      return;
    }
    const seen = t.status === "complete" || (t.status === "stopped" && t.content.trim() !== "");
    if (seen && next?.role === "user") out.push({ role: "assistant", content: t.content });
  });
  return out;
}
