// The one error an import throws: every bad row it found, each with its line and field.
import type { z } from "zod";

export type TImportIssue = {
  /** 1-based line in the source file where the row starts (0 when the problem is not tied to a line). */
  line: number;
  /** Column or JSON path, e.g. "turn_id" or "input_history[2].role"; "" when the whole row is at fault. */
  field: string;
  message: string;
  /** Which file the line refers to when an import spans several ("rows", "outputs"). */
  file?: string;
};

/** Renders one issue as `line 7, field "turn_id": expected an integer`. */
export function formatIssue({ line, field, message, file }: TImportIssue): string {
  const where = `${file ? `${file} ` : ""}line ${line}`;
  return field ? `${where}, field "${field}": ${message}` : `${where}: ${message}`;
}

const MAX_LISTED = 20;

export class ImportError extends Error {
  readonly issues: TImportIssue[];

  constructor(issues: TImportIssue[]) {
    const sorted = [...issues].sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || a.line - b.line);
    const listed = sorted.slice(0, MAX_LISTED).map(formatIssue);
    if (sorted.length > MAX_LISTED) listed.push(`… and ${sorted.length - MAX_LISTED} more`);
    super(listed.join("\n"));
    this.name = "ImportError";
    this.issues = sorted;
  }
}

/** Turns a zod path like ["input_history", 2, "role"] into "input_history[2].role". */
export function fieldFromPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`))
    .join("");
}

/** Converts a failed zod parse of the row at `line` into import issues. */
export function issuesFromZod(error: z.ZodError, line: number, file?: string): TImportIssue[] {
  return error.issues.map((iss) => ({ line, field: fieldFromPath(iss.path), message: iss.message, ...(file ? { file } : {}) }));
}
