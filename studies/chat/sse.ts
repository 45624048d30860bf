// Chat events as a Server-Sent Events response: `event: <type>` + `data: <json>` per event.
import type { TChatEvent } from "./reply";

export function sseFrame(e: TChatEvent): string {
  return `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}

/**
 * Streams the events; `stop` is called when the client goes away (the stream is cancelled), so the
 * reply can be stopped and stored as such.
 */
export function sseResponse(events: AsyncIterable<TChatEvent>, stop: () => void): Response {
  const encoder = new TextEncoder();
  const it = events[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      const next = await it.next();
      if (next.done) ctrl.close();
      else ctrl.enqueue(encoder.encode(sseFrame(next.value)));
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
}

/** Parses an SSE body (as the browser and the tests read it) into events. */
export function parseSse(text: string): TChatEvent[] {
  return text
    .split("\n\n")
    .map((block) => block.split("\n").find((l) => l.startsWith("data: ")))
    .filter((l): l is string => !!l)
    .map((l) => JSON.parse(l.slice(6)) as TChatEvent);
}
