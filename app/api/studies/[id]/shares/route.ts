// Researcher: who has access to a study (anyone it is shared with may look), and sharing it by email as viewer or editor (owner only).
import { z } from "zod";
import { listStudyShares } from "@/db/queries/studies/list-study-shares";
import { shareStudy } from "@/db/queries/studies/share-study";
import { route } from "@/lib/http/route";

const ZShareRequest = z.object({ email: z.string().trim().email().max(320), role: z.enum(["viewer", "editor"]) }).strict();
const ZId = z.object({ id: z.string().uuid() });

export const GET = route({
  access: "researcher",
  params: ZId,
  handler: async ({ params, researcherId }) => listStudyShares({ studyId: params.id, researcherId: researcherId! }),
});

/** Shares with a researcher, or changes their role when the study is shared with them already. */
export const POST = route({
  access: "researcher",
  params: ZId,
  body: ZShareRequest,
  handler: async ({ params, researcherId, body }) => {
    const share = await shareStudy({ studyId: params.id, researcherId: researcherId!, email: body.email, role: body.role });
    return Response.json(share, { status: share.changed ? 201 : 200, headers: { "cache-control": "no-store" } });
  },
});
