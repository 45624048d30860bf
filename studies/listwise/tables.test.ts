import { describe, expect, it } from "vitest";
import { toMarkdown } from "@/lib/export/table";
import {
  agreementTable,
  pairAgreements,
  rankersAgreementTable,
  rankScore,
  rankStats,
  table10,
  table2,
  table5,
  table6,
  table7,
  table8,
  topicBest,
  type TRanking,
  type TSystem,
} from "./tables";

const SYSTEMS: TSystem[] = [
  { id: "qwen", label: "Qwen" },
  { id: "ltu", label: "LTU" },
  { id: "mu-llama", label: "MU-LLaMA" },
];
const Q = "qwen";
const L = "ltu";
const M = "mu-llama";

/** `count` rankings equal to `ranking`, numbered on from `start`, one item each. */
function many(count: number, ranking: string[], topic: string | null = null, start = 0): TRanking[] {
  return Array.from({ length: count }, (_, i) => ({ raterId: `r${(start + i) % 4}`, itemId: `i${start + i}`, topic, ranking }));
}

/** Rankings from counts of the six orders of Q, L, M. */
function fromOrders(c: { QLM: number; QML: number; LQM: number; LMQ: number; MQL: number; MLQ: number }): TRanking[] {
  const orders: [number, string[]][] = [
    [c.QLM, [Q, L, M]],
    [c.QML, [Q, M, L]],
    [c.LQM, [L, Q, M]],
    [c.LMQ, [L, M, Q]],
    [c.MQL, [M, Q, L]],
    [c.MLQ, [M, L, Q]],
  ];
  const out: TRanking[] = [];
  for (const [n, r] of orders) out.push(...many(n, r, null, out.length));
  return out;
}

// Paper Table 7 (100 human rankings). With order counts a..f for QLM, QML, LQM, LMQ, MQL, MLQ:
// Qwen ranks 1/2/3 = a+b / c+e / d+f; LTU = c+d / a+f / b+e; MU-LLaMA = e+f / b+d / a+c.
// a=30 b=22 c=20 d=9 e=10 f=9 → Qwen 52/30/18, LTU 29/39/32, MU-LLaMA 19/31/50.
const PAPER7 = fromOrders({ QLM: 30, QML: 22, LQM: 20, LMQ: 9, MQL: 10, MLQ: 9 });

// Paper Table 2 (250 rankings). a=94 b=32 c=96 d=15 e=5 f=8 →
// Qwen 126/101/23, LTU 111/102/37, MU-LLaMA 13/47/190; each rank position sums to 250.
const PAPER2 = fromOrders({ QLM: 94, QML: 32, LQM: 96, LMQ: 15, MQL: 5, MLQ: 8 });

describe("rankStats", () => {
  it("maps rank to score 10, 5, 0 for three systems and 10, 0 for two", () => {
    expect([1, 2, 3].map((r) => rankScore(r, 3))).toEqual([10, 5, 0]);
    expect([1, 2].map((r) => rankScore(r, 2))).toEqual([10, 0]);
    expect([1, 2, 3, 4, 5].map((r) => rankScore(r, 5))).toEqual([10, 7.5, 5, 2.5, 0]);
  });

  it("counts ranks per system for the Table 2 fixture", () => {
    expect(rankStats(PAPER2, SYSTEMS).map((s) => s.counts)).toEqual([
      [126, 101, 23],
      [111, 102, 37],
      [13, 47, 190],
    ]);
  });

  it("rejects a ranking that is not a permutation of the systems", () => {
    const bad: TRanking = { raterId: "r1", itemId: "x", topic: null, ranking: [Q, Q, M] };
    expect(() => rankStats([bad], SYSTEMS)).toThrow(/item x by r1.*not a permutation/);
    expect(() => rankStats([{ ...bad, ranking: [Q, L] }], SYSTEMS)).toThrow(/not a permutation/);
  });
});

