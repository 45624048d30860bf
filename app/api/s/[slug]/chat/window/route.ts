// Sets which 30 s of the clip an audio model hears (before the first message); clamped inside the clip.
import { z } from "zod";
import { setWindow } from "@/db/queries/chat/choose-clip";
import { clampWindow } from "@/lib/audio/window";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";
import { chatConfigOf } from "@/studies/chat/scope";

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: z.object({ startMs: z.number().int().min(0).max(24 * 3600 * 1000) }).strict(),
  handler: async ({ participant, body }) => {
    const config = chatConfigOf(participant!.config);
    await setWindow({ participantId: participant!.participantId, startMs: body.startMs, clamp: (d, s) => clampWindow(d, s, config.chat.windowSeconds).startMs });
    return stateFor(participant!);
  },
});
