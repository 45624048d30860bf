// Submits the post-chat survey (Q2–Q5) as the conversation's one answer: a retried or double-clicked submit stores one.
import { z } from "zod";
import { getDb } from "@/db/client";
import { endConversation } from "@/db/queries/chat/choose-clip";
import { listTurns } from "@/db/queries/chat/list-turns";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { AppError } from "@/lib/http/app-error";
import { route } from "@/lib/http/route";
import { stateFor } from "@/lib/http/participant-state";
import { conversationOf } from "@/studies/chat/conversation-of";
import { chatConfigOf } from "@/studies/chat/scope";
import { ZSurveyAnswer } from "@/studies/chat/survey";

const ZSubmitSurveyRequest = z.object({
  requestId: z.string().uuid(),
  answer: ZSurveyAnswer,
  timeOnItemMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000).optional(),
}).strict();

export const POST = route({
  access: "participant:self",
  params: z.object({ slug: z.string().max(80) }),
  body: ZSubmitSurveyRequest,
  handler: async ({ participant, body }) => {
    const config = chatConfigOf(participant!.config);
    const participantId = participant!.participantId;
    const c = await conversationOf(participant!);
    if (!c.answered) {
      const streaming = (await listTurns(await getDb(), { conversationId: c.id })).some((t) => t.status === "streaming");
      if (streaming) throw new AppError("CONFLICT", "The assistant is still replying: finish the chat first.");
      await endConversation({ participantId });
    }
    await submitAnswer({ participantId, trialId: c.trialId, answer: body.answer, requestId: body.requestId, timeOnItemMs: body.timeOnItemMs, config });
    return stateFor(participant!);
  },
});