describe("table7 / table8", () => {
  it("reproduces the paper's Table 7 exactly", () => {
    const t = table7(PAPER7, SYSTEMS);
    expect(t.id).toBe("table7");
    expect(t.title).toBe("Table 7 — Aggregated rankings");
    expect(t.columns).toEqual(["Model", "Rank 1 Count", "Rank 2 Count", "Rank 3 Count"]);
    expect(t.rows).toEqual([
      ["Qwen", 52, 30, 18],
      ["LTU", 29, 39, 32],
      ["MU-LLaMA", 19, 31, 50],
    ]);
    // Wilson 95% intervals of 52/100, 29/100, 19/100 (R prop.test(k, 100, correct = FALSE)$conf.int).
    expect(t.notes).toEqual(["Ranked #1, with Wilson 95% intervals: Qwen 52.0% (95% CI 42.3% to 61.5%); LTU 29.0% (95% CI 21.0% to 38.5%); MU-LLaMA 19.0% (95% CI 12.5% to 27.8%)."]);
    expect(toMarkdown({ ...t, notes: [] })).toBe(
      [
        "| Model | Rank 1 Count | Rank 2 Count | Rank 3 Count |",
        "|---|---|---|---|",
        "| Qwen | 52 | 30 | 18 |",
        "| LTU | 29 | 39 | 32 |",
        "| MU-LLaMA | 19 | 31 | 50 |",
        "",
      ].join("\n"),
    );
  });

  it("Table 8 has Table 7's layout under the judge's title and notes failures", () => {
    const t = table8(PAPER7, SYSTEMS, { judge: "gpt-4o", failed: 2 });
    expect(t.id).toBe("table8");
    expect(t.title).toBe("Table 8 — Aggregated rankings, LLM judge (gpt-4o)");
    expect(t.columns).toEqual(table7(PAPER7, SYSTEMS).columns);
    expect(t.rows).toEqual(table7(PAPER7, SYSTEMS).rows);
    expect(t.notes).toEqual(["2 item(s) failed (reply did not parse after retries) and are not counted.", ...table7(PAPER7, SYSTEMS).notes!]);
    expect(table8(PAPER7, SYSTEMS, { title: "Judge X" }).title).toBe("Judge X");
    expect(table8(PAPER7, SYSTEMS).notes).toEqual(table7(PAPER7, SYSTEMS).notes);
  });
});

