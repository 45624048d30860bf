import "server-only";
// Runs one assistant reply for a stored exchange: streams it from the study's back end, keeps it in
// the database as streaming → complete / stopped / failed, and lets a stop request or a client
// disconnect end it. The generation is a task of its own: a reader that goes away stops it (and the
// partial text is stored), but never leaves it half-written.
import { getAudioFacts } from "@/db/queries/audio/get-audio-facts";
import { finishReply, type TStartedExchange } from "@/db/queries/chat/start-exchange";
import type { TStoredTurn } from "@/db/queries/chat/list-turns";
import { ChatReplyError, streamAssistantReply } from "@/lib/chat/stream-reply";
import type { TChatTurnView } from "../participant-state";
import type { TChatConfig } from "./config";
import { modelMessages } from "./history";
import { turnView } from "./turn-view";

export type TChatEvent =
  | { type: "user"; turn: TChatTurnView }
  | { type: "start"; turn: TChatTurnView }
  | { type: "delta"; text: string }
  | { type: "done"; turn: TChatTurnView };

interface TLiveReply {
  controller: AbortController;
  done: Promise<TChatTurnView>;
}

// One registry per server process, kept on globalThis so every route module (bundled apart by Next) shares it.
const registry: Map<string, TLiveReply> = ((globalThis as { __mixstudyLiveReplies?: Map<string, TLiveReply> }).__mixstudyLiveReplies ??= new Map());

/** Stops a reply generated in this process; resolves with the stored turn, or null when none runs here. */
export async function stopLiveReply(turnId: string): Promise<TChatTurnView | null> {
  const live = registry.get(turnId);
  if (!live) return null;
  live.controller.abort();
  return live.done;
}

export function isLive(turnId: string): boolean {
  return registry.has(turnId);
}

/** Usage as the stream reports it, in either spelling; null when the endpoint sent none. */
function tokens(usage: unknown): { promptTokens: number | null; completionTokens: number | null } {
  const u = (usage ?? {}) as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.round(v) : null);
  return { promptTokens: n(u.promptTokens ?? u.prompt_tokens), completionTokens: n(u.completionTokens ?? u.completion_tokens) };
}

/**
 * The events of one exchange: the stored user turn (for a new message), the assistant turn as it
 * starts, its text deltas, and the stored turn at the end. `signal` is the HTTP request's: when the
 * client goes away the reply is stopped and stored as stopped with the text so far.
 */
export function replyEvents(started: TStartedExchange, { config, signal }: { config: TChatConfig; signal?: AbortSignal }): AsyncIterable<TChatEvent> {
  if (started.kind === "duplicate") {
    const events: TChatEvent[] = [];
    if (started.userTurn) events.push({ type: "user", turn: turnView(started.userTurn) });
    const reply = started.assistantTurn;
    if (reply) events.push(reply.status === "streaming" ? { type: "start", turn: turnView(reply) } : { type: "done", turn: turnView(reply) });
    return (async function* () {
      yield* events;
    })();
  }
  const queue: TChatEvent[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const push = (e: TChatEvent) => {
    queue.push(e);
    wake?.();
  };
  if (started.userTurn) push({ type: "user", turn: turnView(started.userTurn) });
  push({ type: "start", turn: turnView(started.assistantTurn) });
  const task = generate(started.turns, started.assistantTurn, started.conversation, config, signal, (text) => push({ type: "delta", text })).then((turn) => {
    push({ type: "done", turn });
    finished = true;
    wake?.();
    return turn;
  });
  void task;
  return (async function* () {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  })();
}

async function generate(
  turns: readonly TStoredTurn[],
  reply: TStoredTurn,
  conversation: { clipHash: string | null; windowStartMs: number },
  config: TChatConfig,
  signal: AbortSignal | undefined,
  onDelta: (text: string) => void,
): Promise<TChatTurnView> {
  const controller = new AbortController();
  const onClientGone = () => controller.abort();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener("abort", onClientGone, { once: true });
  let resolveDone!: (t: TChatTurnView) => void;
  const done = new Promise<TChatTurnView>((r) => (resolveDone = r));
  registry.set(reply.id, { controller, done });

  let content = "";
  let firstTokenAt: Date | null = null;
  let usage: unknown = null;
  let status: "complete" | "stopped" | "failed" = "complete";
  let error: string | null = null;
  try {
    const facts = conversation.clipHash ? await getAudioFacts({ hash: conversation.clipHash }) : null;
    const stream = streamAssistantReply({
      assistant: config.assistant,
      facts,
      clip: conversation.clipHash ? { hash: conversation.clipHash, windowStartMs: conversation.windowStartMs } : null,
      messages: modelMessages([...turns, reply]),
      signal: controller.signal,
    });
    for await (const event of stream) {
      if (controller.signal.aborted) break;
      if (event.type === "delta") {
        if (!event.text) continue;
        firstTokenAt ??= new Date();
        content += event.text;
        onDelta(event.text);
      } else if (event.type === "done") {
        usage = event.usage;
      }
    }
    if (controller.signal.aborted) status = "stopped";
    else if (content.trim() === "") {
      status = "failed";
      error = "empty: the assistant returned no text";
    }
  } catch (e) {
    if (controller.signal.aborted) status = "stopped";
    else {
      status = "failed";
      error = e instanceof ChatReplyError ? `${e.kind}: ${e.detail}` : `unexpected: ${e instanceof Error ? e.message : String(e)}`;
      if (!(e instanceof ChatReplyError)) console.error("[mixstudy] chat reply failed unexpectedly:", e);
    }
  } finally {
    signal?.removeEventListener("abort", onClientGone);
  }
  let view: TChatTurnView;
  try {
    const stored = await finishReply({ turnId: reply.id, outcome: { status, content, error, firstTokenAt, finishedAt: new Date(), ...tokens(usage) } });
    view = stored ? turnView(stored) : turnView({ ...reply, content, status, error });
  } catch (e) {
    console.error("[mixstudy] could not store a chat reply:", e);
    view = turnView({ ...reply, content, status: "failed", error: "not stored" });
  } finally {
    registry.delete(reply.id);
  }
  resolveDone(view);
  return view;
}
