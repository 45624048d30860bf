import "server-only";
// Builds a participant's state for the route handlers of the participant API.
import { getParticipantState } from "@/db/queries/participants/get-participant-state";
import type { TParticipantScope } from "@/db/queries/participants/get-participant-by-token";
import { participantCookieName } from "@/db/queries/participants/participant-token";

export function stateFor(p: TParticipantScope) {
  return getParticipantState({ participantId: p.participantId, config: p.config });
}

export function participantCookie(slug: string, token: string): string {
  return `${participantCookieName(slug)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 30}`;
}
