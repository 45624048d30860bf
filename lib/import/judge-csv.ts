// Imports the judge CSV of the MixAssist evaluation code as is: a prompt, optional ids and ground truth, one `<system>_generation` column per system.
import { parse as parseCsv, CsvError } from "csv-parse/sync";
import { ImportError, type TImportIssue } from "./errors";
import type { TImportItem } from "./mixassist";
import { readRecords } from "./read-records";

export type TJudgeCsvOptions = {
  /** System name under which `ground_truth` joins the candidates; by default it is kept only as ground truth. */
  includeGroundTruthAs?: string;
};

/** An import item that also keeps the row's ground truth (null when the column is absent). */
/** line: where the row starts in the file, for errors found later (e.g. its audio file). */
export type TJudgeCsvItem = TImportItem & { groundTruth: string | null; line: number };

export type TJudgeCsvResult = {
  /** System names in column order (`qwen_generation` → `qwen`), then `includeGroundTruthAs` if set. */
  systems: string[];
  items: TJudgeCsvItem[];
};

const GENERATION_SUFFIX = "_generation";
const MIN_SYSTEMS = 2;

/** "3" and pandas' "3.0" are integers; anything else is not. */
const INTEGER_CELL = /^\s*-?\d+(\.0*)?\s*$/;

const cell = (record: Record<string, unknown>, column: string): string | undefined => {
  const v = record[column];
  return typeof v === "string" ? v : undefined;
};
const isBlank = (s: string | undefined) => s === undefined || s.trim() === "";

/**
 * Parses a judge CSV into listwise items, one candidate per `<system>_generation` column (column
 * order), plus `ground_truth` as system `includeGroundTruthAs` when asked. `externalId` is
 * `${conversation_id}:${turn_id}` when both are given, else `row-${line}`. An `audio_file` column,
 * if present, becomes the item's audio path. Unknown columns (pandas' index column, etc.) are
 * ignored. All-or-nothing: every problem (line + field) goes into one ImportError.
 */
