"use client";
// Diverging stacked bars for Likert ratings: the low points extend left of zero, the high points right,
// and an odd scale's middle point straddles zero (half each side). Percentages of each row's n.

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TDivergingRow {
  /** The bar's name, e.g. "Mixing Buddy — Effectiveness". */
  label: string;
  /** percents[k] = share of the row's ratings at scale point k + 1, in % (summing to 100, or all 0 for no ratings). */
  percents: number[];
}

export interface DivergingBarChartProps {
  rows: TDivergingRow[];
  /** The scale points' names, low to high (e.g. "1 — Not effective", "2", …, "5 — Very effective"). */
  pointLabels: string[];
  /** Accessible name of the chart. */
  ariaLabel: string;
}

// Colour-blind-safe diverging palettes (ColorBrewer RdBu with a grey middle), low → high.
const PALETTES: Record<number, string[]> = {
  2: ["#ca0020", "#0571b0"],
  3: ["#ca0020", "#bababa", "#0571b0"],
  4: ["#ca0020", "#f4a582", "#92c5de", "#0571b0"],
  5: ["#ca0020", "#f4a582", "#bababa", "#92c5de", "#0571b0"],
  6: ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"],
  7: ["#b2182b", "#ef8a62", "#fddbc7", "#bababa", "#d1e5f0", "#67a9cf", "#2166ac"],
};

function paletteFor(points: number): string[] {
  return PALETTES[points] ?? Array.from({ length: points }, (_, i) => (i < points / 2 ? "#ca0020" : "#0571b0"));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** One series segment: which point, and on which side of zero (a middle point has two halves). */
interface TSegment {
  key: string;
  point: number;
  side: "low" | "high";
  half: boolean;
}

/**
 * Stacking order per side runs outward from zero: recharts' "sign" offset stacks negative values
 * leftwards in series order, so the low side lists the middle half first, then 2, then 1.
 */
function segmentsFor(points: number): TSegment[] {
  const middle = points % 2 === 1 ? (points + 1) / 2 : null;
  const lowTop = Math.floor(points / 2);
  const segments: TSegment[] = [];
  if (middle) segments.push({ key: `p${middle}lo`, point: middle, side: "low", half: true });
  for (let p = lowTop; p >= 1; p--) segments.push({ key: `p${p}`, point: p, side: "low", half: false });
  if (middle) segments.push({ key: `p${middle}hi`, point: middle, side: "high", half: true });
  for (let p = points - lowTop + 1; p <= points; p++) segments.push({ key: `p${p}`, point: p, side: "high", half: false });
  return segments;
}

/** Plain-words summary per row for screen readers: share low, middle, high. */
function summary(row: TDivergingRow): string {
  const points = row.percents.length;
  const lowTop = Math.floor(points / 2);
  const sum = (xs: number[]) => xs.reduce((s, c) => s + c, 0);
  const parts = [`${round1(sum(row.percents.slice(0, lowTop))).toFixed(1)}% low (1–${lowTop})`];
  if (points % 2 === 1) parts.push(`${round1(row.percents[lowTop] ?? 0).toFixed(1)}% middle (${lowTop + 1})`);
  parts.push(`${round1(sum(row.percents.slice(points - lowTop))).toFixed(1)}% high (${points - lowTop + 1}–${points})`);
  return `${row.label}: ${parts.join(", ")}.`;
}

type TEntry = { label: string; percents: number[] } & Record<string, string | number | number[]>;

/** One bar's share per point (the middle point whole, not as its two halves). */
function RowTooltip({ active, entry, pointLabels }: { active?: boolean; entry?: TEntry; pointLabels: string[] }) {
  if (!active || !entry) return null;
  return (
    <div className="ms-diverging__tooltip">
      <p>
        <strong>{entry.label}</strong>
      </p>
      <ul>
        {pointLabels.map((l, i) => (
          <li key={l}>
            {l}: {round1(entry.percents[i] ?? 0).toFixed(1)}%
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Roughly how wide a 12 px label needs to be to wrap into at most two lines. */
const labelWidth = (labels: string[]) => Math.max(90, Math.min(260, Math.ceil(Math.max(0, ...labels.map((l) => l.length)) * 5)));

export function DivergingBarChart({ rows: allRows, pointLabels, ariaLabel }: DivergingBarChartProps) {
  // A group without ratings (e.g. an expertise nobody had) has no bar to draw: leave it out of the chart.
  const rows = allRows.filter((r) => r.percents.some((x) => x > 0));
  const empty = allRows.length - rows.length;
  const [width, setWidth] = useState(0);
  const points = pointLabels.length;
  const colors = paletteFor(points);
  const segments = segmentsFor(points);
  const data = rows.map((row) => {
    const entry: TEntry = { label: row.label, percents: row.percents };
    for (const s of segments) {
      const share = (row.percents[s.point - 1] ?? 0) / (s.half ? 2 : 1);
      entry[s.key] = s.side === "low" ? -share : share;
    }
    return entry;
  });
  // Round the axis to the widest side, in steps of 25%, so the zero line sits in the middle.
  const widest = Math.max(
    25,
    ...data.map((d) => Math.max(...(["low", "high"] as const).map((side) => segments.filter((s) => s.side === side).reduce((t, s) => t + Math.abs(Number(d[s.key])), 0)))),
  );
  const limit = Math.min(100, Math.ceil(widest / 25) * 25);
  const ticks = Array.from({ length: (2 * limit) / 25 + 1 }, (_, i) => -limit + i * 25);
  const height = 56 + rows.length * 44;
  // The labels take what they need, but never more than 40% of a narrow chart.
  const yWidth = width > 0 ? Math.min(labelWidth(rows.map((r) => r.label)), Math.round(width * 0.4)) : labelWidth(rows.map((r) => r.label));

  if (rows.length === 0) return null;
  return (
    <figure className="ms-chart ms-diverging" aria-label={ariaLabel}>
      <div style={{ height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" onResize={(w) => setWidth(w)}>
          <BarChart data={data} layout="vertical" stackOffset="sign" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} barCategoryGap="22%">
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[-limit, limit]} ticks={ticks} tickFormatter={(v: number) => `${Math.abs(v)}%`} />
            <YAxis type="category" dataKey="label" width={yWidth} tick={{ fontSize: 12 }} interval={0} />
            <ReferenceLine x={0} stroke="#1d1d1f" />
            <Tooltip content={(props) => <RowTooltip active={props.active} entry={props.payload?.[0]?.payload as TEntry | undefined} pointLabels={pointLabels} />} cursor={{ fillOpacity: 0.1 }} />
            {segments.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                stackId="likert"
                name={`${pointLabels[s.point - 1]}${s.half ? " (half)" : ""}`}
                fill={colors[s.point - 1]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="ms-diverging__legend" aria-hidden="true">
        {pointLabels.map((l, i) => (
          <li key={l}>
            <span className="ms-diverging__swatch" style={{ background: colors[i] }} />
            {l}
          </li>
        ))}
      </ul>
      {empty > 0 ? (
        <p className="ms-muted ms-diverging__note" aria-hidden="true">
          {empty} {empty === 1 ? "row has" : "rows have"} no ratings and {empty === 1 ? "is" : "are"} not drawn.
        </p>
      ) : null}
      <figcaption className="ms-visually-hidden">
        {ariaLabel}. Share of ratings at each scale point; the middle point is split across zero. {rows.map(summary).join(" ")}
        {empty > 0 ? ` ${empty} ${empty === 1 ? "row has" : "rows have"} no ratings and ${empty === 1 ? "is" : "are"} not drawn.` : ""}
      </figcaption>
    </figure>
  );
}
