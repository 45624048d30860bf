// Chooses one of the study's provided clips for the conversation (before the first message); starts the chat's clock.
import { z } from "zod";
import { chooseClip, providedClipHash } from "@/db/queries/chat/choose-clip";
import { AppError } from "@/lib/http/app-error";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";
import { conversationOf } from "@/studies/chat/conversation-of";
import { chatConfigOf } from "@/studies/chat/scope";

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: z.object({ itemId: z.string().uuid() }).strict(),
  handler: async ({ participant, body }) => {
    const config = chatConfigOf(participant!.config);
    await conversationOf(participant!);
    if (!config.chat.allowProvidedClips) throw new AppError("FORBIDDEN", "This study asks you to upload your own clip.");
    const clipHash = await providedClipHash({ studyId: participant!.studyId, itemId: body.itemId });
    await chooseClip({ participantId: participant!.participantId, clipHash, timeBudgetMinutes: config.chat.timeBudgetMinutes });
    return stateFor(participant!);
  },
});
