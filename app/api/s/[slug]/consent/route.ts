// Records consent (once) and answers the next state.
import { z } from "zod";
import { recordConsent } from "@/db/queries/participants/record-step";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: z.object({ consent: z.literal(true) }).strict(),
  handler: async ({ participant }) => {
    await recordConsent({ participantId: participant!.participantId });
    return stateFor(participant!);
  },
});
