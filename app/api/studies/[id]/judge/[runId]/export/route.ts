// Researcher: a judge run's tables (8, 2, 10, 5, agreement) as CSV, Markdown or LaTeX, or judge_results_<run_id>.json.
import { z } from "zod";
import { AppError } from "@/lib/http/app-error";
import { route } from "@/lib/http/route";
import { renderTable } from "@/lib/export/table";
import { buildJudgeTable, judgeResultsFile, ZJudgeExportQuery } from "@/lib/judge/exports";
import { loadJudgeExportData } from "@/lib/judge/load-export-data";

export const GET = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid(), runId: z.string().uuid() }),
  query: ZJudgeExportQuery,
  handler: async ({ params, query, researcherId }) => {
    const loaded = await loadJudgeExportData({ studyId: params.id, researcherId: researcherId!, runId: params.runId });
    const run = loaded.run;
    if (!run) throw new AppError("NOT_FOUND", "No such judge run.");
    const data = { ...loaded, run };
    const headers = (contentType: string, filename: string) => ({ "content-type": contentType, "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" });
    if (query.format === "json") {
      const { filename, json } = judgeResultsFile(data.run, data.results, data.systems);
      return new Response(`${JSON.stringify(json, null, 2)}\n`, { headers: headers("application/json; charset=utf-8", filename) });
    }
    const table = buildJudgeTable(query.table!, data);
    const out = renderTable(table, query.format);
    return new Response(out.body, { headers: headers(out.contentType, `${data.slug}-judge-${params.runId.slice(0, 8)}-${table.id}.${out.extension}`) });
  },
});