describe("table2", () => {
  it("reproduces the paper's Table 2 from 250 rankings", () => {
    // Avg. rank: Qwen (126·1 + 101·2 + 23·3)/250 = 397/250 = 1.588 → 1.59;
    //            LTU (111 + 204 + 111)/250 = 426/250 = 1.704 → 1.70;
    //            MU-LLaMA (13 + 94 + 570)/250 = 677/250 = 2.708 → 2.71.
    // Avg. score (10/5/0): Qwen (1260 + 505)/250 = 7.06; LTU (1110 + 510)/250 = 6.48;
    //                      MU-LLaMA (130 + 235)/250 = 1.46.
    const t = table2(PAPER2, SYSTEMS);
    expect(t.columns).toEqual(["Metric", "Qwen", "LTU", "MU-LLaMA"]);
    expect(t.rows).toEqual([
      ["Avg. Rank (lower is better)", "1.59", "1.70", "2.71"],
      ["Avg. Score (out of 10)", "7.06", "6.48", "1.46"],
      ["Times Ranked #1", "126 (50.4%)", "111 (44.4%)", "13 (5.2%)"],
      ["% Rank 1", "50.4%", "44.4%", "5.2%"],
      ["% Rank 2", "40.4%", "40.8%", "18.8%"],
      ["% Rank 3", "9.2%", "14.8%", "76.0%"],
      // R prop.test(126 | 111 | 13, 250, correct = FALSE)$conf.int: 0.44243–0.56545, 0.38372–0.50598, 0.03064–0.08692.
      ["% Ranked #1, 95% CI (Wilson)", "44.2–56.5%", "38.4–50.6%", "3.1–8.7%"],
    ]);
    expect(t.notes?.[0]).toMatch(/^N = 250 rankings/);
  });

  it("adds a Failed row only when some items failed (3 of 253 attempts → 1.2%)", () => {
    const t = table2(PAPER2, SYSTEMS, { failed: 3 });
    expect(t.rows).toHaveLength(8);
    expect(t.rows[7]).toEqual(["Failed (not ranked)", "3 (1.2%)", "3 (1.2%)", "3 (1.2%)"]);
    // The ranked rows are unchanged: failures are counted, never filled in.
    expect(t.rows.slice(0, 7)).toEqual(table2(PAPER2, SYSTEMS).rows);
    expect(table2(PAPER2, SYSTEMS, { failed: 0 }).rows).toHaveLength(7);
  });

  it("shows — for averages and 0.0% shares with no rankings", () => {
    const t = table2([], SYSTEMS, { failed: 2 });
    expect(t.rows[0]).toEqual(["Avg. Rank (lower is better)", "—", "—", "—"]);
    expect(t.rows[2]).toEqual(["Times Ranked #1", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)"]);
    expect(t.rows[6]).toEqual(["% Ranked #1, 95% CI (Wilson)", "—", "—", "—"]);
    expect(t.rows[7]).toEqual(["Failed (not ranked)", "2 (100.0%)", "2 (100.0%)", "2 (100.0%)"]);
  });
});

describe("table10", () => {
  // 250 rankings: Overall Mix 53 (Qwen/LTU/MU first 35/15/3), Drums 101 (40/55/6), 96 in other topics.
  const topicRows = (topic: string | null, q: number, l: number, m: number, start: number) => [
    ...many(q, [Q, L, M], topic, start),
    ...many(l, [L, Q, M], topic, start + q),
    ...many(m, [M, Q, L], topic, start + q + l),
  ];
  const data = [
    ...topicRows("overall_mix", 35, 15, 3, 0),
    ...topicRows("drums", 40, 55, 6, 53),
    ...topicRows("guitars", 20, 15, 5, 154),
    ...topicRows("vocals", 10, 10, 10, 194),
    ...topicRows("bass", 8, 8, 0, 224),
    ...topicRows("keys", 4, 4, 2, 240),
  ];

  it("reproduces the paper's Overall Mix and Drums rows; topics ordered by count", () => {
    // Overall Mix: 35/53 = 66.04%, 15/53 = 28.30%, 3/53 = 5.66%; 53/250 = 21.2%.
    // Drums: 40/101 = 39.60%, 55/101 = 54.46%, 6/101 = 5.94%; 101/250 = 40.4%.
    expect(data).toHaveLength(250);
    const t = table10(data, SYSTEMS);
    expect(t.columns).toEqual(["Topic", "# Samples", "Qwen (% Best)", "LTU (% Best)", "MU-LLaMA (% Best)"]);
    expect(t.rows.map((r) => r[0])).toEqual(["Drums", "Overall Mix", "Guitars", "Vocals", "Bass", "Keys"]);
    expect(t.rows[0]).toEqual(["Drums", "101 (40.4%)", "39.6%", "54.5%", "5.9%"]);
    expect(t.rows[1]).toEqual(["Overall Mix", "53 (21.2%)", "66.0%", "28.3%", "5.7%"]);
    expect(t.rows[4]).toEqual(["Bass", "16 (6.4%)", "50.0%", "50.0%", "0.0%"]);
    // Wilson 95% of 8/16 is 28.0–72.0% and of 0/16 is 0.0–19.4% (R prop.test(8 | 0, 16, correct = FALSE)).
    expect(t.notes?.[0]).toBe("% Best with Wilson 95% intervals, per topic:");
    expect(t.notes).toContain("Bass (n = 16): Qwen 28.0–72.0%; LTU 28.0–72.0%; MU-LLaMA 0.0–19.4%.");
  });

  it("takes custom labels, title-cases unknown topics, groups missing topics, keeps first-seen order on ties", () => {
    const small = [...many(2, [Q, L, M], "lead_synth"), ...many(2, [L, Q, M], null, 2), ...many(1, [M, L, Q], "drums", 4)];
    const groups = topicBest(small, SYSTEMS, { drums: "Percussion" });
    expect(groups.map((g) => [g.label, g.n, g.best])).toEqual([
      ["Lead Synth", 2, [2, 0, 0]],
      ["No topic", 2, [0, 2, 0]],
      ["Percussion", 1, [0, 0, 1]],
    ]);
  });
});

describe("table6", () => {
  it("gives % preferred and average rank for two systems", () => {
    // 6 of 10 put A first: A avg rank (6·1 + 4·2)/10 = 1.40, B (4·1 + 6·2)/10 = 1.60.
    const two: TSystem[] = [
      { id: "a", label: "Model A" },
      { id: "b", label: "Model B" },
    ];
    const t = table6([...many(6, ["a", "b"]), ...many(4, ["b", "a"], null, 6)], two);
    expect(t?.columns).toEqual(["Model", "% Preferred", "95% CI (Wilson)", "Avg. Rank"]);
    // R prop.test(6, 10, correct = FALSE)$conf.int = 0.3126738 0.8318197; 4/10: 0.1681803 0.6873262.
    expect(t?.rows).toEqual([
      ["Model A", "60.0%", "31.3–83.2%", "1.40"],
      ["Model B", "40.0%", "16.8–68.7%", "1.60"],
    ]);
  });

  it("is null unless there are exactly two systems", () => {
    expect(table6(PAPER7, SYSTEMS)).toBeNull();
  });
});

describe("table5", () => {
  it("stacks humans and a judge with % #1, average rank and failures", () => {
    // Humans = Table 7 data: avg rank Qwen (52 + 60 + 54)/100 = 1.66, LTU (29 + 78 + 96)/100 = 2.03,
    // MU-LLaMA (19 + 62 + 150)/100 = 2.31. Judge = Table 2 data (1.59 / 1.70 / 2.71), 3 failed.
    const t = table5(
      [
        { judge: "Humans", rankings: PAPER7 },
        { judge: "gpt-4o", rankings: PAPER2, failed: 3 },
      ],
      SYSTEMS,
    );
    expect(t.columns).toEqual([
      "Judge",
      "N",
      "Qwen % #1",
      "Qwen Avg. Rank",
      "LTU % #1",
      "LTU Avg. Rank",
      "MU-LLaMA % #1",
      "MU-LLaMA Avg. Rank",
      "Failed",
    ]);
    expect(t.rows).toEqual([
      ["Humans", 100, "52.0%", "1.66", "29.0%", "2.03", "19.0%", "2.31", 0],
      ["gpt-4o", 250, "50.4%", "1.59", "44.4%", "1.70", "5.2%", "2.71", 3],
    ]);
  });
});

describe("agreementTable", () => {
  const judge = {
    id: "judge",
    label: "Judge",
    rankings: new Map([
      ["i1", [Q, L, M]],
      ["i2", [L, Q, M]],
      ["i3", [Q, M, L]],
      ["i4", [M, L, Q]],
    ]),
  };
  const r1 = {
    id: "r1",
    label: "Rater 1",
    rankings: new Map([
      ["i1", [Q, L, M]],
      ["i2", [Q, L, M]],
      ["i3", [Q, M, L]],
    ]),
  };
  const r2 = {
    id: "r2",
    label: "Rater 2",
    rankings: new Map([
      ["i1", [L, Q, M]],
      ["i2", [L, Q, M]],
      ["i3", [M, Q, L]],
      ["i4", [M, L, Q]],
    ]),
  };

  it("compares the judge with each rater, then the raters, over shared items", () => {
    // Judge vs Rater 1 (i1–i3): tops q,l,q vs q,q,q → observed 2/3, expected 2/3·1 = 2/3 → κ = 0;
    //   taus 1, 1/3, 1 → mean 7/9 = 0.78.
    // Judge vs Rater 2 (i1–i4): tops q,l,q,m vs l,l,m,m → observed 1/2,
    //   expected 1/4·1/2 (l) + 1/4·1/2 (m) = 1/4 → κ = (1/2 − 1/4)/(3/4) = 1/3; taus 1/3, 1, 1/3, 1 → 2/3.
    // Rater 1 vs Rater 2 (i1–i3): tops q,q,q vs l,l,m → observed 0, expected 0 → κ = 0; taus all 1/3.
    const p = pairAgreements([judge, r1, r2]);
    expect(p.map((x) => [x.label, x.n])).toEqual([
      ["Judge vs Rater 1", 3],
      ["Judge vs Rater 2", 4],
      ["Rater 1 vs Rater 2", 3],
    ]);
    expect(p[0].kappa).toBeCloseTo(0, 12);
    expect(p[0].tau).toBeCloseTo(7 / 9, 12);
    expect(p[1].kappa).toBeCloseTo(1 / 3, 12);
    expect(p[1].tau).toBeCloseTo(2 / 3, 12);
    expect(p[2].kappa).toBeCloseTo(0, 12);
    expect(p[2].tau).toBeCloseTo(1 / 3, 12);

    const t = agreementTable([judge, r1, r2]);
    expect(t.columns).toEqual(["Pair", "N Items", "Cohen's κ (top choice)", "Mean Kendall's τ"]);
    expect(t.rows).toEqual([
      ["Judge vs Rater 1", 3, "0.00", "0.78"],
      ["Judge vs Rater 2", 4, "0.33", "0.67"],
      ["Rater 1 vs Rater 2", 3, "0.00", "0.33"],
    ]);
  });

  it("shows — when kappa is undefined or nothing is shared", () => {
    const always = (id: string) => ({ id, label: id, rankings: new Map([["i1", [Q, L, M]], ["i2", [Q, M, L]]]) });
    const none = { id: "z", label: "z", rankings: new Map([["i9", [Q, L, M]]]) };
    expect(agreementTable([always("a"), always("b"), none]).rows).toEqual([
      ["a vs b", 2, "—", "1.00"],
      ["a vs z", 0, "—", "—"],
      ["b vs z", 0, "—", "—"],
    ]);
  });
});

describe("rankersAgreementTable", () => {
  it("averages Kendall's W over items ranked by two or more raters (R friedman.test / (m (k − 1)))", () => {
    // Item x: 4 raters, rank matrix rows (Q, L, M) = (1,2,3), (1,3,2), (2,1,3), (1,2,3):
    // R friedman.test → χ² = 4.5, W = 4.5 / (4 · 2) = 0.5625. Item y: (1,2,3) and (3,2,1): χ² = 0, W = 0.
    // Item z has one rater and is left out. Mean W = 0.28125 → "0.28".
    const r = (raterId: string, itemId: string, ranking: string[]): TRanking => ({ raterId, itemId, topic: null, ranking });
    const rankings = [
      r("a", "x", [Q, L, M]), r("b", "x", [Q, M, L]), r("c", "x", [L, Q, M]), r("d", "x", [Q, L, M]),
      r("a", "y", [Q, L, M]), r("b", "y", [M, L, Q]),
      r("a", "z", [Q, L, M]),
    ];
    const t = rankersAgreementTable(rankings, SYSTEMS);
    expect(t.id).toBe("agreement");
    expect(t.rows).toEqual([["Kendall's W (mean over items)", 2, 6, "3", "0.28"]]);
    expect(t.notes?.[0]).toBe("Kendall's W among rankers = 0.28 (mean over 2 items ranked by 2+ raters, median 3 raters per item; 0 = no agreement, 1 = complete).");
  });

  it("says what is needed when no item has two raters", () => {
    const t = rankersAgreementTable(PAPER7, SYSTEMS);
    expect(t.rows).toEqual([["Kendall's W (mean over items)", 0, 0, "—", "—"]]);
    expect(t.notes).toEqual(["Kendall's W among rankers not available: needs items ranked by at least two raters."]);
  });
});
