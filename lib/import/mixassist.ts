// Parses MixAssist rows (as published on Hugging Face) and model outputs, and joins them into pairwise items.
import { z } from "zod";
import { ImportError, issuesFromZod, type TImportIssue } from "./errors";
import { parsePythonLiteral } from "./python-literal";
import { readRecords, type TImportFormat } from "./read-records";

export { detectFormat, type TImportFormat } from "./read-records";

const required = (expected: string) => (iss: { input: unknown }) => (iss.input === undefined ? "required" : expected);

/** An integer ≥ 0; CSV cells ("3", "3.0") are coerced. */
const ZTurnId = z
  .unknown()
  .transform((v) => (typeof v === "string" && /^\s*-?\d+(\.0*)?\s*$/.test(v) ? Number(v) : v))
  .pipe(z.int({ error: required("expected an integer") }).min(0, { error: "expected an integer ≥ 0" }));

const ZRequiredString = z.string({ error: required("expected a string") });
const ZNonEmptyString = z
  .string({ error: required("expected a string") })
  .refine((s) => s.trim() !== "", { error: "required (empty)" });

/** True/False as written by Python, pandas, spreadsheets or JSON; absent or empty means true. */
const ZHasContent = z
  .unknown()
  .transform((v) => {
    if (v === "") return true;
    if (typeof v === "string") {
      const s = v.trim().toLowerCase();
      if (["true", "1", "yes", "t", "y"].includes(s)) return true;
      if (["false", "0", "no", "f", "n"].includes(s)) return false;
    }
    if (v === 1 || v === 0) return v === 1;
    return v;
  })
  .pipe(z.boolean({ error: "expected true or false" }));

/** A path or null; empty CSV cells, Python None and pandas NaN all mean "no audio". */
const ZAudioPath = z
  .unknown()
  .transform((v) => (v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v)) ? null : v))
  .pipe(z.string({ error: "expected a path or null" }).nullable());

export const ZHistoryEntry = z.object({
  role: z.enum(["user", "assistant"], { error: 'expected "user" or "assistant"' }),
  content: ZRequiredString,
  audio_file: ZAudioPath.default(null),
});

/** input_history: a list, or (in CSV) that list as JSON text or as the Python repr pandas writes. */
const ZHistory = z
  .unknown()
  .transform((v, ctx) => {
    if (v === undefined || v === null) return [];
    if (typeof v !== "string") return v;
    const s = v.trim();
    if (s === "") return [];
    try {
      return JSON.parse(s) as unknown;
    } catch {
      // Not JSON: fall through to the Python-literal reader, whose error is the more useful one.
    }
    try {
      return parsePythonLiteral(s);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: `expected a list of {role, content, audio_file} as JSON (${e instanceof Error ? e.message : e})` });
      return z.NEVER;
    }
  })
  .pipe(z.array(ZHistoryEntry, { error: "expected a list of {role, content, audio_file}" }));

const ZOptionalString = z
  .unknown()
  .transform((v) => (v === "" || v === null ? undefined : v))
  .pipe(z.string({ error: "expected a string" }).optional())
  .optional();

/**
 * One MixAssist row. Required: conversation_id, turn_id, user, assistant. Defaults when absent:
 * topic "", has_content true, input_history [], audio_file null. Unknown columns are dropped.
 */
export const ZMixAssistRow = z.object({
  conversation_id: ZNonEmptyString,
  topic: z.string({ error: "expected a string" }).default(""),
  turn_id: ZTurnId,
  has_content: ZHasContent.default(true),
  input_history: ZHistory.default([]),
  audio_file: ZAudioPath.default(null),
  user: ZRequiredString,
  assistant: ZRequiredString,
  split: ZOptionalString,
});
export type TMixAssistRow = z.output<typeof ZMixAssistRow>;
/** A parsed row with the 1-based line it started on in its file. */
export type TMixAssistRecord = TMixAssistRow & { line: number };

function parseAll<T>(text: string, format: TImportFormat, schema: z.ZodType<T>, file?: string): (T & { line: number })[] {
  const { records, issues } = readRecords(text, format);
  const out: (T & { line: number })[] = [];
  for (const { line, record } of records) {
    const res = schema.safeParse(record);
    if (res.success) out.push({ ...res.data, line });
    else issues.push(...issuesFromZod(res.error, line, file));
  }
  if (issues.length > 0) throw new ImportError(issues.map((i) => (file && !i.file ? { ...i, file } : i)));
  return out;
}

/**
 * Parses MixAssist rows from JSONL or CSV. All-or-nothing: any bad row throws an ImportError that
 * lists every problem (line + field), and no rows are returned.
 */
export function parseMixAssistRows(text: string, format: TImportFormat): TMixAssistRecord[] {
  return parseAll(text, format, ZMixAssistRow);
}

/** Columns that may hold a model's output text, in the order they are looked for. */
export const OUTPUT_TEXT_COLUMNS = ["generation", "output", "response"] as const;

export const ZModelOutputRow = z
  .object({
    conversation_id: ZNonEmptyString,
    turn_id: ZTurnId,
    generation: z.unknown().optional(),
    output: z.unknown().optional(),
    response: z.unknown().optional(),
    system: ZOptionalString,
  })
  .transform((row, ctx) => {
    const column = OUTPUT_TEXT_COLUMNS.find((c) => row[c] !== undefined);
    if (!column) {
      ctx.addIssue({ code: "custom", path: ["generation"], message: 'required: the output text goes in a "generation", "output" or "response" column' });
      return z.NEVER;
    }
    const text = row[column];
    if (typeof text !== "string") {
      ctx.addIssue({ code: "custom", path: [column], message: "expected a string" });
      return z.NEVER;
    }
    if (text.trim() === "") {
      ctx.addIssue({ code: "custom", path: [column], message: "model output is empty" });
      return z.NEVER;
    }
    return { conversationId: row.conversation_id, turnId: row.turn_id, text, ...(row.system ? { system: row.system } : {}) };
  });
