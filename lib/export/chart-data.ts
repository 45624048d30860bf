// Turns a computed table into bar-chart data, so the results page charts exactly the numbers it shows.
import type { ResultTable, TCell } from "./table";

export interface TChartData {
  data: Record<string, string | number>[];
  xKey: string;
  series: { key: string; label: string }[];
}

/** The number a cell shows: 40, "40.0", "50.4%", or the count in "126 (50.4%)". Null when there is none. */
export function cellNumber(c: TCell): number | null {
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c !== "string") return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)/.exec(c);
  return m ? Number(m[1]) : null;
}

/** Bars per row (x = first column), one series per named column. */
export function chartByRows(t: ResultTable, columns: string[]): TChartData {
  const idx = columns.map((c) => t.columns.indexOf(c)).filter((i) => i > 0);
  return {
    xKey: "x",
    series: idx.map((i) => ({ key: `c${i}`, label: t.columns[i] })),
    data: t.rows.map((r) => Object.fromEntries([["x", String(r[0] ?? "")], ...idx.map((i) => [`c${i}`, cellNumber(r[i]) ?? 0])])),
  };
}

/** Bars per column (x = column header) for the named rows: for tables whose columns are systems. */
export function chartByColumns(t: ResultTable, rowLabels: string[]): TChartData {
  const rows = t.rows.filter((r) => rowLabels.includes(String(r[0])));
  return {
    xKey: "x",
    series: rows.map((r, k) => ({ key: `r${k}`, label: String(r[0]) })),
    data: t.columns.slice(1).map((col, j) => Object.fromEntries([["x", col], ...rows.map((r, k) => [`r${k}`, cellNumber(r[j + 1]) ?? 0])])),
  };
}
