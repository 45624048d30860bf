// The participant is done chatting: a reply in progress is stopped, and the survey comes next.
import { z } from "zod";
import { endConversation } from "@/db/queries/chat/choose-clip";
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
    await endConversation({ participantId: participant!.participantId });
    return stateFor(participant!);
  },
});
