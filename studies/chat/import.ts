// Prepares a chat import: the provided clips participants may choose from (rows: id, audio_file, optional title), with their audio.
import { z } from "zod";
import { ImportError, type TImportIssue } from "@/lib/import/errors";
import type { TImportItem } from "@/lib/import/mixassist";
import { readRecords } from "@/lib/import/read-records";
import { attachAudio, requireItems, type TImportFiles, type TPreparedImport } from "../import";
import { formatOf } from "../pairwise/import";

const ZClipRow = z.object({
  id: z.union([z.string().trim().min(1).max(200), z.number()]).transform(String),
  audio_file: z.string().trim().min(1).max(1000),
  title: z.string().trim().max(200).optional(),
});

export async function prepareChatImport(files: TImportFiles, opts: { audioMaxBytes: number }): Promise<TPreparedImport> {
  const { records, issues: readIssues } = readRecords(files.rows.text, formatOf(files.rows.name, "rows"));
  const issues: TImportIssue[] = [...readIssues];
  const items: TImportItem[] = [];
  const lineOf = new Map<string, number>();
  for (const { line, record } of records) {
    const parsed = ZClipRow.safeParse(record);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      issues.push({ file: "rows", line, field: String(first.path[0] ?? ""), message: first.message });
      continue;
    }
    const r = parsed.data;
    if (lineOf.has(r.id)) {
      issues.push({ file: "rows", line, field: "id", message: `id ${r.id} appears twice (first on line ${lineOf.get(r.id)})` });
      continue;
    }
    lineOf.set(r.id, line);
    items.push({ externalId: r.id, conversationId: r.id, turnId: 0, topic: r.title ?? r.id, split: null, history: [], userUtterance: "", audioPath: r.audio_file, candidates: [] });
  }
  if (issues.length > 0) throw new ImportError(issues);
  requireItems(items);
  return attachAudio(items, lineOf, files.audio, opts);
}
