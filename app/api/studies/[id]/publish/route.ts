// Researcher: publish a study (draft → live) and get its participant link.
import { z } from "zod";
import { publishStudy } from "@/db/queries/studies/update-study";
import { route } from "@/lib/http/route";

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  body: z.object({}).strict(),
  handler: async ({ params, researcherId, req }) => {
    const { slug } = await publishStudy({ studyId: params.id, researcherId: researcherId! });
    return { slug, participantLink: new URL(`/s/${slug}`, req.url).toString() };
  },
});
