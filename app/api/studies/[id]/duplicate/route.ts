// Researcher (owner or editor): copy the study as a new draft of the caller, with its items and candidates but no participants or answers.
import { z } from "zod";
import { duplicateStudy } from "@/db/queries/studies/duplicate-study";
import { route } from "@/lib/http/route";

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  body: z.object({}).strict(),
  handler: async ({ params, researcherId }) => {
    const copy = await duplicateStudy({ studyId: params.id, researcherId: researcherId! });
    return Response.json(copy, { status: 201, headers: { "cache-control": "no-store" } });
  },
});
