import { describe, expect, it } from "vitest";
import { createRng, shuffle } from "@/lib/random/rng";
import { averageRankBootstrap, friedman, holm, kendallW, plackettLuce, plackettLuceLogLik, posthocWilcoxon, rankMatrix } from "./rankings";

// Reference values from R 4.2.2 (printed with %.17g); the R calls are given with each test.

/** 12 rankings of q, l, m (ids best first); rows of R matrix `r` below in (q, l, m) rank form. */
const RANKS_QLM = [
  [1, 2, 3], [2, 1, 3], [1, 3, 2], [1, 2, 3], [2, 1, 3], [1, 2, 3],
  [3, 1, 2], [1, 2, 3], [2, 1, 3], [1, 3, 2], [1, 2, 3], [2, 3, 1],
];
const SYSTEMS = ["q", "l", "m"];
const toRanking = (ranks: number[]) => SYSTEMS.slice().sort((a, b) => ranks[SYSTEMS.indexOf(a)] - ranks[SYSTEMS.indexOf(b)]);

describe("rankMatrix", () => {
  it("turns best-first id lists into rank rows and drops incomplete ones", () => {
    expect(rankMatrix([{ ranking: ["l", "q", "m"] }, { ranking: ["q", "m"] }], SYSTEMS)).toEqual([[2, 1, 3]]);
    expect(rankMatrix(RANKS_QLM.map((r) => ({ ranking: toRanking(r) })), SYSTEMS)).toEqual(RANKS_QLM);
  });
});

describe("friedman", () => {
  it("12 blocks × 3 systems, no ties", () => {
    // r <- matrix(c(1,2,3, 2,1,3, 1,3,2, 1,2,3, 2,1,3, 1,2,3, 3,1,2, 1,2,3, 2,1,3, 1,3,2, 1,2,3, 2,3,1), ncol = 3, byrow = TRUE)
    // friedman.test(r): chi-squared = 7.166666666666667, df = 2, p = 0.027782933954124251
    const f = friedman(RANKS_QLM);
    expect(f.statistic).toBeCloseTo(7.166666666666667, 12);
    expect(f.df).toBe(2);
    expect(f.p).toBeCloseTo(0.027782933954124251, 12);
    expect(f.blocks).toBe(12);
  });

  it("raw scores with ties inside blocks (tie correction)", () => {
    // s <- matrix(c(3,3,1,2, 4,2,2,1, 5,4,4,4, 2,1,3,3, 4,4,2,1, 5,3,1,1), ncol = 4, byrow = TRUE)
    // friedman.test(s): chi-squared = 6.882352941176471, df = 3, p = 0.075743633956442347
    const s = [[3, 3, 1, 2], [4, 2, 2, 1], [5, 4, 4, 4], [2, 1, 3, 3], [4, 4, 2, 1], [5, 3, 1, 1]];
    const f = friedman(s);
    expect(f.statistic).toBeCloseTo(6.882352941176471, 12);
    expect(f.df).toBe(3);
    expect(f.p).toBeCloseTo(0.075743633956442347, 12);
  });

  it("degenerate inputs give NaN", () => {
    expect(friedman([]).p).toBeNaN();
    expect(friedman([[1, 1], [2, 2]]).statistic).toBeNaN();
  });
});

describe("holm", () => {
  it("matches p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), 'holm')", () => {
    const adj = holm([0.01, 0.04, 0.03, 0.005, 0.2]);
    [0.04, 0.09, 0.09, 0.025, 0.2].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 15));
    expect(holm([])).toEqual([]);
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
  });
});

