// Sends the participant's message and streams the assistant's reply as SSE (idempotent by requestId).
import { z } from "zod";
import { startExchange } from "@/db/queries/chat/start-exchange";
import { route } from "@/lib/http/route";
import { chatConfigOf } from "@/studies/chat/scope";
import { limitsOf, sourceOf } from "@/studies/chat/limits";
import { replyEvents } from "@/studies/chat/reply";
import { sseResponse } from "@/studies/chat/sse";

const ZSendMessageRequest = z.object({
  requestId: z.string().uuid(),
  // The study's own limit (chat.maxUserMessageChars) is checked against the trimmed text.
  text: z.string().max(20_000),
}).strict();

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: ZSendMessageRequest,
  handler: async ({ participant, body, req }) => {
    const config = chatConfigOf(participant!.config);
    const started = await startExchange({ participantId: participant!.participantId, requestId: body.requestId, text: body.text, limits: limitsOf(config), source: sourceOf(config) });
    const stop = new AbortController();
    req.signal?.addEventListener("abort", () => stop.abort(), { once: true });
    return sseResponse(replyEvents(started, { config, signal: stop.signal }), () => stop.abort());
  },
});
