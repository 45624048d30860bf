// The optional attention_check field of import rows: a gold item's right answer (lib/quality/attention.ts), by row line.
import { ImportError, type TImportIssue } from "@/lib/import/errors";
import { detectFormat, readRecords } from "@/lib/import/read-records";
import { ZAttentionTruth, type TAttentionTruth } from "./attention";

/**
 * Per 1-based line, the attention_check of that row: a JSON object in JSONL, or JSON text in a CSV
 * cell. Rows without one are regular items. A malformed value is an ImportError naming line and field.
 */
export function attentionChecksByLine(file: { name: string; text: string }): Map<number, TAttentionTruth> {
  const format = detectFormat(file.name);
  const out = new Map<number, TAttentionTruth>();
  if (!format) return out;
  const issues: TImportIssue[] = [];
  for (const { line, record } of readRecords(file.text, format).records) {
    let value = record.attention_check;
    if (value === undefined || value === null || value === "") continue;
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        issues.push({ file: "rows", line, field: "attention_check", message: 'is not valid JSON (e.g. {"answer": "expert"})' });
        continue;
      }
    }
    const parsed = ZAttentionTruth.safeParse(value);
    if (parsed.success) out.set(line, parsed.data);
    else issues.push({ file: "rows", line, field: "attention_check", message: 'must be { "answer": <system, both_good, both_bad, or { criterion: value }> } or { "ranking": [systems best first] }' });
  }
  if (issues.length > 0) throw new ImportError(issues);
  return out;
}

/** Marks the prepared items whose row carries an attention_check as gold items with that ground truth. */
export function markAttentionItems<T extends { externalId: string }>(
  items: T[],
  lineOf: (externalId: string) => number | undefined,
  checks: Map<number, TAttentionTruth>,
): (T & { kind?: "attention"; groundTruth?: unknown })[] {
  if (checks.size === 0) return items;
  return items.map((it) => {
    const line = lineOf(it.externalId);
    const truth = line === undefined ? undefined : checks.get(line);
    return truth ? { ...it, kind: "attention" as const, groundTruth: truth } : it;
  });
}
