// Submits the answer to one round; idempotent for a retried or double-clicked submit.
import { z } from "zod";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";
import { ZAnswerValue, ZRankingAnswer } from "@/studies/participant-state";
import { ZRatingAnswerBody } from "@/studies/rating/answer";
import { ZListeningReport } from "@/studies/rating/config";

const ZSubmitAnswerRequest = z.object({
  trialId: z.string().uuid(),
  // The study's mode checks which, and against the positions shown (rating: scales, required criteria, feedback).
  answer: z.union([ZAnswerValue, ZRankingAnswer, ZRatingAnswerBody]),
  requestId: z.string().uuid(),
  timeOnItemMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000).optional(),
  listenedMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000).optional(),
  /** Per clip label: time heard, starts and seeks (rating mode's multi-clip player; stored in judgments.listening). */
  listening: ZListeningReport.optional(),
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
