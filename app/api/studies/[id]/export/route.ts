// Researcher: download a table (CSV, Markdown, LaTeX) or the long-format CSV of every judgment.
import { z } from "zod";
import { listConversationsForExport } from "@/db/queries/chat/list-conversations-for-export";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { route } from "@/lib/http/route";
import { CHAT_EXPORTS, exportStudy, ZTableId } from "@/studies/export";

const ZExportQuery = z.object({
  table: z.string().regex(ZTableId, "a table id such as 3, 11, 7 or judgments"),
  format: z.enum(["csv", "md", "tex"]).default("csv"),
});

export const GET = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  query: ZExportQuery,
  handler: async ({ params, query, researcherId }) => {
    const study = await getStudyForResearcher({ studyId: params.id, researcherId: researcherId! });
    const rows = await listJudgmentsForExport({ studyId: study.id, researcherId: researcherId! });
    const conversations = study.config.mode === "chat" && CHAT_EXPORTS.includes(query.table) ? await listConversationsForExport({ studyId: study.id, researcherId: researcherId! }) : undefined;
    const out = exportStudy({ slug: study.slug, config: study.config, rows, table: query.table, format: query.format, conversations });
    return new Response(out.body, {
      headers: { "content-type": out.contentType, "content-disposition": `attachment; filename="${out.filename}"`, "cache-control": "no-store" },
    });
  },
});