describe("posthocWilcoxon", () => {
  it("rank ties → normal approximation; raw and Holm p match R", () => {
    // wilcox.test(r[, i], r[, j], paired = TRUE): (q,l) V = 26, p = 0.30254896845341939;
    // (q,m) V = 8, p = 0.013671571244146931; (l,m) V = 19.5, p = 0.12174763304030188.
    // pairwise.wilcox.test(as.vector(r), rep(c("q","l","m"), each = 12), paired = TRUE, p.adjust.method = "holm"):
    // q–l 0.30254896845341939, q–m 0.04101471373244079, l–m 0.24349526608060376.
    const res = posthocWilcoxon(RANKS_QLM, SYSTEMS);
    expect(res.map((r) => [r.a, r.b, r.statistic])).toEqual([["q", "l", 26], ["q", "m", 8], ["l", "m", 19.5]]);
    const raw = [0.30254896845341939, 0.013671571244146931, 0.12174763304030188];
    const adj = [0.30254896845341939, 0.04101471373244079, 0.24349526608060376];
    res.forEach((r, i) => {
      expect(r.method).toBe("normal");
      expect(r.p).toBeCloseTo(raw[i], 12);
      expect(r.pHolm).toBeCloseTo(adj[i], 12);
    });
  });

  it("ranks scores within blocks first", () => {
    // set.seed(3); sc <- matrix(round(rnorm(36), 4), ncol = 3); sc[, 1] <- sc[, 1] - 1
    // pairwise.wilcox.test(as.vector(t(apply(sc, 1, rank))), rep(c("a","b","c"), each = 12), paired = TRUE, p.adjust.method = "holm")
    // a–b 0.037482273579193356, a–c 0.014287561034198846, b–c 0.30254896845341939
    const flat = [-1.9619, -0.7164, -0.4845, -1.2925, 0.2527, -0.7411, -0.7412, 0.152, 1.1606, -2.1521, -0.3077, 1.0121, -0.8042, -0.953, -0.0721, -0.9699, -0.6482, -1.1368, -0.9146, 1.2243, 0.9006, 0.1166, 0.1998, 0.8518, -2.2189, -0.5785, 0.7277, 0.2674, -0.9423, 0.7365, -1.7448, -0.2037, -0.3521, -2.1312, -1.6665, 0.7055];
    const sc = Array.from({ length: 12 }, (_, i) => flat.slice(3 * i, 3 * i + 3));
    const res = posthocWilcoxon(sc, ["a", "b", "c"]);
    [0.037482273579193356, 0.014287561034198846, 0.30254896845341939].forEach((v, i) => expect(res[i].pHolm).toBeCloseTo(v, 12));
  });
});

describe("kendallW", () => {
  it("hand-worked: 3 raters × 4 items, rank sums 4, 6, 8, 12 → S = 35, W = 12·35/(9·60) = 7/9", () => {
    // R cross-check: friedman.test(k) with k the matrix below: chi-squared = 7 = m(n − 1)W, p = 0.071897772496465145
    const k = [[1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 3, 4]];
    const w = kendallW(k);
    expect(w.W).toBeCloseTo(7 / 9, 14);
    expect(w.chiSquare).toBeCloseTo(7, 12);
    expect(w.df).toBe(3);
    expect(w.p).toBeCloseTo(0.071897772496465145, 12);
  });

  it("perfect agreement → 1; tie-corrected when raters tie", () => {
    expect(kendallW([[1, 2, 3], [1, 2, 3], [1, 2, 3]]).W).toBeCloseTo(1, 14);
    // Hand: rows ranked → [1.5,1.5,3], [1,2,3]; R_j = 2.5, 3.5, 6; mean 4; S = 2.25 + 0.25 + 4 = 6.5;
    // T = 2³ − 2 = 6; W = 12·6.5 / (4·24 − 2·6) = 78/84 = 13/14.
    expect(kendallW([[1, 1, 3], [1, 2, 3]]).W).toBeCloseTo(13 / 14, 14);
    expect(kendallW([[1, 2, 3]]).W).toBeNaN();
  });
});

