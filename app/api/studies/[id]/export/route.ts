// Researcher: download a table (CSV, Markdown, LaTeX) or the long-format CSV of every judgment.
import { z } from "zod";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { renderTable } from "@/lib/export/table";
import { route } from "@/lib/http/route";
import { judgmentsCsv, PAIRWISE_TABLES, pairwiseTable } from "@/studies/pairwise/export";

const ZExportQuery = z.object({
  table: z.enum([...PAIRWISE_TABLES, "judgments"]),
  format: z.enum(["csv", "md", "tex"]).default("csv"),
});

export const GET = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  query: ZExportQuery,
  handler: async ({ params, query, researcherId }) => {
    const study = await getStudyForResearcher({ studyId: params.id, researcherId: researcherId! });
    const rows = await listJudgmentsForExport({ studyId: study.id, researcherId: researcherId! });
    if (query.table === "judgments") {
      return download(judgmentsCsv(rows), "text/csv; charset=utf-8", `${study.slug}-judgments.csv`);
    }
    const out = renderTable(pairwiseTable(query.table, rows), query.format);
    return download(out.body, out.contentType, `${study.slug}-table${query.table}.${out.extension}`);
  },
});

function download(body: string, contentType: string, filename: string): Response {
  return new Response(body, {
    headers: { "content-type": contentType, "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
}
