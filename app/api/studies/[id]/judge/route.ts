// Researcher: start an LLM-judge run on the study's items (POST), or list the study's runs with their progress (GET).
import { z } from "zod";
import { listJudgeRunsForResearcher } from "@/db/queries/judge/list-judge-runs";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { route } from "@/lib/http/route";
import { isJudgeRunActive } from "@/lib/judge/registry";
import { ZStartJudgeRun } from "@/lib/judge/schemas";
import { startJudgeRunFor } from "@/lib/judge/start-run";

const ZParams = z.object({ id: z.string().uuid() });

export const GET = route({
  access: "researcher",
  params: ZParams,
  handler: async ({ params, researcherId }) => {
    await getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "read" });
    const runs = await listJudgeRunsForResearcher({ studyId: params.id, researcherId: researcherId! });
    return { runs: runs.map((r) => ({ ...r, active: isJudgeRunActive(r.id) })) };
  },
});

export const POST = route({
  access: "researcher",
  params: ZParams,
  body: ZStartJudgeRun,
  handler: async ({ params, body, researcherId }) => {
    const run = await startJudgeRunFor({ studyId: params.id, researcherId: researcherId!, input: body });
    return Response.json({ id: run.id, items: run.items }, { status: 201, headers: { "cache-control": "no-store" } });
  },
});
