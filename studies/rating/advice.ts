// Reads "advice by item id" files: one response per row (item_id, system, text), JSONL or CSV, checked line by line.
import { z } from "zod";
import { ImportError, issuesFromZod, type TImportIssue } from "@/lib/import/errors";
import { detectFormat, readRecords } from "@/lib/import/read-records";

const ZAdviceRecord = z.object({
  item_id: z.string().trim().min(1, "an item id is required").max(300),
  system: z.string().trim().min(1, "a system id is required").max(100),
  text: z.string().trim().min(1, "the response text is empty").max(50_000),
});

export interface TAdviceRow {
  line: number;
  itemId: string;
  system: string;
  text: string;
}

/** Every row or an ImportError naming each bad line and field; nothing is half-read. */
export function parseAdvice(file: { name: string; text: string }): TAdviceRow[] {
  const format = detectFormat(file.name);
  if (!format) throw new ImportError([{ file: "rows", line: 0, field: "", message: `${file.name}: expected a .jsonl or .csv file` }]);
  const { records, issues } = readRecords(file.text, format);
  const all: TImportIssue[] = issues.map((i) => ({ ...i, file: "rows" }));
  const rows: TAdviceRow[] = [];
  for (const { line, record } of records) {
    const p = ZAdviceRecord.safeParse(record);
    if (!p.success) all.push(...issuesFromZod(p.error, line, "rows"));
    else rows.push({ line, itemId: p.data.item_id, system: p.data.system, text: p.data.text });
  }
  if (all.length) throw new ImportError(all);
  return rows;
}
