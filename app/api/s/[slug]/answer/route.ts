// Submits the answer to one round; idempotent for a retried or double-clicked submit.
import { z } from "zod";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";
import { ZAnswerValue, ZRankingAnswer } from "@/studies/participant-state";

const ZSubmitAnswerRequest = z.object({
  trialId: z.string().uuid(),
  answer: z.union([ZAnswerValue, ZRankingAnswer]), // the study's mode checks which, and against the positions shown
  requestId: z.string().uuid(),
  timeOnItemMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000).optional(),
  listenedMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000).optional(),
}).strict();

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: ZSubmitAnswerRequest,
  handler: async ({ participant, body }) => {
    await submitAnswer({ participantId: participant!.participantId, config: participant!.config, ...body });
    return stateFor(participant!);
  },
});
