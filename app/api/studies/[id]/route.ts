// Researcher: read a study (anyone it is shared with), edit its settings (owner or editor), delete it (owner).
import { z } from "zod";
import { deleteStudy } from "@/db/queries/studies/delete-study";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { updateStudyConfig } from "@/db/queries/studies/update-study";
import { route } from "@/lib/http/route";
import { ZStudyConfig } from "@/studies/registry";

const ZId = z.object({ id: z.string().uuid() });

export const GET = route({
  access: "researcher",
  params: ZId,
  handler: async ({ params, researcherId }) => getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "read" }),
});

export const PATCH = route({
  access: "researcher",
  params: ZId,
  body: z.object({ config: ZStudyConfig }).strict(),
  maxBodyBytes: 250_000,
  handler: async ({ params, researcherId, body }) => {
    await updateStudyConfig({ studyId: params.id, researcherId: researcherId!, config: body.config });
    return getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "read" });
  },
});

export const DELETE = route({
  access: "researcher",
  params: ZId,
  handler: async ({ params, researcherId }) => deleteStudy({ studyId: params.id, researcherId: researcherId! }),
});