describe("plackettLuce", () => {
  // Mixed full and partial rankings over four systems (x appears only in some).
  const RANKINGS = [
    ["q", "l", "m"], ["l", "q", "m"], ["q", "m", "l"], ["q", "l", "m"], ["l", "q", "m"], ["q", "l", "m"],
    ["l", "m", "q"], ["q", "l", "m"], ["l", "q", "m"], ["q", "m", "l"], ["q", "l", "m"], ["m", "q", "l"],
    ["m", "l"], ["l", "q"], ["q", "l", "m", "x"], ["x", "q"], ["m", "x", "l"],
  ];

  it("matches the MLE found by direct maximisation in R (optim BFGS then nlm on the log-likelihood)", () => {
    // /tmp script: nll(b) = −Σ PL log-lik with log-worths (0, b); optim(..., "BFGS", reltol = 1e-16) → nlm(gradtol = 1e-12);
    // normalised worths q 0.44923534340146953, l 0.24312174486797816, m 0.14011598202259126, x 0.16752692970796107;
    // log-lik −26.020549686710368. Tolerance 1e-7: R's optimum has gradient ~1e-8 (iterative on both sides).
    const pl = plackettLuce(RANKINGS, ["q", "l", "m", "x"]);
    expect(pl.converged).toBe(true);
    const ref: Record<string, number> = { q: 0.44923534340146953, l: 0.24312174486797816, m: 0.14011598202259126, x: 0.16752692970796107 };
    for (const s of Object.keys(ref)) expect(Math.abs(pl.worth[s] - ref[s])).toBeLessThan(1e-7);
    expect(pl.logLik).toBeCloseTo(-26.020549686710368, 9);
    expect(Object.values(pl.worth).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("is a maximum: nudging any worth lowers the likelihood", () => {
    const pl = plackettLuce(RANKINGS, ["q", "l", "m", "x"]);
    for (const s of ["q", "l", "m", "x"]) {
      for (const f of [0.99, 1.01]) {
        const w = { ...pl.worth, [s]: pl.worth[s] * f };
        expect(plackettLuceLogLik(RANKINGS, w)).toBeLessThan(pl.logLik);
      }
    }
  });

  it("a system that appears in no ranking gets NaN; the rest still sum to 1", () => {
    const pl = plackettLuce([["a", "b"], ["b", "a"], ["a", "b"]], ["a", "b", "z"]);
    expect(pl.worth.z).toBeNaN();
    expect(pl.worth.a + pl.worth.b).toBeCloseTo(1, 14);
    expect(pl.worth.a).toBeCloseTo(2 / 3, 10);
  });

  it("two systems reduce to Bradley–Terry: worth_a = wins_a / n", () => {
    const r = [...Array(7).fill(["a", "b"]), ...Array(3).fill(["b", "a"])];
    const pl = plackettLuce(r, ["a", "b"]);
    expect(pl.worth.a).toBeCloseTo(0.7, 10);
    expect(pl.worth.b).toBeCloseTo(0.3, 10);
  });
});

describe("averageRankBootstrap", () => {
  // Four items, three rankings each (raters), from RANKS_QLM.
  const data = RANKS_QLM.map((r, i) => ({ itemId: `item${Math.floor(i / 3)}`, ranking: toRanking(r) }));

  it("point estimate is the plain average rank", () => {
    const res = averageRankBootstrap(data, SYSTEMS, { rng: createRng("seed-a", "bootstrap"), resamples: 200 });
    // Column means of RANKS_QLM: q 18/12 = 1.5, l 23/12, m 31/12.
    expect(res.systems.map((s) => s.mean)).toEqual([1.5, 23 / 12, 31 / 12]);
    expect(res.items).toBe(4);
    for (const s of res.systems) {
      expect(s.lower).toBeLessThanOrEqual(s.mean);
      expect(s.upper).toBeGreaterThanOrEqual(s.mean);
    }
  });

  it("same seed → identical output; different seed → different", () => {
    // 40 items × 3 raters of random orderings, so percentiles are not pinned to a few discrete values.
    const gen = createRng("fixture", "rankings");
    const many = Array.from({ length: 120 }, (_, i) => ({ itemId: `it${i % 40}`, ranking: shuffle(gen, SYSTEMS) }));
    const a = averageRankBootstrap(many, SYSTEMS, { rng: createRng("seed-a", "bootstrap") });
    const b = averageRankBootstrap(many, SYSTEMS, { rng: createRng("seed-a", "bootstrap") });
    const c = averageRankBootstrap(many, SYSTEMS, { rng: createRng("seed-b", "bootstrap") });
    expect(a.resamples).toBe(1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("resamples items, not rankings: an item's rankings stay together", () => {
    // Two items; every ranking of item A puts q first, every ranking of B puts q last. Resampling
    // items gives q a mean of 1, 2 or 3 only (both A, one each, both B) — never another value.
    const d = [
      ...Array.from({ length: 5 }, () => ({ itemId: "A", ranking: ["q", "l", "m"] })),
      ...Array.from({ length: 5 }, () => ({ itemId: "B", ranking: ["l", "m", "q"] })),
    ];
    const res = averageRankBootstrap(d, SYSTEMS, { rng: createRng("x"), resamples: 400 });
    const q = res.systems[0];
    expect(q.mean).toBe(2);
    expect(q.lower).toBe(1);
    expect(q.upper).toBe(3);
  });

  it("no rankings → NaN, no draws", () => {
    const res = averageRankBootstrap([], SYSTEMS, { rng: createRng("x") });
    expect(res.systems[0].mean).toBeNaN();
    expect(res.systems[0].lower).toBeNaN();
  });
});
