// Researcher: resume a stopped judge run (endpoint was down, key rejected …); judged items are not judged again.
import { z } from "zod";
import { resumeJudgeRun } from "@/db/queries/judge/set-judge-run-status";
import { route } from "@/lib/http/route";
import { startJudgeRun } from "@/lib/judge/registry";

export const POST = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid(), runId: z.string().uuid() }),
  handler: async ({ params, researcherId }) => {
    await resumeJudgeRun({ studyId: params.id, researcherId: researcherId!, runId: params.runId });
    void startJudgeRun(params.runId);
    return { id: params.runId, status: "running" };
  },
});
