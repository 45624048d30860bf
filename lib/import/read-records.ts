// Splits a JSONL or CSV file into raw records, each tagged with the 1-based line it starts on.
import { parse as parseCsv, CsvError } from "csv-parse/sync";
import type { TImportIssue } from "./errors";

export type TImportFormat = "jsonl" | "csv";
export type TRawRecord = { line: number; record: Record<string, unknown> };

/** Picks the parser from a file name: .jsonl/.ndjson → "jsonl", .csv → "csv", anything else → null. */
export function detectFormat(filename: string): TImportFormat | null {
  const lower = filename.toLowerCase().trim();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".csv")) return "csv";
  return null;
}

/**
 * Reads every record of `text`. JSONL: one object per line, blank lines skipped, line = file line.
 * CSV: a header row (line 1) then records; a record's line is where it starts, even when a quoted
 * cell spans several lines. Problems that stop a record being read at all go to `issues`.
 */
export function readRecords(text: string, format: TImportFormat): { records: TRawRecord[]; issues: TImportIssue[] } {
  // A BOM and Windows line endings are common in spreadsheet exports; neither changes the data.
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  return format === "jsonl" ? readJsonl(clean) : readCsv(clean);
}

function readJsonl(text: string) {
  const records: TRawRecord[] = [];
  const issues: TImportIssue[] = [];
  text.split("\n").forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      issues.push({ line, field: "", message: `invalid JSON (${e instanceof Error ? e.message : String(e)})` });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      issues.push({ line, field: "", message: "expected a JSON object" });
      return;
    }
    records.push({ line, record: value as Record<string, unknown> });
  });
  return { records, issues };
}

function readCsv(text: string) {
  const issues: TImportIssue[] = [];
  let parsed: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    parsed = parseCsv(text, { columns: true, info: true, raw: true, skip_empty_lines: true });
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof (e as CsvError & { lines?: unknown }).lines === "number" ? (e as CsvError & { lines: number }).lines : 0;
      issues.push({ line, field: "", message: `invalid CSV: ${e.message}` });
      return { records: [], issues };
    }
    throw e;
  }
  const records = parsed.map(({ record, raw, info }) => {
    // info.lines is the line the record ends on; step back over newlines inside quoted cells.
    const body = raw.replace(/^\n+/, "").replace(/\n$/, "");
    const inner = body.split("\n").length - 1;
    return { line: info.lines - inner, record: record as Record<string, unknown> };
  });
  return { records, issues };
}
