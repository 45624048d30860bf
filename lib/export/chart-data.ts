// Turns a computed table into bar-chart data, so the results page charts exactly the numbers it shows.
import type { ResultTable, TCell } from "./table";

export interface TChartData {
  /**
   * "bar" (the default when absent): grouped bars, one per series. "diverging": a Likert chart, one
   * horizontal stacked bar per row, `series` the scale points low → high with values in % of the row's
   * answers (summing to 100); points below `midpoint` stack left of zero, points above it right, and the
   * midpoint itself (odd scales) is split half each side.
   */
  kind?: "bar" | "diverging";
  data: Record<string, string | number>[];
  xKey: string;
  series: { key: string; label: string }[];
  /** Diverging only: the neutral scale point (3 on a 5-point scale, 4 on a 7-point one). */
  midpoint?: number;
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

/**
 * A diverging Likert chart from a table with the Likert layout (System, Criterion, n, …, then one count
 * column per point "1".."k"): one row per (system, criterion) of the given points, counts turned into
 * % of the row's n (one decimal). Rows of criteria with other point counts are left out.
 */
export function chartDiverging(t: ResultTable, points: number, labels: { low: string; high: string } = { low: "lowest", high: "highest" }): TChartData {
  const first = t.columns.indexOf("1");
  const nCol = t.columns.indexOf("n");
  const keyCols = t.columns.slice(0, t.columns.indexOf("n")).length;
  const rows = t.rows.filter((r) => r[first + points - 1] !== null && (points === t.columns.length - first || r[first + points] === null));
  return {
    kind: "diverging",
    xKey: "x",
    midpoint: (points + 1) / 2,
    series: Array.from({ length: points }, (_, k) => ({
      key: `p${k + 1}`,
      label: k === 0 ? `1 — ${labels.low}` : k === points - 1 ? `${points} — ${labels.high}` : String(k + 1),
    })),
    data: rows.map((r) => {
      const n = cellNumber(r[nCol]) ?? 0;
      return Object.fromEntries([
        ["x", r.slice(0, keyCols).map((c) => String(c ?? "")).join(" — ")],
        ...Array.from({ length: points }, (_, k) => [`p${k + 1}`, n === 0 ? 0 : Math.round(((cellNumber(r[first + k]) ?? 0) * 1000) / n) / 10]),
      ]);
    }),
  };
}

/**
 * Grouped bars from a long table whose first column is the group (e.g. System) and second the series
 * (e.g. Criterion or Measure): one x per distinct first-column value, one bar per distinct second-column
 * value, the height taken from `valueColumn`.
 */
export function chartPivot(t: ResultTable, valueColumn: string): TChartData {
  const v = t.columns.indexOf(valueColumn);
  const xs = [...new Set(t.rows.map((r) => String(r[0] ?? "")))];
  const names = [...new Set(t.rows.map((r) => String(r[1] ?? "")))];
  return {
    xKey: "x",
    series: names.map((label, k) => ({ key: `s${k}`, label })),
    data: xs.map((x) =>
      Object.fromEntries([
        ["x", x],
        ...names.map((n, k) => [`s${k}`, cellNumber(t.rows.find((r) => String(r[0]) === x && String(r[1]) === n)?.[v] ?? null) ?? 0]),
      ]),
    ),
  };
}
