// Researcher (owner or editor): close a live study; participants are turned away from then on, results stay readable.
import { z } from "zod";
import { closeStudy } from "@/db/queries/studies/update-study";
import { route } from "@/lib/http/route";

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  body: z.object({}).strict(),
  handler: async ({ params, researcherId }) => closeStudy({ studyId: params.id, researcherId: researcherId! }),
});
