// One study export, whatever the mode: a table in CSV/Markdown/LaTeX, or the long CSV of every judgment; each names the configuration it came from.
import { renderTable, type ResultTable, type TTableFormat } from "@/lib/export/table";
import { AppError } from "@/lib/http/app-error";
import { conversationsCsv, transcriptsJsonl, type TTranscript } from "./chat/transcripts";
import { judgmentsCsv, type TJudgmentExportRow } from "./judgments-csv";
import { ratingJudgmentsCsv } from "./rating/judgments-csv";
import { modeOf, type TStudyConfig } from "./registry";

export const ZTableId = /^[a-z0-9_-]{1,32}$/i;

/** The configuration in force when exported (studies.version, studies.config_hash). */
export interface TExportProvenance {
  version: number;
  configHash: string;
}

/** One line naming the configuration: the version in force and its hash, and the versions the judgments were given under. */
export function provenanceLine(p: TExportProvenance, rows: readonly Pick<TJudgmentExportRow, "configVersion">[]): string {
  const under = [...new Set(rows.map((r) => r.configVersion).filter((v): v is number => typeof v === "number"))].sort((a, b) => a - b);
  const judged = under.length ? `; judgments given under version${under.length > 1 ? "s" : ""} ${under.join(", ")}` : "";
  return `Configuration v${p.version}, sha256 ${p.configHash}${judged}.`;
}

/** The long CSV writer of a study's mode (header + rows); a rating judgment scores several responses on several criteria: one row per (judgment × response). */
export function judgmentsCsvWriter(config: TStudyConfig): (rows: readonly TJudgmentExportRow[]) => string {
  if (config.mode === "rating") return (rows) => ratingJudgmentsCsv(rows, config);
  const positions = modeOf(config).positions(config);
  return (rows) => judgmentsCsv(rows, positions);
}

/** Chat studies also export their conversations: "transcripts" (JSONL) and "conversations" (summary CSV). */
export const CHAT_EXPORTS = ["transcripts", "conversations"];

export function exportStudy({ slug, config, rows, table, format, provenance, conversations, exclusion }: {
  slug: string;
  config: TStudyConfig;
  rows: readonly TJudgmentExportRow[];
  table: string;
  format: TTableFormat;
  provenance?: TExportProvenance;
  conversations?: readonly TTranscript[];
  /** Which sessions were left out and why (lib/quality/exclusion.ts exclusionStatement): a note under every table. */
  exclusion?: string;
}) {
  const mode = modeOf(config);
  if (config.mode === "chat" && CHAT_EXPORTS.includes(table)) {
    if (table === "transcripts") return { body: transcriptsJsonl(conversations ?? []), contentType: "application/x-ndjson; charset=utf-8", filename: `${slug}-transcripts.jsonl` };
    return { body: conversationsCsv(conversations ?? []), contentType: "text/csv; charset=utf-8", filename: `${slug}-conversations.csv` };
  }
  if (table === "judgments") {
    return { body: judgmentsCsvWriter(config)(rows), contentType: "text/csv; charset=utf-8", filename: `${slug}-judgments.csv` };
  }
  if (!mode.tables(config).some((t) => t.id === table)) {
    throw new AppError("NOT_FOUND", `A ${config.mode} study has tables ${mode.tables(config).map((t) => t.id).join(", ")}, "judgments"${config.mode === "chat" ? ', "transcripts", "conversations"' : ""} and "config"; not "${table}".`);
  }
  const built: ResultTable = mode.buildTable(table, rows, config);
  const lines = [provenance ? provenanceLine(provenance, rows) : null, exclusion ?? null].filter((l): l is string => l !== null);
  const withLine = lines.length ? { ...built, notes: [...(built.notes ?? []), ...lines] } : built;
  // Notes (statistics, then these lines) render in every format; in CSV as trailing "# …" comment rows.
  const out = renderTable(withLine, format);
  return { body: out.body, contentType: out.contentType, filename: `${slug}-table${table}.${out.extension}` };
}
