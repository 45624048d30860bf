"use client";
// Grouped bar chart of counts (e.g. preference by expertise) drawn from the same rows a results table exports.

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface CountsBarChartSeries {
  key: string;
  label: string;
}

export interface CountsBarChartProps {
  /** One object per group on the x axis, e.g. { expertise: "Amateur", generated: 3, human: 4 }. */
  data: Record<string, string | number>[];
  xKey: string;
  series: CountsBarChartSeries[];
  height?: number;
  /** Accessible name of the chart, e.g. "Human preference by expertise". */
  ariaLabel?: string;
}

// Okabe–Ito palette: distinguishable with the common forms of colour blindness.
const COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

export function CountsBarChart({ data, xKey, series, height = 320, ariaLabel }: CountsBarChartProps) {
  return (
    <div className="ms-chart" role="figure" aria-label={ariaLabel} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={xKey} />
          <YAxis allowDecimals={false} />
          <Tooltip cursor={{ fillOpacity: 0.15 }} />
          <Legend />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
