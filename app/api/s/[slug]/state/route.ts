// The participant's current state: which step, and the blinded current round.
import { z } from "zod";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";

export const GET = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  handler: async ({ participant }) => stateFor(participant!),
});
