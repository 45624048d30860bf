// The chat step's calls to the participant API: JSON calls that return the new state, and the SSE reply stream.
import { z } from "zod";
import { ZParticipantState, ZChatTurnView, type TChatTurnView, type TParticipantState } from "@/studies/participant-state";

export class ChatApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = "ChatApiError";
  }
}

const ZProblem = z.object({ detail: z.string().optional(), title: z.string().optional() });

async function problemOf(res: Response): Promise<ChatApiError> {
  const body = ZProblem.safeParse(await res.json().catch(() => null));
  const detail = body.success ? (body.data.detail ?? body.data.title) : undefined;
  return new ChatApiError(detail ?? `The request failed (HTTP ${res.status}). Please try again.`, res.status);
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: "same-origin", cache: "no-store", ...init });
  } catch {
    throw new ChatApiError("Could not reach the server. Check your connection and try again.", 0);
  }
}

/** POSTs JSON (or a form) and returns the participant's new state. */
export async function postForState(path: string, body: unknown): Promise<TParticipantState> {
  const res = await send(path, body instanceof FormData ? { method: "POST", body } : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw await problemOf(res);
  const parsed = ZParticipantState.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ChatApiError("The server sent an unexpected answer. Please reload the page.", res.status);
  return parsed.data;
}

export async function getState(path: string): Promise<TParticipantState> {
  const res = await send(path, { headers: { accept: "application/json" } });
  if (!res.ok) throw await problemOf(res);
  return ZParticipantState.parse(await res.json());
}

const ZChatEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), turn: ZChatTurnView }),
  z.object({ type: z.literal("start"), turn: ZChatTurnView }),
  z.object({ type: z.literal("delta"), text: z.string() }),
  z.object({ type: z.literal("done"), turn: ZChatTurnView }),
]);
export type TChatStreamEvent = z.infer<typeof ZChatEvent>;

/** POSTs to a streaming chat endpoint and calls onEvent for each SSE event until the stream ends. */
export async function streamReply(path: string, body: unknown, onEvent: (e: TChatStreamEvent) => void, signal?: AbortSignal): Promise<void> {
  const res = await send(path, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify(body), signal });
  if (!res.ok || !res.body) throw await problemOf(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split("\n").find((l) => l.startsWith("data: "));
      if (!data) continue;
      const parsed = ZChatEvent.safeParse(JSON.parse(data.slice(6)));
      if (parsed.success) onEvent(parsed.data);
    }
  }
}

export type { TChatTurnView };

/** crypto.randomUUID exists only in secure contexts; a LAN test over plain http still needs an id. */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