export type TModelOutput = z.output<typeof ZModelOutputRow>;
export type TModelOutputRecord = TModelOutput & { line: number };

/**
 * Parses a model outputs file: `conversation_id`, `turn_id`, the output text in the first present
 * of `generation`, `output`, `response`, and an optional `system` label. Same error style as rows.
 */
export function parseModelOutputs(text: string, format: TImportFormat): TModelOutputRecord[] {
  return parseAll(text, format, ZModelOutputRow);
}

export type TImportItem = {
  /** `${conversation_id}:${turn_id}` */
  externalId: string;
  conversationId: string;
  turnId: number;
  topic: string;
  split: string | null;
  history: { role: "user" | "assistant"; content: string; audioFile: string | null }[];
  userUtterance: string;
  audioPath: string | null;
  /** Model outputs first (in order of first appearance of each system), then the expert reply. */
  candidates: { system: string; text: string }[];
};

export type TJoinOptions = { generatedSystem: string; expertSystem?: string; includeFiller?: boolean };

const keyOf = (conversationId: string, turnId: number) => `${conversationId}:${turnId}`;

/**
 * Pairs each MixAssist row's expert reply with the model output(s) for the same conversation_id +
 * turn_id. Outputs without a `system` column are labelled `generatedSystem`; when outputs carry
 * several systems, every row needs one output per system. Filler rows (has_content false) are
 * skipped unless `includeFiller`. Missing, orphaned or duplicate keys throw one ImportError with
 * every problem; line numbers are those of `rows` ("rows") or `outputs` ("outputs") as parsed.
 */
export function joinPairwiseItems(
  rows: (TMixAssistRow & { line?: number })[],
  outputs: (TModelOutput & { line?: number })[],
  { generatedSystem, expertSystem = "expert", includeFiller = false }: TJoinOptions,
): TImportItem[] {
  const issues: TImportIssue[] = [];
  const rowLine = (i: number) => rows[i].line ?? i + 1;
  const outLine = (i: number) => outputs[i].line ?? i + 1;

  const rowByKey = new Map<string, number>();
  rows.forEach((row, i) => {
    const key = keyOf(row.conversation_id, row.turn_id);
    const first = rowByKey.get(key);
    if (first !== undefined) {
      issues.push({ file: "rows", line: rowLine(i), field: "", message: `duplicate row for ${row.conversation_id} turn ${row.turn_id} (first on line ${rowLine(first)})` });
    } else rowByKey.set(key, i);
  });

  const systems: string[] = [];
  const outputByKey = new Map<string, Map<string, number>>();
  outputs.forEach((out, i) => {
    const system = out.system ?? generatedSystem;
    if (system === expertSystem) {
      issues.push({ file: "outputs", line: outLine(i), field: "system", message: `"${expertSystem}" is the label of the expert reply; use another system name` });
      return;
    }
    if (!systems.includes(system)) systems.push(system);
    const key = keyOf(out.conversationId, out.turnId);
    const bySystem = outputByKey.get(key) ?? new Map<string, number>();
    const first = bySystem.get(system);
    if (first !== undefined) {
      issues.push({ file: "outputs", line: outLine(i), field: "", message: `duplicate output of ${system} for ${out.conversationId} turn ${out.turnId} (first on line ${outLine(first)})` });
      return;
    }
    bySystem.set(system, i);
    outputByKey.set(key, bySystem);
    if (!rowByKey.has(key)) {
      issues.push({ file: "outputs", line: outLine(i), field: "", message: `no MixAssist row for ${out.conversationId} turn ${out.turnId}` });
    }
  });

  const items: TImportItem[] = [];
  rows.forEach((row, i) => {
    const key = keyOf(row.conversation_id, row.turn_id);
    if (rowByKey.get(key) !== i) return; // a duplicate, already reported
    if (!row.has_content && !includeFiller) return;
    const bySystem = outputByKey.get(key);
    const missing = systems.length === 0 ? [generatedSystem] : systems.filter((s) => !bySystem?.has(s));
    for (const s of missing) {
      const which = systems.length > 1 ? ` (${s})` : "";
      issues.push({ file: "rows", line: rowLine(i), field: "", message: `no model output${which} for ${row.conversation_id} turn ${row.turn_id}` });
    }
    if (row.has_content && row.assistant.trim() === "") {
      issues.push({ file: "rows", line: rowLine(i), field: "assistant", message: "the expert reply is empty" });
    }
    if (missing.length > 0 || !bySystem) return;
    items.push({
      externalId: key,
      conversationId: row.conversation_id,
      turnId: row.turn_id,
      topic: row.topic,
      split: row.split ?? null,
      history: row.input_history.map((h) => ({ role: h.role, content: h.content, audioFile: h.audio_file })),
      userUtterance: row.user,
      audioPath: row.audio_file,
      candidates: [
        ...systems.map((s) => ({ system: s, text: outputs[bySystem.get(s)!].text })),
        { system: expertSystem, text: row.assistant },
      ],
    });
  });

  if (issues.length > 0) throw new ImportError(issues);
  return items;
}
