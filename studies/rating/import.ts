// Rating items import: rows with a prompt, clips (mix / anchor / stems) or one audio file, responses per system and
// optional ground truth — or MixAssist rows + model outputs (or a judge CSV) as in the other modes. All or nothing.
import { z } from "zod";
import { probeAudio } from "@/lib/audio/probe";
import { attentionChecksByLine, markAttentionItems } from "@/lib/quality/import-attention";
import { ImportError, issuesFromZod, type TImportIssue } from "@/lib/import/errors";
import { joinPairwiseItems, parseModelOutputs, parseMixAssistRows, type TImportItem } from "@/lib/import/mixassist";
import { parseJudgeCsv } from "@/lib/import/judge-csv";
import { readRecords } from "@/lib/import/read-records";
import { matchAudioPath } from "@/lib/import/zip";
import type { TProbedAudio } from "@/db/queries/audio/store-audio";
import { attachAudio, requireItems, type TImportFiles, type TPreparedClip, type TPreparedImport } from "../import";
import { looksLikeJudgeCsv } from "../listwise/import";
import { formatOf } from "../pairwise/import";
import type { TRatingConfig } from "./config";

const ZClip = z.object({
  label: z.string().trim().min(1, "a clip label is required").max(100),
  role: z.enum(["mix", "anchor", "stem"]),
  audio: z.string().trim().min(1, "the clip's audio path is required").max(1000),
});

export const ZRatingRow = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1, "an item id is required").max(300)),
    prompt: z.string().max(50_000).optional(),
    user: z.string().max(50_000).optional(),
    history: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string().max(50_000) })).max(500).optional(),
    topic: z.string().max(100).nullish(),
    conversation_id: z.string().max(300).nullish(),
    turn_id: z.coerce.number().int().min(0).nullish(),
    audio: z.string().trim().min(1).max(1000).nullish(),
    clips: z.array(ZClip).min(1).max(32).optional(),
    responses: z.record(z.string().min(1).max(100), z.string().trim().min(1, "the response text is empty").max(50_000)).optional(),
    ground_truth: z.object({ track: z.string().trim().min(1, "the changed track is required").max(100), gain_db: z.number().min(-60).max(60) }).passthrough().nullish(),
  })
  .refine((r) => (r.prompt ?? r.user ?? "").trim() !== "", { path: ["prompt"], message: "a prompt (or user) is required" })
  .refine((r) => !(r.audio && r.clips), { path: ["clips"], message: "give either audio or clips, not both" });
export type TRatingRow = z.infer<typeof ZRatingRow>;

const JSON_FIELDS = ["history", "clips", "responses", "ground_truth"];

/** CSV cells are text: JSON columns are parsed, empty cells dropped. A bad JSON cell is an issue on its line and column. */
function normalise(record: Record<string, unknown>, line: number, issues: TImportIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === "string" && v.trim() === "") continue;
    if (JSON_FIELDS.includes(k) && typeof v === "string") {
      try {
        out[k] = JSON.parse(v);
      } catch {
        issues.push({ file: "rows", line, field: k, message: "is not valid JSON" });
      }
    } else out[k] = v;
  }
  return out;
}

/** Parses and checks every row: ids unique, responses only from the study's systems, clips with one mix at most and unique labels. */
export function parseRatingRows(file: { name: string; text: string }, config: TRatingConfig): { line: number; row: TRatingRow }[] {
  const { records, issues: readIssues } = readRecords(file.text, formatOf(file.name, "rows"));
  const issues: TImportIssue[] = readIssues.map((i) => ({ ...i, file: "rows" }));
  const systems = config.systems.map((s) => s.id);
  const out: { line: number; row: TRatingRow }[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, record } of records) {
    const p = ZRatingRow.safeParse(normalise(record, line, issues));
    if (!p.success) {
      issues.push(...issuesFromZod(p.error, line, "rows"));
      continue;
    }
    const row = p.data;
    if (firstLine.has(row.id)) issues.push({ file: "rows", line, field: "id", message: `duplicate id ${row.id} (first on line ${firstLine.get(row.id)})` });
    else firstLine.set(row.id, line);
    for (const s of Object.keys(row.responses ?? {})) {
      if (!systems.includes(s)) issues.push({ file: "rows", line, field: `responses.${s}`, message: `"${s}" is not a system of this study (${systems.join(", ")})` });
    }
    const clips = row.clips ?? [];
    if (clips.filter((c) => c.role === "mix").length > 1) issues.push({ file: "rows", line, field: "clips", message: "has more than one clip with role mix" });
    clips.forEach((c, i) => {
      if (clips.findIndex((d) => d.label.toLowerCase() === c.label.toLowerCase()) !== i) issues.push({ file: "rows", line, field: `clips[${i}].label`, message: `repeats the label "${c.label}"` });
    });
    out.push({ line, row });
  }
  if (issues.length) throw new ImportError(issues);
  if (out.length === 0) throw new ImportError([{ file: "rows", line: 0, field: "", message: "no items to import" }]);
  return out;
}

const ROLE_ORDER = { mix: 0, anchor: 1, stem: 2 } as const;

