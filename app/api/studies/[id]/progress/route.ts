// Researcher: participants started/finished and items judged.
import { z } from "zod";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { route } from "@/lib/http/route";

export const GET = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, researcherId }) => {
    await getStudyForResearcher({ studyId: params.id, researcherId: researcherId! });
    return getStudyProgress({ studyId: params.id, researcherId: researcherId! });
  },
});
