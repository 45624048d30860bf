// Marks the instructions as read; the rounds are assigned when the next state is built.
import { z } from "zod";
import { recordInstructionsRead } from "@/db/queries/participants/record-step";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: z.object({}).strict(),
  handler: async ({ participant }) => {
    await recordInstructionsRead({ participantId: participant!.participantId });
    return stateFor(participant!);
  },
});
