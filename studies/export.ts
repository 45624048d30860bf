// One study export, whatever the mode: a table in CSV/Markdown/LaTeX, or the long CSV of every judgment.
import { renderTable, type TTableFormat } from "@/lib/export/table";
import { AppError } from "@/lib/http/app-error";
import { conversationsCsv, transcriptsJsonl, type TTranscript } from "./chat/transcripts";
import { judgmentsCsv, type TJudgmentExportRow } from "./judgments-csv";
import { modeOf, type TStudyConfig } from "./registry";

export const ZTableId = /^[a-z0-9_-]{1,32}$/i;

/** Chat studies also export their conversations: "transcripts" (JSONL) and "conversations" (summary CSV). */
export const CHAT_EXPORTS = ["transcripts", "conversations"];

export function exportStudy({ slug, config, rows, table, format, conversations }: { slug: string; config: TStudyConfig; rows: readonly TJudgmentExportRow[]; table: string; format: TTableFormat; conversations?: readonly TTranscript[] }) {
  const mode = modeOf(config);
  if (config.mode === "chat" && CHAT_EXPORTS.includes(table)) {
    if (table === "transcripts") return { body: transcriptsJsonl(conversations ?? []), contentType: "application/x-ndjson; charset=utf-8", filename: `${slug}-transcripts.jsonl` };
    return { body: conversationsCsv(conversations ?? []), contentType: "text/csv; charset=utf-8", filename: `${slug}-conversations.csv` };
  }
  if (table === "judgments") {
    return { body: judgmentsCsv(rows, mode.positions(config)), contentType: "text/csv; charset=utf-8", filename: `${slug}-judgments.csv` };
  }
  if (!mode.tables(config).some((t) => t.id === table)) {
    throw new AppError("NOT_FOUND", `A ${config.mode} study has tables ${mode.tables(config).map((t) => t.id).join(", ")} and "judgments"${config.mode === "chat" ? ', "transcripts", "conversations"' : ""}; not "${table}".`);
  }
  const out = renderTable(mode.buildTable(table, rows, config), format);
  return { body: out.body, contentType: out.contentType, filename: `${slug}-table${table}.${out.extension}` };
}
