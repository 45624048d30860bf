import { describe, expect, it } from "vitest";
import { renderTable } from "@/lib/export/table";
import type { TJudgmentExportRow } from "../judgments-csv";
import { exportStudy } from "../export";
import { mapRatingAnswer } from "./answer";
import { ratingMode } from "./mode";
import { testRatingConfig } from "./test-config";

const config = testRatingConfig();
type R = { effectiveness: number; specific: string; direction: string; magnitude?: string };

/** Builds export rows through the real answer mapping, so tables read what the API stores. */
function judgment(participantId: string, expertise: string, itemId: string, gain: number, order: string[], bySystem: Record<string, R>): TJudgmentExportRow {
  const ratings = Object.fromEntries(order.map((s, i) => [String.fromCharCode(65 + i), bySystem[s]]));
  const m = mapRatingAnswer({ ratings, feedback: { A: `note on ${itemId}` } }, order, config);
  return {
    studySlug: "t", participantId, prolificPid: null, prolificStudyId: null, prolificSessionId: null, expertise, seed: "s", round: 1,
    itemId, itemExternalId: itemId, conversationId: null, turnId: null, topic: null, systemOrder: order,
    answerPosition: m.answerPosition, answer: m.answer, payload: m.payload, groundTruth: { track: "vocals", gain_db: gain },
    listening: { clips: { Mix: { playedMs: 10000, plays: 1, seeks: 0 }, Bass: { playedMs: 4200, plays: 2, seeks: 1 } } },
    timeOnItemMs: 1000, listenedMs: 14200, shownAt: null, answeredAt: new Date("2026-01-01T00:00:00Z"),
  };
}

// Hand-worked: gains +4 (lower, moderate), −7 (raise, a lot), +2 (lower, slight), −3 (raise, moderate at the edge).
const rows = [
  judgment("p1", "Expert", "i1", 4, ["buddy", "base"], {
    buddy: { effectiveness: 4, specific: "yes", direction: "lower", magnitude: "moderate" },
    base: { effectiveness: 1, specific: "no", direction: "lower", magnitude: "a_lot" },
  }),
  judgment("p1", "Expert", "i2", -7, ["base", "buddy"], {
    buddy: { effectiveness: 5, specific: "yes", direction: "raise", magnitude: "moderate" },
    base: { effectiveness: 2, specific: "no", direction: "lower", magnitude: "a_lot" },
  }),
  judgment("p2", "Amateur", "i3", 2, ["buddy", "base"], {
    buddy: { effectiveness: 3, specific: "no", direction: "raise", magnitude: "slight" },
    base: { effectiveness: 2, specific: "yes", direction: "lower" },
  }),
  judgment("p2", "Amateur", "i4", -3, ["buddy"], { buddy: { effectiveness: 4, specific: "yes", direction: "raise", magnitude: "moderate" } }),
];

