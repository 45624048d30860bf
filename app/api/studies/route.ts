// Researcher: list own studies, or create one from a template or a study file.
import { z } from "zod";
import { createStudy } from "@/db/queries/studies/create-study";
import { listStudiesForResearcher } from "@/db/queries/studies/list-studies-for-researcher";
import { AppError } from "@/lib/http/app-error";
import { route } from "@/lib/http/route";
import { listTemplates, loadTemplate, parseStudyFile } from "@/studies/registry";

const ZCreateStudyRequest = z.union([
  z.object({ template: z.string().max(100) }).strict(),
  z.object({ studyFile: z.string().min(1).max(200_000) }).strict(),
]);

export const GET = route({
  access: "researcher",
  handler: async ({ researcherId }) => ({ studies: await listStudiesForResearcher({ researcherId: researcherId! }), templates: listTemplates() }),
});

export const POST = route({
  access: "researcher",
  body: ZCreateStudyRequest,
  maxBodyBytes: 250_000,
  handler: async ({ researcherId, body }) => {
    let config;
    if ("template" in body) {
      if (!listTemplates().includes(body.template)) throw new AppError("BAD_REQUEST", `Unknown template "${body.template}".`);
      config = loadTemplate(body.template);
    } else {
      const parsed = parseStudyFile(body.studyFile);
      if (!parsed.ok) throw new AppError("BAD_REQUEST", parsed.error);
      config = parsed.config;
    }
    const study = await createStudy({ researcherId: researcherId!, config });
    return new Response(JSON.stringify(study), { status: 201, headers: { "content-type": "application/json" } });
  },
});
