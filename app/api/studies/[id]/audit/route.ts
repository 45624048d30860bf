// Researcher (anyone the study is shared with): the study's audit log, newest first.
import { z } from "zod";
import { listAudit } from "@/db/queries/audit/list-audit";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { route } from "@/lib/http/route";

export const GET = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
  handler: async ({ params, query, researcherId }) => {
    await getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "read" });
    return { entries: await listAudit({ studyId: params.id, researcherId: researcherId!, limit: query.limit }) };
  },
});
