// Asks again after a failed or stopped reply (same conversation); streams the new reply as SSE.
import { z } from "zod";
import { startRetry } from "@/db/queries/chat/start-exchange";
import { route } from "@/lib/http/route";
import { chatConfigOf } from "@/studies/chat/scope";
import { limitsOf, sourceOf } from "@/studies/chat/limits";
import { replyEvents } from "@/studies/chat/reply";
import { sseResponse } from "@/studies/chat/sse";

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: z.object({ turnId: z.string().uuid() }).strict(),
  handler: async ({ participant, body, req }) => {
    const config = chatConfigOf(participant!.config);
    const started = await startRetry({ participantId: participant!.participantId, turnId: body.turnId, limits: limitsOf(config), source: sourceOf(config) });
    const stop = new AbortController();
    req.signal?.addEventListener("abort", () => stop.abort(), { once: true });
    return sseResponse(replyEvents(started, { config, signal: stop.signal }), () => stop.abort());
  },
});
