// Prepares a pairwise import: MixAssist rows joined with one model's outputs, the expert's reply as the reference.
import { ImportError } from "@/lib/import/errors";
import { attentionChecksByLine, markAttentionItems } from "@/lib/quality/import-attention";
import { detectFormat, joinPairwiseItems, parseModelOutputs, parseMixAssistRows } from "@/lib/import/mixassist";
import { attachAudio, requireItems, type TImportFiles, type TPreparedImport } from "../import";
import type { TPairwiseConfig } from "./config";

export type { TImportFiles, TPreparedImport };

/** Throws ImportError naming every bad line and field; returns only when the whole import is valid. */
export async function preparePairwiseImport(files: TImportFiles, config: TPairwiseConfig, opts: { audioMaxBytes: number }): Promise<TPreparedImport> {
  if (!files.outputs) throw new ImportError([{ file: "outputs", line: 0, field: "", message: "a pairwise import needs the model-output file" }]);
  const rows = parseMixAssistRows(files.rows.text, formatOf(files.rows.name, "rows"));
  const outputs = parseModelOutputs(files.outputs.text, formatOf(files.outputs.name, "outputs"));
  const items = joinPairwiseItems(rows, outputs, { generatedSystem: config.systems.generated, expertSystem: config.systems.reference });
  requireItems(items);
  const lineOf = new Map(rows.map((r) => [`${r.conversation_id}:${r.turn_id}`, r.line]));
  const checks = attentionChecksByLine(files.rows);
  const prepared = await attachAudio(items, lineOf, files.audio, opts);
  return { ...prepared, items: markAttentionItems(prepared.items, (id) => lineOf.get(id), checks) };
}

export function formatOf(name: string, file: string) {
  const f = detectFormat(name);
  if (!f) throw new ImportError([{ file, line: 0, field: "", message: `${name}: expected a .jsonl or .csv file` }]);
  return f;
}
