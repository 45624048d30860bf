import { describe, expect, it } from "vitest";
import { toMarkdown } from "@/lib/export/table";
import { table11, table11Counts, table3, table3Counts, type TExpertise, type TPreferenceAnswer, type TPairwiseJudgmentRow } from "./tables";

/** `participants` people of one expertise give the answer counts, dealt round-robin among them. */
function group(prefix: string, expertise: TExpertise | null, participants: number, counts: [number, number, number, number]) {
  const answers: TPreferenceAnswer[] = ["generated_better", "human_better", "both_good", "both_bad"];
  const out: TPairwiseJudgmentRow[] = [];
  answers.forEach((answer, a) => {
    for (let i = 0; i < counts[a]; i++) out.push({ participantId: `${prefix}${out.length % participants}`, expertise, answer });
  });
  return out;
}

// The paper's pairwise study: 10 participants, 100 judgments (Tables 3 and 11).
const paper = [
  ...group("am", "Amateur", 1, [3, 4, 2, 1]),
  ...group("in", "Intermediate", 7, [29, 24, 4, 13]),
  ...group("ex", "Expert", 2, [8, 5, 6, 1]),
];

describe("table3", () => {
  it("reproduces the paper's Table 3 (40/33/12/15 of 100)", () => {
    const t = table3(paper);
    expect(t.id).toBe("table3");
    expect(t.title).toBe("Table 3 — Human preference, generated vs expert");
    expect(t.columns).toEqual(["Preference", "Count (N=100)", "%"]);
    expect(t.rows).toEqual([
      ["Generated Better", 40, "40.0"],
      ["Human Better", 33, "33.0"],
      ["Both Good", 12, "12.0"],
      ["Both Bad", 15, "15.0"],
    ]);
  });

  it("renders to the Markdown of SPEC §4", () => {
    expect(toMarkdown(table3(paper))).toBe(
      [
        "| Preference | Count (N=100) | % |",
        "|---|---|---|",
        "| Generated Better | 40 | 40.0 |",
        "| Human Better | 33 | 33.0 |",
        "| Both Good | 12 | 12.0 |",
        "| Both Bad | 15 | 15.0 |",
        "",
      ].join("\n"),
    );
  });

  it("shows 0.0 with no judgments, and one decimal for uneven shares", () => {
    expect(table3([]).rows).toEqual([
      ["Generated Better", 0, "0.0"],
      ["Human Better", 0, "0.0"],
      ["Both Good", 0, "0.0"],
      ["Both Bad", 0, "0.0"],
    ]);
    const three = group("p", "Expert", 1, [2, 1, 0, 0]);
    expect(table3(three).rows.map((r) => r[2])).toEqual(["66.7", "33.3", "0.0", "0.0"]);
    expect(table3(three).columns[1]).toBe("Count (N=3)");
  });

  it("table3Counts gives chart data with numeric percentages", () => {
    expect(table3Counts(paper)).toEqual([
      { answer: "generated_better", label: "Generated Better", count: 40, pct: 40 },
      { answer: "human_better", label: "Human Better", count: 33, pct: 33 },
      { answer: "both_good", label: "Both Good", count: 12, pct: 12 },
      { answer: "both_bad", label: "Both Bad", count: 15, pct: 15 },
    ]);
  });
});

describe("table11", () => {
  it("reproduces the paper's Table 11", () => {
    const t = table11(paper);
    expect(t.id).toBe("table11");
    expect(t.columns).toEqual(["Expertise", "N", "Generated", "Human", "Both Good", "Both Bad"]);
    expect(t.rows).toEqual([
      ["Amateur", 1, 3, 4, 2, 1],
      ["Intermediate", 7, 29, 24, 4, 13],
      ["Expert", 2, 8, 5, 6, 1],
    ]);
  });

  it("adds a Not given row only when some expertise is missing, and keeps empty groups at 0", () => {
    const js = [...group("x", null, 2, [1, 0, 0, 1]), ...group("e", "Expert", 1, [0, 1, 0, 0])];
    expect(table11(js).rows).toEqual([
      ["Amateur", 0, 0, 0, 0, 0],
      ["Intermediate", 0, 0, 0, 0, 0],
      ["Expert", 1, 0, 1, 0, 0],
      ["Not given", 2, 1, 0, 0, 1],
    ]);
  });

  it("table11Counts counts distinct participants, not judgments", () => {
    const g = table11Counts(paper).find((r) => r.expertise === "Intermediate")!;
    expect(g).toEqual({ expertise: "Intermediate", n: 7, counts: { generated_better: 29, human_better: 24, both_good: 4, both_bad: 13 } });
  });
});
