// The PROMPT the judge sees for one item, and the item's candidates under shuffled letters.
import { buildJudgeUserMessage, judgeRng, letterOrder } from "@/lib/llm/judge-prompt";

export interface TJudgeItem {
  id: string;
  /** MixAssist input_history: [{ role, content }]; a judge-CSV import has none. */
  history: unknown;
  userUtterance: string;
  candidates: { system: string; text: string }[];
}

const SPEAKER: Record<string, string> = { user: "Producer", assistant: "Expert" };

/**
 * The item's prompt. A judge-CSV import keeps the MixAssist code's `prompt` column (already the
 * whole conversation) as userUtterance with no history, so it goes through unchanged; items with a
 * history get it as "Producer: … / Expert: …" turns, ending with the producer's latest message.
 */
export function judgePromptOf(item: Pick<TJudgeItem, "history" | "userUtterance">): string {
  const turns = Array.isArray(item.history)
    ? item.history.flatMap((h) => {
        const { role, content } = (h ?? {}) as { role?: unknown; content?: unknown };
        return typeof content === "string" && content.trim() ? [`${SPEAKER[String(role)] ?? String(role)}: ${content.trim()}`] : [];
      })
    : [];
  if (turns.length === 0) return item.userUtterance;
  return [...turns, `Producer: ${item.userUtterance}`].join("\n");
}

/**
 * The letters and user message for one item in a run: `systems` (the study's, in its order)
 * shuffled by the run's seed and the item id, so a resumed run shows the same order.
 * Returns null when the item lacks a response of one of the systems.
 */
export function judgePresentation(item: TJudgeItem, systems: readonly string[], seed: string) {
  const textOf = new Map(item.candidates.map((c) => [c.system, c.text]));
  if (!systems.every((s) => textOf.has(s))) return null;
  const order = letterOrder(systems, judgeRng(seed, item.id));
  const letterMap = Object.fromEntries(order.map((o) => [o.letter, o.system]));
  const userMessage = buildJudgeUserMessage(judgePromptOf(item), order.map((o) => ({ letter: o.letter, text: textOf.get(o.system)! })));
  return { letters: order.map((o) => o.letter), letterMap, userMessage };
}
