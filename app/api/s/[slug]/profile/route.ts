// Records the participant's production expertise and answers the next state.
import { z } from "zod";
import { recordProfile } from "@/db/queries/participants/record-step";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";

const ZProfileRequest = z.object({ expertise: z.enum(["Amateur", "Intermediate", "Expert"]) }).strict();

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: ZProfileRequest,
  handler: async ({ participant, body }) => {
    await recordProfile({ participantId: participant!.participantId, expertise: body.expertise });
    return stateFor(participant!);
  },
});
