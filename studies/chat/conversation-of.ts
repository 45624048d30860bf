import "server-only";
// The participant's conversation for a chat route; a participant who reached the chat step but whose
// trial is not assigned yet (an API client that never read its state) gets it assigned first.
import { getDb } from "@/db/client";
import { findConversation, type TConversationScope } from "@/db/queries/chat/find-conversation";
import type { TParticipantScope } from "@/db/queries/participants/get-participant-by-token";
import { AppError } from "@/lib/http/app-error";
import { stateFor } from "@/lib/http/participant-state";

export async function conversationOf(participant: TParticipantScope): Promise<TConversationScope> {
  const found = await findConversation(await getDb(), { participantId: participant.participantId });
  if (found) return found;
  await stateFor(participant);
  const assigned = await findConversation(await getDb(), { participantId: participant.participantId });
  if (!assigned) throw new AppError("CONFLICT", "The chat has not started yet: finish the earlier steps first.");
  return assigned;
}
