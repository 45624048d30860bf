// Researcher (anyone the study is shared with): participants by status, per-item coverage, median time per round, drop-off per step, flags.
import { z } from "zod";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { route } from "@/lib/http/route";

export const GET = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  handler: async ({ params, researcherId }) => {
    await getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "read" });
    return getStudyProgress({ studyId: params.id, researcherId: researcherId! });
  },
});
