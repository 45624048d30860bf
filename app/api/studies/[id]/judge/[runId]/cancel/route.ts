// Researcher: cancel a judge run; no new calls are made, results so far are kept.
import { z } from "zod";
import { cancelJudgeRun } from "@/db/queries/judge/set-judge-run-status";
import { route } from "@/lib/http/route";
import { cancelActiveJudgeRun } from "@/lib/judge/registry";

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid(), runId: z.string().uuid() }),
  handler: async ({ params, researcherId }) => {
    await cancelJudgeRun({ studyId: params.id, researcherId: researcherId!, runId: params.runId });
    cancelActiveJudgeRun(params.runId);
    return { id: params.runId, status: "cancelled" };
  },
});
