// Prepares an import for any mode: parse, join and check every row and audio file before anything is stored.
import { probeAudio } from "@/lib/audio/probe";
import { ImportError, type TImportIssue } from "@/lib/import/errors";
import type { TImportItem } from "@/lib/import/mixassist";
import { matchAudioPath } from "@/lib/import/zip";
import type { TProbedAudio } from "@/db/queries/audio/store-audio";
import { prepareChatImport } from "./chat/import";
import { prepareListwiseImport } from "./listwise/import";
import { preparePairwiseImport } from "./pairwise/import";
import { prepareRatingImport } from "./rating/import";
import type { TStudyConfig } from "./registry";

/** A clip of a multi-clip item (rating mode: the mix and its stems), in display order. */
export interface TPreparedClip {
  label: string;
  role: "mix" | "anchor" | "stem";
  audioHash: string;
}

export interface TPreparedImport {
  // Rating items need not come from a conversation: their conversation, turn and topic may be absent.
  items: (Omit<TImportItem, "conversationId" | "turnId" | "topic"> & {
    conversationId: string | null;
    turnId: number | null;
    topic: string | null;
    audioHash: string | null;
    clips?: TPreparedClip[];
    groundTruth?: unknown;
    /** "attention": a gold item with its right answer in groundTruth (lib/quality/import-attention.ts). */
    kind?: "item" | "attention";
  })[];
  audio: Map<string, { buf: Buffer; probe: TProbedAudio }>;
}

export interface TImportFiles {
  rows: { name: string; text: string };
  /** Model outputs joined on conversation_id + turn_id; not needed for a judge CSV. */
  outputs: { name: string; text: string } | null;
  /** Audio by relative path (from a zip or a folder); null when none was uploaded. */
  audio: Map<string, Buffer> | null;
}

export function prepareImport(files: TImportFiles, config: TStudyConfig, opts: { audioMaxBytes: number }): Promise<TPreparedImport> {
  if (config.mode === "chat") return prepareChatImport(files, opts);
  if (config.mode === "rating") return prepareRatingImport(files, config, opts);
  return config.mode === "pairwise" ? preparePairwiseImport(files, config, opts) : prepareListwiseImport(files, config, opts);
}

/**
 * Finds and checks each item's audio: a missing, ambiguous or undecodable file is an issue on the
 * item's line, field audio_file. lineOf maps an item's externalId to its line in the rows file.
 */
export async function attachAudio(
  items: TImportItem[],
  lineOf: Map<string, number>,
  files: Map<string, Buffer> | null,
  { audioMaxBytes }: { audioMaxBytes: number },
): Promise<TPreparedImport> {
  const issues: TImportIssue[] = [];
  const audio = new Map<string, { buf: Buffer; probe: TProbedAudio }>();
  const hashByPath = new Map<string, string | null>(); // zip path → hash (null when it failed)
  const prepared: TPreparedImport["items"] = [];
  for (const item of items) {
    const line = lineOf.get(item.externalId) ?? 0;
    let audioHash: string | null = null;
    if (item.audioPath && !files) {
      issues.push({ file: "rows", line, field: "audio_file", message: `names ${item.audioPath}, but no audio files were uploaded (add the zip)` });
    } else if (item.audioPath && files) {
      const match = matchAudioPath(item.audioPath, files);
      if (!match.ok) {
        issues.push({ file: "rows", line, field: "audio_file", message: match.error });
      } else {
        if (!hashByPath.has(match.path)) {
          const probe = await probeAudio(match.data, { maxBytes: audioMaxBytes });
          hashByPath.set(match.path, probe.ok ? probe.hash : null);
          if (probe.ok) audio.set(probe.hash, { buf: match.data, probe });
          else issues.push({ file: "rows", line, field: "audio_file", message: `${match.path}: ${probe.error}` });
        } else if (hashByPath.get(match.path) === null) {
          issues.push({ file: "rows", line, field: "audio_file", message: `${match.path} is not usable audio (see the first row that names it)` });
        }
        audioHash = hashByPath.get(match.path) ?? null;
      }
    }
    prepared.push({ ...item, audioHash });
  }
  if (issues.length > 0) throw new ImportError(issues);
  return { items: prepared, audio };
}

export function requireItems(items: unknown[]): void {
  if (items.length === 0) throw new ImportError([{ file: "rows", line: 0, field: "", message: "no items with content to import" }]);
}
