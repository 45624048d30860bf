// Researcher (anyone the study is shared with): a table (CSV, Markdown, LaTeX), the long-format CSV of every judgment,
// or the frozen configuration(s) as JSON (table=config); every export is written to the audit log.
import { z } from "zod";
import { recordAudit } from "@/db/queries/audit/record-audit";
import { listConversationsForExport } from "@/db/queries/chat/list-conversations-for-export";
import { listJudgmentsForTables } from "@/db/queries/judgments/list-judgments-for-tables";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { listStudyVersions } from "@/db/queries/studies/list-study-versions";
import { AppError } from "@/lib/http/app-error";
import { route } from "@/lib/http/route";
import { CHAT_EXPORTS, exportStudy, judgmentsCsvWriter, ZTableId } from "@/studies/export";
import { csvPagesStream } from "@/studies/export-stream";
import { streamJudgmentsForExport } from "@/db/queries/judgments/stream-judgments-for-export";
import { getExclusionStatement } from "@/db/queries/quality/get-exclusion-statement";
import { ZFlaggedPolicy } from "@/lib/quality/exclusion";

const ZExportQuery = z.object({
  table: z.string().regex(ZTableId, "a table id such as 3, 11, 7, judgments or config"),
  format: z.enum(["csv", "md", "tex", "json"]).default("csv"),
  /** standard (default): leave out excluded and screened-out sessions; exclude: also every flagged one; include: all. */
  flagged: ZFlaggedPolicy,
});

const download = (contentType: string, filename: string) => ({
  "content-type": contentType, "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store",
});

export const GET = route({
  access: "researcher",
  params: z.object({ id: z.string().uuid() }),
  query: ZExportQuery,
  handler: async ({ params, query, researcherId }) => {
    const study = await getStudyForResearcher({ studyId: params.id, researcherId: researcherId!, need: "read" });
    if (query.table === "config") {
      const { versions } = await listStudyVersions({ studyId: study.id, researcherId: researcherId! });
      await recordAudit({ studyId: study.id, researcherId, action: "exported", detail: { what: "config", format: "json" } });
      const body = { study: { id: study.id, slug: study.slug, title: study.title, mode: study.mode, status: study.status }, currentVersion: study.version, versions };
      return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: download("application/json; charset=utf-8", `${study.slug}-config.json`) });
    }
    if (query.format === "json") throw new AppError("BAD_REQUEST", 'format=json is the configuration export (table=config); tables are csv, md or tex.');
    const format = query.format;
    const flagged = query.flagged;
    const exclusion = await getExclusionStatement({ studyId: study.id, researcherId: researcherId!, flagged });
    if (query.table === "judgments") {
      // Streamed a page of participants at a time: a million judgments never sit in memory at once.
      await recordAudit({ studyId: study.id, researcherId, action: "exported", detail: { what: "judgments", format: "csv", version: study.version, flagged } });
      const pages = streamJudgmentsForExport({ studyId: study.id, researcherId: researcherId!, flagged });
      return new Response(csvPagesStream(pages, judgmentsCsvWriter(study.config)), {
        headers: { ...download("text/csv; charset=utf-8", `${study.slug}-judgments.csv`), "x-mixstudy-exclusion": exclusion },
      });
    }
    // Tables read a lean projection of the judgments (list-judgments-for-tables.ts).
    const rows = await listJudgmentsForTables({ studyId: study.id, researcherId: researcherId!, flagged });
    const conversations = study.config.mode === "chat" && CHAT_EXPORTS.includes(query.table) ? await listConversationsForExport({ studyId: study.id, researcherId: researcherId!, flagged }) : undefined;
    const out = exportStudy({ slug: study.slug, config: study.config, rows, table: query.table, format, conversations, exclusion, provenance: { version: study.version, configHash: study.configHash } });
    await recordAudit({ studyId: study.id, researcherId, action: "exported", detail: { what: query.table, format, rows: rows.length, version: study.version, flagged } });
    // Tables carry the statement as a note (a "# " line in CSV); every export also names it in a header, the long CSV and JSONL included.
    return new Response(out.body, { headers: { ...download(out.contentType, out.filename), "x-mixstudy-exclusion": exclusion } });
  },
});
