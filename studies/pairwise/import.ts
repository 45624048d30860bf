// Prepares a pairwise import: parse and join the files, match and check every audio file — all before anything is stored.
import { probeAudio } from "@/lib/audio/probe";
import { ImportError, type TImportIssue } from "@/lib/import/errors";
import { detectFormat, joinPairwiseItems, parseModelOutputs, parseMixAssistRows, type TImportItem } from "@/lib/import/mixassist";
import { matchAudioPath } from "@/lib/import/zip";
import type { TProbedAudio } from "@/db/queries/audio/store-audio";
import type { TPairwiseConfig } from "./config";

export interface TPreparedImport {
  items: (TImportItem & { audioHash: string | null })[];
  audio: Map<string, { buf: Buffer; probe: TProbedAudio }>;
}

export interface TImportFiles {
  rows: { name: string; text: string };
  outputs: { name: string; text: string };
  /** Audio by relative path (from a zip or a folder); null when the items carry no audio. */
  audio: Map<string, Buffer> | null;
}

/** Throws ImportError naming every bad line and field; returns only when the whole import is valid. */
export async function preparePairwiseImport(files: TImportFiles, config: TPairwiseConfig, { audioMaxBytes }: { audioMaxBytes: number }): Promise<TPreparedImport> {
  const rowsFormat = formatOf(files.rows.name, "rows");
  const outFormat = formatOf(files.outputs.name, "outputs");
  const rows = parseMixAssistRows(files.rows.text, rowsFormat);
  const outputs = parseModelOutputs(files.outputs.text, outFormat);
  const items = joinPairwiseItems(rows, outputs, { generatedSystem: config.systems.generated, expertSystem: config.systems.reference });
  if (items.length === 0) throw new ImportError([{ file: "rows", line: 0, field: "", message: "no items with content to import" }]);

  const lineOf = new Map(rows.map((r) => [`${r.conversation_id}:${r.turn_id}`, r.line]));
  const issues: TImportIssue[] = [];
  const audio = new Map<string, { buf: Buffer; probe: TProbedAudio }>();
  const byPath = new Map<string, string | null>(); // zip path → hash (null when it failed)
  const prepared: TPreparedImport["items"] = [];
  for (const item of items) {
    const line = lineOf.get(item.externalId) ?? 0;
    let audioHash: string | null = null;
    if (item.audioPath && files.audio) {
      const match = matchAudioPath(item.audioPath, files.audio);
      if (!match.ok) {
        issues.push({ file: "rows", line, field: "audio_file", message: match.error });
      } else {
        if (!byPath.has(match.path)) {
          const probe = await probeAudio(match.data, { maxBytes: audioMaxBytes });
          if (probe.ok) {
            audio.set(probe.hash, { buf: match.data, probe });
            byPath.set(match.path, probe.hash);
          } else {
            byPath.set(match.path, null);
            issues.push({ file: "rows", line, field: "audio_file", message: `${match.path}: ${probe.error}` });
          }
        }
        audioHash = byPath.get(match.path) ?? null;
        if (audioHash === null && !issues.some((i) => i.line === line && i.field === "audio_file")) {
          issues.push({ file: "rows", line, field: "audio_file", message: `${match.path} is not usable audio (see above)` });
        }
      }
    } else if (item.audioPath && !files.audio) {
      issues.push({ file: "rows", line, field: "audio_file", message: `names ${item.audioPath}, but no audio files were uploaded (add the zip)` });
    }
    prepared.push({ ...item, audioHash });
  }
  if (issues.length > 0) throw new ImportError(issues);
  return { items: prepared, audio };
}

function formatOf(name: string, file: string) {
  const f = detectFormat(name);
  if (!f) throw new ImportError([{ file, line: 0, field: "", message: `${name}: expected a .jsonl, .json or .csv file` }]);
  return f;
}
