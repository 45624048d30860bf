// One study export, whatever the mode: a table in CSV/Markdown/LaTeX, or the long CSV of every judgment.
import { renderTable, type TTableFormat } from "@/lib/export/table";
import { AppError } from "@/lib/http/app-error";
import { judgmentsCsv, type TJudgmentExportRow } from "./judgments-csv";
import { ratingJudgmentsCsv } from "./rating/judgments-csv";
import { modeOf, type TStudyConfig } from "./registry";

export const ZTableId = /^[a-z0-9_-]{1,32}$/i;

export function exportStudy({ slug, config, rows, table, format }: { slug: string; config: TStudyConfig; rows: readonly TJudgmentExportRow[]; table: string; format: TTableFormat }) {
  const mode = modeOf(config);
  if (table === "judgments") {
    // A rating judgment scores several responses on several criteria: one row per (judgment × response).
    const body = config.mode === "rating" ? ratingJudgmentsCsv(rows, config) : judgmentsCsv(rows, mode.positions(config));
    return { body, contentType: "text/csv; charset=utf-8", filename: `${slug}-judgments.csv` };
  }
  if (!mode.tables(config).some((t) => t.id === table)) {
    throw new AppError("NOT_FOUND", `A ${config.mode} study has tables ${mode.tables(config).map((t) => t.id).join(", ")} and "judgments"; not "${table}".`);
  }
  const out = renderTable(mode.buildTable(table, rows, config), format);
  return { body: out.body, contentType: out.contentType, filename: `${slug}-table${table}.${out.extension}` };
}