/** Finds, probes and hashes every clip; a missing or undecodable file is an issue on the row's line and clip field. */
async function attachClips(rows: { line: number; row: TRatingRow }[], files: Map<string, Buffer> | null, { audioMaxBytes }: { audioMaxBytes: number }) {
  const issues: TImportIssue[] = [];
  const audio = new Map<string, { buf: Buffer; probe: TProbedAudio }>();
  const hashByPath = new Map<string, string | null>();
  const hashOf = async (path: string, line: number, field: string): Promise<string | null> => {
    if (!files) {
      issues.push({ file: "rows", line, field, message: `names ${path}, but no audio files were uploaded (add the zip)` });
      return null;
    }
    const match = matchAudioPath(path, files);
    if (!match.ok) {
      issues.push({ file: "rows", line, field, message: match.error });
      return null;
    }
    if (!hashByPath.has(match.path)) {
      const probe = await probeAudio(match.data, { maxBytes: audioMaxBytes });
      hashByPath.set(match.path, probe.ok ? probe.hash : null);
      if (probe.ok) audio.set(probe.hash, { buf: match.data, probe });
      else issues.push({ file: "rows", line, field, message: `${match.path}: ${probe.error}` });
    }
    return hashByPath.get(match.path) ?? null;
  };
  const clipsOf = new Map<string, TPreparedClip[]>();
  const mainOf = new Map<string, string | null>();
  for (const { line, row } of rows) {
    if (row.clips) {
      const ordered = row.clips.map((c, i) => ({ c, i })).sort((a, b) => ROLE_ORDER[a.c.role] - ROLE_ORDER[b.c.role] || a.i - b.i);
      const clips: TPreparedClip[] = [];
      for (const { c, i } of ordered) {
        const h = await hashOf(c.audio, line, `clips[${i}].audio`);
        if (h) clips.push({ label: c.label, role: c.role, audioHash: h });
      }
      clipsOf.set(row.id, clips);
      mainOf.set(row.id, clips[0]?.audioHash ?? null);
    } else {
      mainOf.set(row.id, row.audio ? await hashOf(row.audio, line, "audio") : null);
    }
  }
  if (issues.length) throw new ImportError(issues);
  return { audio, clipsOf, mainOf };
}

export async function prepareRatingImport(files: TImportFiles, config: TRatingConfig, opts: { audioMaxBytes: number }): Promise<TPreparedImport> {
  const wanted = config.systems.map((s) => s.id);
  // MixAssist rows + model outputs, or the judge CSV: the same join as the other modes, keeping the study's systems.
  if (files.outputs || looksLikeJudgeCsv(files.rows.name, files.rows.text)) return prepareMixAssist(files, config, opts);
  const rows = parseRatingRows(files.rows, config);
  const checks = attentionChecksByLine(files.rows);
  const lineOfId = new Map(rows.map(({ line, row }) => [row.id, line]));
  const { audio, clipsOf, mainOf } = await attachClips(rows, files.audio, opts);
  return {
    audio,
    items: markAttentionItems(rows.map(({ row }) => {
      const mixPath = row.clips ? (row.clips.find((c) => c.role === "mix") ?? row.clips[0]).audio : (row.audio ?? null);
      return {
        externalId: row.id,
        conversationId: row.conversation_id ?? null,
        turnId: row.turn_id ?? null,
        topic: row.topic ?? null,
        split: null,
        history: (row.history ?? []).map((h) => ({ role: h.role, content: h.content, audioFile: null })),
        userUtterance: (row.user ?? row.prompt ?? "").trim(),
        audioPath: mixPath,
        audioHash: mainOf.get(row.id) ?? null,
        candidates: wanted.filter((s) => row.responses?.[s] !== undefined).map((s) => ({ system: s, text: row.responses![s] })),
        ...(row.clips ? { clips: clipsOf.get(row.id) } : {}),
        ...(row.ground_truth ? { groundTruth: row.ground_truth } : {}),
      };
    }), (id) => lineOfId.get(id), checks),
  };
}

async function prepareMixAssist(files: TImportFiles, config: TRatingConfig, opts: { audioMaxBytes: number }): Promise<TPreparedImport> {
  const wanted = config.systems.map((s) => s.id);
  let items: TImportItem[];
  let lineOf: Map<string, number>;
  if (looksLikeJudgeCsv(files.rows.name, files.rows.text)) {
    const parsed = parseJudgeCsv(files.rows.text);
    items = parsed.items;
    lineOf = new Map(parsed.items.map((it) => [it.externalId, it.line]));
  } else {
    const rows = parseMixAssistRows(files.rows.text, formatOf(files.rows.name, "rows"));
    const outputs = parseModelOutputs(files.outputs!.text, formatOf(files.outputs!.name, "outputs"));
    items = joinPairwiseItems(rows, outputs, { generatedSystem: wanted[0], expertSystem: wanted.includes("expert") ? "expert" : "__expert_reply__" });
    lineOf = new Map(rows.map((r) => [`${r.conversation_id}:${r.turn_id}`, r.line]));
  }
  const issues: TImportIssue[] = [];
  items = items.map((it) => {
    const kept = it.candidates.filter((c) => wanted.includes(c.system));
    if (kept.length === 0) issues.push({ file: "rows", line: lineOf.get(it.externalId) ?? 0, field: "", message: `no response of ${wanted.join(" or ")} for ${it.externalId}` });
    return { ...it, candidates: kept };
  });
  if (issues.length) throw new ImportError(issues);
  requireItems(items);
  const checks = attentionChecksByLine(files.rows);
  const prepared = await attachAudio(items, lineOf, files.audio, opts);
  return { ...prepared, items: markAttentionItems(prepared.items, (id) => lineOf.get(id), checks) };
}
