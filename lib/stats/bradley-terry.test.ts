import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/random/rng";
import { davidsonBootstrap, fitDavidson, generatedVsExpert, type TPairwiseJudgment } from "./bradley-terry";

/** `count` judgments of first vs second with one outcome. */
const rep = (count: number, first: string, second: string, outcome: TPairwiseJudgment["outcome"]): TPairwiseJudgment[] =>
  Array.from({ length: count }, () => ({ first, second, outcome }));

// Four systems; per pair (wins of p1, wins of p2, ties).
const PAIRS: [string, string, number, number, number][] = [
  ["a", "b", 6, 4, 2], ["a", "c", 7, 3, 1], ["b", "c", 5, 5, 3], ["a", "d", 3, 2, 0], ["c", "d", 4, 6, 2], ["b", "d", 2, 3, 1],
];
const judgmentsFor = (withTies: boolean) =>
  PAIRS.flatMap(([p1, p2, w1, w2, t], k) => [
    ...rep(w1, p1, p2, "first"),
    // Alternate the display order so "second" answers are exercised too.
    ...rep(w2, p2, p1, "first"),
    ...(withTies ? rep(t, p1, p2, k % 2 === 0 ? "both_good" : "both_bad") : []),
  ]);

describe("fitDavidson, no ties = Bradley–Terry", () => {
  it("matches R BradleyTerry2::BTm on a 4-system dataset", () => {
    // df <- data.frame(p1 = c("a","a","b","a","c","b"), p2 = c("b","c","c","d","d","d"),
    //                  w1 = c(6,7,5,3,4,2), w2 = c(4,3,5,2,6,3))   # p1, p2 as factors with levels a..d
    // coef(BTm(cbind(w1, w2), p1, p2, data = df)):
    //   b −0.58943719960692842, c −0.70713444721569241, d −0.29816002253347179 (a = 0)
    // Tolerance 1e-6: BTm is IRLS stopped at glm's default epsilon = 1e-8 on the deviance.
    const fit = fitDavidson(judgmentsFor(false), ["a", "b", "c", "d"]);
    expect(fit.converged).toBe(true);
    expect(fit.tie).toBe(0);
    expect(fit.logWorth.a).toBe(0);
    expect(fit.logWorth.b).toBeCloseTo(-0.58943719960692842, 6);
    expect(fit.logWorth.c).toBeCloseTo(-0.70713444721569241, 6);
    expect(fit.logWorth.d).toBeCloseTo(-0.29816002253347179, 6);
    expect(Object.values(fit.worth).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 14);
  });

  it("ties: false ignores both_good/both_bad and gives the same fit", () => {
    const a = fitDavidson(judgmentsFor(true), ["a", "b", "c", "d"], { ties: false });
    const b = fitDavidson(judgmentsFor(false), ["a", "b", "c", "d"]);
    expect(a.n).toBe(b.n);
    for (const s of ["b", "c", "d"]) expect(a.logWorth[s]).toBeCloseTo(b.logWorth[s], 10);
  });
});