export function parseJudgeCsv(text: string, { includeGroundTruthAs }: TJudgeCsvOptions = {}): TJudgeCsvResult {
  const header = readHeader(text);
  if ("issue" in header) throw new ImportError([header.issue]);
  const columns = header.columns;
  const issues: TImportIssue[] = [];

  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) issues.push({ line: 1, field: c, message: "this column appears more than once" });
    seen.add(c);
  }
  if (!columns.includes("prompt")) {
    issues.push({ line: 1, field: "prompt", message: "the judge CSV needs a prompt column" });
  }

  const generationColumns = columns.filter((c) => c.endsWith(GENERATION_SUFFIX));
  const namedColumns = generationColumns.filter((c) => c.length > GENERATION_SUFFIX.length);
  for (const c of generationColumns) {
    if (!namedColumns.includes(c)) issues.push({ line: 1, field: c, message: `a generation column needs a system name before "${GENERATION_SUFFIX}"` });
  }
  const systemColumns = [...new Map(namedColumns.map((c) => [c.slice(0, -GENERATION_SUFFIX.length), c])).entries()];
  const systems = systemColumns.map(([system]) => system);

  const hasGroundTruth = columns.includes("ground_truth");
  if (includeGroundTruthAs !== undefined) {
    if (includeGroundTruthAs.trim() === "") {
      issues.push({ line: 0, field: "", message: "includeGroundTruthAs needs a system name" });
    } else if (!hasGroundTruth) {
      issues.push({ line: 1, field: "ground_truth", message: `no ground_truth column to include as system "${includeGroundTruthAs}"` });
    } else if (systems.includes(includeGroundTruthAs)) {
      issues.push({ line: 1, field: "ground_truth", message: `"${includeGroundTruthAs}" is already the system of column ${includeGroundTruthAs}${GENERATION_SUFFIX}; include the ground truth under another name` });
    } else {
      systems.push(includeGroundTruthAs);
    }
  }
  // The ground truth counts as a candidate when it is included: one model against the reference is a valid pairwise study.
  if (systems.length < MIN_SYSTEMS) {
    const found =
      namedColumns.length === 0
        ? `no <system>${GENERATION_SUFFIX} columns (found: ${columns.map((c) => c || '""').join(", ") || "none"})`
        : `only one system (${namedColumns[0]}${systems.length > namedColumns.length ? ` and ground_truth as "${includeGroundTruthAs}"` : ""})`;
    issues.push({ line: 1, field: "", message: `${found}; a listwise study needs at least ${MIN_SYSTEMS}` });
  }

  const { records, issues: readIssues } = readRecords(text, "csv");
  issues.push(...readIssues);
  if (readIssues.length === 0 && records.length === 0) {
    issues.push({ line: 2, field: "", message: "the judge CSV has no rows after the header" });
  }

  const items: TJudgeCsvItem[] = [];
  const firstLineByKey = new Map<string, number>();
  for (const { line, record } of records) {
    const rowIssues: TImportIssue[] = [];
    const prompt = cell(record, "prompt");
    if (columns.includes("prompt") && isBlank(prompt)) rowIssues.push({ line, field: "prompt", message: "required (empty)" });

    const candidates: TImportItem["candidates"] = [];
    for (const [system, column] of systemColumns) {
      const text = cell(record, column);
      if (isBlank(text)) rowIssues.push({ line, field: column, message: `the ${system} generation is empty` });
      else candidates.push({ system, text: text! });
    }
    const groundTruth = hasGroundTruth && !isBlank(cell(record, "ground_truth")) ? cell(record, "ground_truth")! : null;
    if (includeGroundTruthAs && systems.includes(includeGroundTruthAs)) {
      if (groundTruth === null) rowIssues.push({ line, field: "ground_truth", message: `required (empty) when included as system "${includeGroundTruthAs}"` });
      else candidates.push({ system: includeGroundTruthAs, text: groundTruth });
    }

    const conversationId = cell(record, "conversation_id")?.trim() || null;
    const turnCell = cell(record, "turn_id");
    let turnId: number | null = null;
    if (!isBlank(turnCell)) {
      if (!INTEGER_CELL.test(turnCell!) || Number(turnCell) < 0) {
        rowIssues.push({ line, field: "turn_id", message: `expected an integer ≥ 0, got "${turnCell!.trim()}"` });
      } else turnId = Number(turnCell);
    }

    let externalId = `row-${line}`;
    if (conversationId !== null && turnId !== null) {
      externalId = `${conversationId}:${turnId}`;
      const first = firstLineByKey.get(externalId);
      if (first !== undefined) {
        rowIssues.push({ line, field: "", message: `duplicate row for ${conversationId} turn ${turnId} (first on line ${first})` });
      } else firstLineByKey.set(externalId, line);
    }

    if (rowIssues.length > 0 || issues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    items.push({
      externalId,
      // Rows without ids stand alone; their own id keeps them from grouping into one conversation.
      conversationId: conversationId ?? externalId,
      turnId: turnId ?? 0,
      topic: cell(record, "topic")?.trim() ?? "",
      split: null,
      history: [],
      userUtterance: prompt!,
      audioPath: cell(record, "audio_file")?.trim() || null,
      candidates,
      groundTruth,
      line,
    });
  }

  if (issues.length > 0) throw new ImportError(issues);
  return { systems, items };
}

/** The header row's column names, read on their own so a file with no data rows still reports its columns. */
function readHeader(text: string): { columns: string[] } | { issue: TImportIssue } {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let rows: string[][];
  try {
    rows = parseCsv(clean, { to: 1, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    if (e instanceof CsvError) return { issue: { line: 1, field: "", message: `invalid CSV header: ${e.message}` } };
    throw e;
  }
  if (rows.length === 0) return { issue: { line: 1, field: "prompt", message: "the judge CSV needs a prompt column" } };
  return { columns: rows[0] };
}
