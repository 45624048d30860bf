// Join a study (or resume the same Prolific PID's session): returns the token and the first state.
import { z } from "zod";
import { joinStudy } from "@/db/queries/participants/join-study";
import { getParticipantByToken } from "@/db/queries/participants/get-participant-by-token";
import { route } from "@/lib/http/route";
import { participantCookie, stateFor } from "@/lib/http/participant-state";

const ZId = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, "only letters, digits and _ . : -");
const ZJoinRequest = z.object({ prolificPid: ZId.optional(), prolificStudyId: ZId.optional(), prolificSessionId: ZId.optional() }).strict();
const ZSlug = z.object({ slug: z.string().regex(/^[a-z0-9-]{3,80}$/) });

export const POST = route({
  access: "public",
  params: ZSlug,
  body: ZJoinRequest,
  handler: async ({ params, body }) => {
    const joined = await joinStudy({ slug: params.slug, ...body });
    const scope = await getParticipantByToken({ slug: params.slug, token: joined.token });
    const state = await stateFor(scope);
    return new Response(JSON.stringify({ token: joined.token, resumed: joined.resumed, state }), {
      status: joined.resumed ? 200 : 201,
      headers: { "content-type": "application/json", "cache-control": "no-store", "set-cookie": participantCookie(params.slug, joined.token) },
    });
  },
});