describe("fitDavidson with ties", () => {
  it("matches direct maximisation of the Davidson likelihood in R", () => {
    // Same df, ties t = c(2,1,3,0,2,1). nll(θ) = −Σ [w1·b_i + w2·b_j + t·(λ + (b_i+b_j)/2) − n·log(e^b_i + e^b_j + e^(λ+(b_i+b_j)/2))],
    // b_a = 0; optim(BFGS, reltol = 1e-16) then nlm(gradtol = 1e-12):
    //   b −0.60750498861666058, c −0.73442016085849415, d −0.33360346896645326, λ −0.99367589234986486
    //   (ν = 0.37021332243937483), log-lik −58.485275574011844.
    // Tolerance 1e-6: R's optimum has gradient ~5e-8 (iterative on both sides).
    const fit = fitDavidson(judgmentsFor(true), ["a", "b", "c", "d"]);
    expect(fit.converged).toBe(true);
    expect(fit.logWorth.b).toBeCloseTo(-0.60750498861666058, 6);
    expect(fit.logWorth.c).toBeCloseTo(-0.73442016085849415, 6);
    expect(fit.logWorth.d).toBeCloseTo(-0.33360346896645326, 6);
    expect(fit.tie).toBeCloseTo(0.37021332243937483, 6);
    expect(fit.logLik).toBeCloseTo(-58.485275574011844, 8);
    // 2+3+2 = 7 both-good (pairs 0, 2, 4), 1+0+1 = 2 both-bad (pairs 1, 3, 5): ν split 7:2.
    expect(fit.tieGood).toBeCloseTo((fit.tie * 7) / 9, 12);
    expect(fit.tieBad).toBeCloseTo((fit.tie * 2) / 9, 12);
  });

  it("two systems: closed form π_g/π_e = W/L, ν = T/√(WL) (paper Table 3: 40, 33, 12 + 15)", () => {
    const j = [...rep(40, "gen", "exp", "first"), ...rep(33, "exp", "gen", "first"), ...rep(12, "gen", "exp", "both_good"), ...rep(15, "exp", "gen", "both_bad")];
    const fit = fitDavidson(j, ["gen", "exp"]);
    expect(fit.worth.gen).toBeCloseTo(40 / 73, 10);
    expect(fit.tie).toBeCloseTo(27 / Math.sqrt(40 * 33), 10);
    expect(fit.tieGood).toBeCloseTo(12 / Math.sqrt(40 * 33), 10);
    expect(fit.tieBad).toBeCloseTo(15 / Math.sqrt(40 * 33), 10);
  });

  it("a disconnected comparison graph throws", () => {
    const j = [...rep(2, "a", "b", "first"), ...rep(1, "b", "a", "first"), ...rep(2, "c", "d", "first"), ...rep(1, "d", "c", "first")];
    expect(() => fitDavidson(j, ["a", "b", "c", "d"])).toThrow(/not connected/);
  });

  it("a system that never loses goes to worth ≈ 1 without blowing up", () => {
    const fit = fitDavidson(rep(5, "a", "b", "first"), ["a", "b"]);
    expect(fit.worth.a).toBeGreaterThan(0.999999);
    expect(Number.isFinite(fit.logWorth.b)).toBe(true);
  });
});

describe("generatedVsExpert (two-system closed form + bootstrap)", () => {
  const counts = { generated: 40, expert: 33, bothGood: 12, bothBad: 15 };

  it("point estimates and Wilson shares", () => {
    const r = generatedVsExpert(counts, { rng: createRng("s", "bootstrap"), resamples: 200 });
    expect(r.n).toBe(100);
    expect(r.generatedWorth.estimate).toBeCloseTo(40 / 73, 15);
    expect(r.tie.estimate).toBeCloseTo(27 / Math.sqrt(1320), 15);
    expect(r.tieGood.estimate + r.tieBad.estimate).toBeCloseTo(r.tie.estimate, 15);
    expect(r.shares.bothGood.p).toBe(0.12);
    expect(r.generatedWorth.lower).toBeLessThan(40 / 73);
    expect(r.generatedWorth.upper).toBeGreaterThan(40 / 73);
    // Agrees with the general Newton fit.
    const fit = fitDavidson(
      [...rep(40, "g", "e", "first"), ...rep(33, "g", "e", "second"), ...rep(12, "g", "e", "both_good"), ...rep(15, "g", "e", "both_bad")],
      ["g", "e"],
    );
    expect(fit.worth.g).toBeCloseTo(r.generatedWorth.estimate, 10);
    expect(fit.tieBad).toBeCloseTo(r.tieBad.estimate, 10);
  });

  it("same seed → identical; different seed → different", () => {
    const a = generatedVsExpert(counts, { rng: createRng("seed-1", "bootstrap") });
    const b = generatedVsExpert(counts, { rng: createRng("seed-1", "bootstrap") });
    const c = generatedVsExpert(counts, { rng: createRng("seed-2", "bootstrap") });
    expect(a.resamples).toBe(1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("no judgments → NaN estimates", () => {
    const r = generatedVsExpert({ generated: 0, expert: 0, bothGood: 0, bothBad: 0 }, { rng: createRng("s") });
    expect(r.generatedWorth.estimate).toBeNaN();
    expect(r.generatedWorth.lower).toBeNaN();
  });
});

describe("davidsonBootstrap", () => {
  it("reproducible for a fixed seed, different for another; intervals bracket the fit", () => {
    const j = judgmentsFor(true);
    const sys = ["a", "b", "c", "d"];
    const a = davidsonBootstrap(j, sys, { rng: createRng("seed-1", "bootstrap"), resamples: 200 });
    const b = davidsonBootstrap(j, sys, { rng: createRng("seed-1", "bootstrap"), resamples: 200 });
    const c = davidsonBootstrap(j, sys, { rng: createRng("seed-2", "bootstrap"), resamples: 200 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.failed).toBe(0);
    for (const s of sys) {
      expect(a.worth[s].lower).toBeLessThan(a.worth[s].estimate);
      expect(a.worth[s].upper).toBeGreaterThan(a.worth[s].estimate);
    }
    expect(a.tie.lower).toBeLessThan(a.tie.estimate);
  });
});
