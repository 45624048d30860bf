// Prepares a listwise import: the MixAssist evaluation code's judge CSV as is, or MixAssist rows joined with several models' outputs.
import { ImportError, type TImportIssue } from "@/lib/import/errors";
import { attentionChecksByLine, markAttentionItems } from "@/lib/quality/import-attention";
import { parseJudgeCsv } from "@/lib/import/judge-csv";
import { joinPairwiseItems, parseModelOutputs, parseMixAssistRows, type TImportItem } from "@/lib/import/mixassist";
import { attachAudio, requireItems, type TImportFiles, type TPreparedImport } from "../import";
import { formatOf } from "../pairwise/import";
import type { TListwiseConfig } from "./config";

/** A judge CSV is recognised by its header: a prompt column and <system>_generation columns. */
export function looksLikeJudgeCsv(name: string, text: string): boolean {
  if (!name.toLowerCase().endsWith(".csv")) return false;
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return /(^|,)"?[A-Za-z0-9-]+_generation"?(,|$)/.test(header);
}

export async function prepareListwiseImport(files: TImportFiles, config: TListwiseConfig, opts: { audioMaxBytes: number }): Promise<TPreparedImport> {
  const wanted = config.systems.map((s) => s.id);
  let items: TImportItem[];
  let lineOf: Map<string, number>;
  if (looksLikeJudgeCsv(files.rows.name, files.rows.text)) {
    const parsed = parseJudgeCsv(files.rows.text);
    const missing = wanted.filter((s) => !parsed.systems.includes(s));
    if (missing.length > 0) {
      throw new ImportError([{ file: "rows", line: 1, field: missing.map((s) => `${s}_generation`).join(", "), message: `the study ranks ${wanted.join(", ")}, but the CSV has no column for ${missing.join(", ")} (it has ${parsed.systems.map((s) => `${s}_generation`).join(", ")})` }]);
    }
    items = parsed.items;
    lineOf = new Map(parsed.items.map((it) => [it.externalId, it.line]));
  } else {
    if (!files.outputs) throw new ImportError([{ file: "outputs", line: 0, field: "", message: "MixAssist rows need the model-output file (with a system column), or upload the judge CSV instead" }]);
    const rows = parseMixAssistRows(files.rows.text, formatOf(files.rows.name, "rows"));
    const outputs = parseModelOutputs(files.outputs.text, formatOf(files.outputs.name, "outputs"));
    const reference = wanted.includes("expert") ? "expert" : "__expert_reply__";
    items = joinPairwiseItems(rows, outputs, { generatedSystem: wanted[0], expertSystem: reference });
    lineOf = new Map(rows.map((r) => [`${r.conversation_id}:${r.turn_id}`, r.line]));
  }
  const issues: TImportIssue[] = [];
  items = items.map((it) => {
    const have = it.candidates.map((c) => c.system);
    const lacking = wanted.filter((s) => !have.includes(s));
    if (lacking.length > 0) issues.push({ file: "rows", line: lineOf.get(it.externalId) ?? 0, field: "", message: `no response of ${lacking.join(", ")} for ${it.externalId}` });
    return { ...it, candidates: it.candidates.filter((c) => wanted.includes(c.system)) };
  });
  if (issues.length > 0) throw new ImportError(issues);
  requireItems(items);
  const checks = attentionChecksByLine(files.rows);
  const prepared = await attachAudio(items, lineOf, files.audio, opts);
  return { ...prepared, items: markAttentionItems(prepared.items, (id) => lineOf.get(id), checks) };
}