describe("rating tables on hand-worked answers", () => {
  it("Likert: n, mean, SD, median and counts per point", () => {
    const t = ratingMode.buildTable("ratings", rows, config);
    expect(t.columns).toEqual(["System", "Criterion", "n", "Mean", "SD", "Median", "Mean 95% CI", "1", "2", "3", "4", "5"]);
    // buddy 4, 5, 3, 4: mean 4, SD √(2/3) = 0.8165, median 4; base 1, 2, 2: mean 1.667, SD √(1/3) = 0.5774, median 2.
    // Mean 95% CI: item bootstrap with the study's seed (recorded; the bounds lie within the items' range 3–5 and 1–2).
    expect(t.rows).toEqual([
      ["Mixing Buddy", "Effectiveness", 4, "4.00", "0.82", "4.00", "3.25–4.75", 0, 0, 1, 2, 1],
      ["Mixing Buddy", "Actionability", 0, "—", "—", "—", "—", 0, 0, 0, 0, 0],
      ["Baseline", "Effectiveness", 3, "1.67", "0.58", "2.00", "1.00–2.00", 1, 2, 0, 0, 0],
      ["Baseline", "Actionability", 0, "—", "—", "—", "—", 0, 0, 0, 0, 0],
    ]);
    // Paired Wilcoxon on items rated for both: i1 4 vs 1, i2 5 vs 2, i3 3 vs 2 —
    // R wilcox.test(c(4, 5, 3), c(1, 2, 2), paired = TRUE): V = 6, p = 0.173568166556 (normal, ties).
    expect(t.notes).toContain(
      "Paired Wilcoxon signed-rank test, Effectiveness, Mixing Buddy vs Baseline on 3 items' mean ratings: V = 6.0, p = 0.17, not significant at 0.05 (Mixing Buddy rated higher on average).",
    );
    expect(t.notes).toContain("Paired Wilcoxon signed-rank test, Actionability, Mixing Buddy vs Baseline: not available (no item rated for both).");
    expect(t.notes).toContain('Mean 95% CI: percentile bootstrap resampling items (1000 resamples, seed "mixstudy").');
    const other = ratingMode.buildTable("ratings", rows, { ...config, statistics: { seed: "other", bootstrapResamples: 1000 } });
    expect(other.rows[0][6]).not.toBe("3.25–4.75");
  });

  it("Likert by expertise (Amateur p2: 3, 4; Expert p1: 4, 5)", () => {
    const t = ratingMode.buildTable("ratings-expertise", rows, config);
    const eff = t.rows.filter((r) => r[2] === "Effectiveness" && r[1] === "Mixing Buddy");
    expect(eff.map((r) => [...r.slice(0, 7), ...r.slice(8)])).toEqual([
      ["Amateur", "Mixing Buddy", "Effectiveness", 2, "3.50", "0.71", "3.50", 0, 0, 1, 1, 0],
      ["Intermediate", "Mixing Buddy", "Effectiveness", 0, "—", "—", "—", 0, 0, 0, 0, 0],
      ["Expert", "Mixing Buddy", "Effectiveness", 2, "4.50", "0.71", "4.50", 0, 0, 0, 1, 1],
    ]);
    expect(eff.map((r) => r[7])).toEqual(["3.00–4.00", "—", "4.00–5.00"]);
  });

  it("binary: % yes with the Wilson 95% interval (3 of 4: 30.1–95.4, R prop.test without correction)", () => {
    const t = ratingMode.buildTable("binary", rows, config);
    expect(t.rows).toEqual([
      ["Mixing Buddy", "Identifies a specific issue", 4, 3, "75.0", "[30.1, 95.4]"],
      ["Baseline", "Identifies a specific issue", 3, 1, "33.3", "[6.1, 79.2]"],
    ]);
  });

  it("direction and magnitude accuracy against the injected error", () => {
    const t = ratingMode.buildTable("accuracy", rows, config);
    // buddy direction: lower✓ raise✓ raise✗(+2 needs lower) raise✓ = 3/4; magnitude: moderate✓(4) moderate✗(7) slight✓(2) moderate✓(3, edge) = 3/4.
    // base direction: lower✓ lower✗ lower✓ = 2/3; magnitude: a_lot✗(4) a_lot✓(7), the third left out = 1/2.
    expect(t.rows.map((r) => r.slice(0, 5))).toEqual([
      ["Mixing Buddy", "Direction accuracy", 4, 3, "75.0"],
      ["Mixing Buddy", "Magnitude accuracy", 4, 3, "75.0"],
      ["Baseline", "Direction accuracy", 3, 2, "66.7"],
      ["Baseline", "Magnitude accuracy", 2, 1, "50.0"],
    ]);
    expect(ratingMode.chart(t)).toEqual({
      xKey: "x",
      series: [{ key: "s0", label: "Direction accuracy" }, { key: "s1", label: "Magnitude accuracy" }],
      data: [{ x: "Mixing Buddy", s0: 75, s1: 75 }, { x: "Baseline", s0: 66.7, s1: 50 }],
    });
    const byExp = ratingMode.buildTable("accuracy-expertise", rows, config);
    expect(byExp.rows.find((r) => r[0] === "Amateur" && r[1] === "Mixing Buddy" && String(r[2]).startsWith("Direction"))?.slice(3, 6)).toEqual([2, 1, "50.0"]);
  });

  it("names a criterion by its short name in tables when it has one", () => {
    const named = testRatingConfig({ criteria: config.criteria.map((c) => (c.id === "specific" ? { ...c, short: "Specific" } : c)) });
    expect(ratingMode.buildTable("binary", rows, named).rows[0].slice(0, 2)).toEqual(["Mixing Buddy", "Specific"]);
  });

  it("lists written feedback per system and item", () => {
    expect(ratingMode.tables(config).map((t) => t.id)).toEqual(["ratings", "ratings-expertise", "binary", "binary-expertise", "categorical", "accuracy", "accuracy-expertise", "agreement", "feedback"]);
    // Feedback was written for position A: buddy in i1, i3, i4; base in i2.
    expect(ratingMode.buildTable("feedback", rows, config).rows).toEqual([
      ["Mixing Buddy", "i1", "Expert", "note on i1"],
      ["Mixing Buddy", "i3", "Amateur", "note on i3"],
      ["Mixing Buddy", "i4", "Amateur", "note on i4"],
      ["Baseline", "i2", "Expert", "note on i2"],
    ]);
  });

  it("categorical counts per option", () => {
    const t = ratingMode.buildTable("categorical", rows, config);
    expect(t.rows.filter((r) => r[0] === "Baseline" && r[1] === "Magnitude")).toEqual([
      // Wilson 95%: R prop.test(0 | 2, 2, correct = FALSE)$conf.int = 0–0.6576198, 0.3423802–1.
      ["Baseline", "Magnitude", "Slightly", 0, "0.0", "[0.0, 65.8]"],
      ["Baseline", "Magnitude", "Moderately", 0, "0.0", "[0.0, 65.8]"],
      ["Baseline", "Magnitude", "A lot", 2, "100.0", "[34.2, 100.0]"],
    ]);
  });

  it("renders to Markdown and LaTeX, and charts Likert counts as a diverging chart in %", () => {
    const t = ratingMode.buildTable("ratings", rows, config);
    expect(renderTable(t, "md").body).toContain("| Mixing Buddy | Effectiveness | 4 | 4.00 | 0.82 | 4.00 | 3.25–4.75 | 0 | 0 | 1 | 2 | 1 |");
    expect(renderTable(t, "tex").body).toContain("Mixing Buddy & Effectiveness & 4 & 4.00 & 0.82 & 4.00 & 3.25–4.75 & 0 & 0 & 1 & 2 & 1 \\\\");
    // The paired test's plain words travel with every format: Markdown and LaTeX notes, CSV comment rows.
    expect(renderTable(t, "md").body).toContain("\n\nPaired Wilcoxon signed-rank test, Effectiveness, Mixing Buddy vs Baseline on 3 items' mean ratings: V = 6.0, p = 0.17");
    expect(renderTable(t, "tex").body).toContain("Paired Wilcoxon signed-rank test, Effectiveness, Mixing Buddy vs Baseline on 3 items' mean ratings: V = 6.0, p = 0.17");
    expect(renderTable(t, "csv").body).toContain("\r\n# Paired Wilcoxon signed-rank test, Effectiveness, Mixing Buddy vs Baseline on 3 items' mean ratings: V = 6.0, p = 0.17");
    const chart = ratingMode.chart(t)!;
    expect(chart.kind).toBe("diverging");
    expect(chart.midpoint).toBe(3);
    expect(chart.data[0]).toEqual({ x: "Mixing Buddy — Effectiveness", p1: 0, p2: 0, p3: 25, p4: 50, p5: 25 });
    expect(chart.data[2]).toEqual({ x: "Baseline — Effectiveness", p1: 33.3, p2: 66.7, p3: 0, p4: 0, p5: 0 });
  });

  it("agreement: Krippendorff's alpha per criterion over responses rated by two or more raters", () => {
    // p3 also rates i1 and i2. Units (item × system) with two answers:
    //   specific (nominal): (i1, buddy) yes/yes, (i1, base) no/yes, (i2, buddy) yes/yes, (i2, base) no/no →
    //   o_yy = 4, o_nn = 2, o_yn = o_ny = 1; n_yes = 5, n_no = 3, n = 8; D_o = 2/8, D_e = 30/56, α = 1 − 14/30 = 0.5333.
    const more = [
      ...rows,
      judgment("p3", "Expert", "i1", 4, ["base", "buddy"], {
        buddy: { effectiveness: 5, specific: "yes", direction: "lower" },
        base: { effectiveness: 1, specific: "yes", direction: "lower" },
      }),
      judgment("p3", "Expert", "i2", -7, ["buddy", "base"], {
        buddy: { effectiveness: 5, specific: "yes", direction: "raise" },
        base: { effectiveness: 3, specific: "no", direction: "raise" },
      }),
    ];
    const t = ratingMode.buildTable("agreement", more, config);
    expect(t.columns).toEqual(["Criterion", "Level", "Responses (2+ raters)", "Answers used", "Krippendorff's α"]);
    const specific = t.rows.find((r) => r[0] === "Identifies a specific issue")!;
    expect(specific).toEqual(["Identifies a specific issue", "nominal", 4, 8, "0.53"]);
    expect(t.rows.find((r) => r[0] === "Effectiveness")?.slice(1, 4)).toEqual(["ordinal", 4, 8]);
    expect(t.rows.find((r) => r[0] === "Actionability")).toEqual(["Actionability", "ordinal", 0, 0, "—"]);
    expect(t.notes).toContain("Identifies a specific issue: Krippendorff's alpha (nominal) = 0.53 over 4 responses rated by 2+ raters (1 = perfect agreement, 0 = chance).");
    expect(t.notes).toContain("Actionability: Krippendorff's alpha (ordinal) not available: needs responses rated by at least two participants.");
    // Without a second rater anywhere, every criterion says what is needed.
    expect(ratingMode.buildTable("agreement", rows, config).rows.every((r) => r[4] === "—")).toBe(true);
  });

  it("the long CSV has one row per (judgment × response) with a column per criterion", () => {
    const csv = exportStudy({ slug: "t", config, rows, table: "judgments", format: "csv" }).body.trim().split("\r\n");
    expect(csv).toHaveLength(1 + 7);
    expect(csv[0]).toContain("position,system,effectiveness,actionability,specific,direction,magnitude,feedback,truth_track,truth_gain_db");
    expect(csv[3]).toContain(",A,base,2,,no,lower,a_lot,note on i2,vocals,-7,1000,14200,Mix=10.0; Bass=4.2,");
    expect(csv[4]).toContain(",B,buddy,5,,yes,raise,moderate,,vocals,-7,");
  });
});
