// A result table as plain data, and its CSV, Markdown and LaTeX (booktabs) renderings.
import { stringify } from "csv-stringify/sync";

/** One cell, already formatted by the table builder (numbers and strings render as given). */
export type TCell = string | number | null;

/** `rows[i][j]` is the cell under `columns[j]`; `notes` are footnotes (statistics in plain words, provenance): Markdown paragraphs, LaTeX small type, CSV comment rows. */
export interface ResultTable {
  id: string;
  title: string;
  columns: string[];
  rows: TCell[][];
  notes?: string[];
}

export type TTableFormat = "csv" | "md" | "tex";

const text = (c: TCell): string => (c === null ? "" : String(c));

/**
 * RFC 4180 CSV: header then rows, CRLF line ends; quoting also forced for bare \n or \r. Each
 * note follows the table as a comment row "# note" (pandas `comment="#"`, R `comment.char = "#"`).
 */
export function toCsv(t: ResultTable): string {
  const body = stringify([t.columns, ...t.rows.map((r) => r.map(text))], {
    record_delimiter: "windows",
    quoted_match: /[\r\n]/,
  });
  return body + (t.notes ?? []).map((n) => `# ${n.replace(/\s*\r?\n\s*/g, " ")}\r\n`).join("");
}

const mdCell = (c: TCell) => text(c).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

/** GitHub pipe table; with `heading`, a `### title` line and a blank line come first. */
export function toMarkdown(t: ResultTable, opts: { heading?: boolean } = {}): string {
  const line = (cells: TCell[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  const out = [
    ...(opts.heading ? [`### ${t.title}`, ""] : []),
    line(t.columns),
    `|${t.columns.map(() => "---").join("|")}|`,
    ...t.rows.map(line),
  ];
  for (const note of t.notes ?? []) out.push("", note);
  return `${out.join("\n")}\n`;
}

const TEX_ESCAPES: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/**
 * Escapes LaTeX's special characters in one pass (so inserted backslashes are not re-escaped);
 * line breaks become spaces, since a blank line inside a tabular cell is an error.
 */
export const texEscape = (s: string): string =>
  s.replace(/[\\&%$#_{}~^]/g, (ch) => TEX_ESCAPES[ch]).replace(/\s*\r?\n\s*/g, " ");

/** booktabs table: first column left-aligned, the rest right-aligned; notes in small type below. */
export function toLatex(t: ResultTable): string {
  const line = (cells: TCell[]) => `${cells.map((c) => texEscape(text(c))).join(" & ")} \\\\`;
  const out = [
    "\\begin{table}[ht]",
    "\\centering",
    `\\caption{${texEscape(t.title)}}`,
    `\\label{tab:${t.id}}`,
    `\\begin{tabular}{${t.columns.map((_, i) => (i === 0 ? "l" : "r")).join("")}}`,
    "\\toprule",
    line(t.columns),
    "\\midrule",
    ...t.rows.map(line),
    "\\bottomrule",
    "\\end{tabular}",
  ];
  if (t.notes?.length) out.push("\\par\\smallskip\\footnotesize", ...t.notes.map((n) => `${texEscape(n)}\\par`));
  out.push("\\end{table}");
  return `${out.join("\n")}\n`;
}

/** The body, Content-Type and file extension (no dot) for a download of `t` in `format`. */
export function renderTable(
  t: ResultTable,
  format: TTableFormat,
): { body: string; contentType: string; extension: string } {
  switch (format) {
    case "csv":
      return { body: toCsv(t), contentType: "text/csv; charset=utf-8", extension: "csv" };
    case "md":
      return { body: toMarkdown(t, { heading: true }), contentType: "text/markdown; charset=utf-8", extension: "md" };
    case "tex":
      return { body: toLatex(t), contentType: "application/x-tex; charset=utf-8", extension: "tex" };
  }
}
