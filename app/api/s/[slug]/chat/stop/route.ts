// Stops the reply in progress; the text so far is kept and the turn is stored as stopped.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";
import { chatConfigOf } from "@/studies/chat/scope";
import { stopReplies } from "@/studies/chat/stop-replies";

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: z.object({}).strict(),
  handler: async ({ participant }) => {
    chatConfigOf(participant!.config);
    await stopReplies(participant!.participantId);
    return stateFor(participant!);
  },
});
