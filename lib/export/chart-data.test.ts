import { describe, expect, it } from "vitest";
import { cellNumber, chartByColumns, chartByRows } from "./chart-data";
import type { ResultTable } from "./table";

const t: ResultTable = {
  id: "t",
  title: "T",
  columns: ["Metric", "Qwen", "LTU"],
  rows: [
    ["Avg. Rank", "1.59", "1.70"],
    ["Times Ranked #1", "126 (50.4%)", "111 (44.4%)"],
  ],
};

describe("chart data", () => {
  it("reads the number a cell shows", () => {
    expect([cellNumber(40), cellNumber("40.0"), cellNumber("50.4%"), cellNumber("126 (50.4%)"), cellNumber("—"), cellNumber(null)]).toEqual([40, 40, 50.4, 126, null, null]);
  });
  it("charts rows by named columns", () => {
    expect(chartByRows(t, ["Qwen"])).toEqual({ xKey: "x", series: [{ key: "c1", label: "Qwen" }], data: [{ x: "Avg. Rank", c1: 1.59 }, { x: "Times Ranked #1", c1: 126 }] });
  });
  it("charts columns for named rows", () => {
    expect(chartByColumns(t, ["Avg. Rank"]).data).toEqual([{ x: "Qwen", r0: 1.59 }, { x: "LTU", r0: 1.7 }]);
  });
});
