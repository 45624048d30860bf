// Plain-language sentences shown under each results table (SPEC §5), built from lib/stats results.
import type { TSignTest } from "./binomial";
import type { TGeneratedVsExpertByItem, TInterval } from "./bradley-terry";
import type { TWilcoxon } from "./distributions";
import type { TKrippendorff, TAlphaLevel } from "./krippendorff";
import type { TProportion } from "./proportion";
import type { TFriedman, TKendallW, TKendallWByItem, TPairwiseWilcoxon, TRankInterval } from "./rankings";

/**
 * A p value as text: "p < 0.001" below 0.001, otherwise two significant digits
 * ("p = 0.48", "p = 0.012", "p = 0.0012"), "p = 1" when it rounds to 1; "p not available" for NaN.
 */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return "p not available";
  if (p < 0.001) return "p < 0.001";
  const s = Number(p.toPrecision(2));
  return s >= 1 ? "p = 1" : `p = ${p.toPrecision(2)}`;
}

/** "significant at 0.05" when p < alpha, else "not significant at 0.05". */
export function significance(p: number, alpha = 0.05): string {
  return `${p < alpha ? "significant" : "not significant"} at ${alpha}`;
}

/** A number with fixed decimals (averages two, statistics two). */
const fixed = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "—");
/** A share as a percentage with one decimal, as in the tables. */
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");

/**
 * Sign-test sentence for pairwise judgments, naming the side preferred more often:
 * "Generated preferred in 40 of 73 decided comparisons, p = 0.48, not significant at 0.05."
 * `labels` are the two sides in the order of test.wins, test.losses.
 */
export function signTestSentence(
  test: TSignTest,
  { labels = ["Generated", "Expert"] as readonly [string, string], alpha = 0.05 }: { labels?: readonly [string, string]; alpha?: number } = {},
): string {
  if (test.n === 0) return "No decided comparisons (every judgment was a tie), so no sign test.";
  const tail = `${formatP(test.p)}, ${significance(test.p, alpha)}.`;
  if (test.wins === test.losses) {
    return `${labels[0]} and ${labels[1].toLowerCase()} each preferred in ${test.wins} of ${test.n} decided comparisons, ${tail}`;
  }
  const [who, k] = test.wins > test.losses ? [labels[0], test.wins] : [labels[1], test.losses];
  return `${who} preferred in ${k} of ${test.n} decided comparisons, ${tail}`;
}

/** "40.0% (95% CI 30.9% to 49.8%)" for a Wilson interval. */
export function proportionPhrase(w: TProportion): string {
  if (Number.isNaN(w.p)) return "no responses";
  return `${pct(w.p)} (95% CI ${pct(w.lower)} to ${pct(w.upper)})`;
}

/** "Qwen: average rank 1.59 (95% CI 1.50 to 1.68, 1000 bootstrap resamples of items)." */
export function averageRankSentence(r: TRankInterval, resamples: number): string {
  if (Number.isNaN(r.mean)) return `${r.system}: not ranked.`;
  return `${r.system}: average rank ${fixed(r.mean)} (95% CI ${fixed(r.lower)} to ${fixed(r.upper)}, ${resamples} bootstrap resamples of items).`;
}

/**
 * "Friedman test across 3 systems over 12 rankings: χ² = 7.17, df = 2, p = 0.028, significant at 0.05
 * — the systems' ranks differ."
 */
export function friedmanSentence(f: TFriedman, systems: number, alpha = 0.05): string {
  if (Number.isNaN(f.statistic)) return `Friedman test not available (${f.blocks} complete rankings).`;
  const verdict = f.p < alpha ? "the systems' ranks differ" : "no evidence the systems' ranks differ";
  return `Friedman test across ${systems} systems over ${f.blocks} rankings: χ² = ${fixed(f.statistic)}, df = ${f.df}, ${formatP(f.p)}, ${significance(f.p, alpha)} — ${verdict}.`;
}

/** "Pairwise Wilcoxon signed-rank tests, Holm-corrected: q vs l p = 0.30; q vs m p = 0.041 (significant at 0.05)." */
export function posthocSentence(tests: readonly TPairwiseWilcoxon[], alpha = 0.05): string {
  if (tests.length === 0) return "No pairwise comparisons.";
  const parts = tests.map((t) => `${t.a} vs ${t.b} ${formatP(t.pHolm)}${t.pHolm < alpha ? ` (significant at ${alpha})` : ""}`);
  return `Pairwise Wilcoxon signed-rank tests, Holm-corrected: ${parts.join("; ")}.`;
}

/** "Kendall's W = 0.78 among 3 rankers (0 = no agreement, 1 = complete), p = 0.072, not significant at 0.05." */
export function kendallWSentence(w: TKendallW, alpha = 0.05): string {
  if (Number.isNaN(w.W)) return `Kendall's W not available (${w.raters} rankers, ${w.items} systems).`;
  return `Kendall's W = ${fixed(w.W)} among ${w.raters} rankers (0 = no agreement, 1 = complete), ${formatP(w.p)}, ${significance(w.p, alpha)}.`;
}

/**
 * "Krippendorff's alpha (nominal) = 0.74 over 11 units (1 = perfect agreement, 0 = chance)."
 * With `units` ("items with 2+ raters"): "… = 0.41 over 37 items with 2+ raters (…)"; with no
 * pairable unit, `missing` says what is needed.
 */
export function alphaSentence(
  r: TKrippendorff,
  level: TAlphaLevel,
  { units = "units", missing }: { units?: string; missing?: string } = {},
): string {
  if (r.units === 0 && missing) return `Krippendorff's alpha (${level}) not available: ${missing}.`;
  if (Number.isNaN(r.alpha)) return `Krippendorff's alpha (${level}) not available (${r.units} ${units}; every answer the same, so no disagreement to compare with chance).`;
  return `Krippendorff's alpha (${level}) = ${fixed(r.alpha)} over ${r.units} ${units} (1 = perfect agreement, 0 = chance).`;
}

/** An interval as "0.55 (95% CI 0.48 to 0.62)". */
export function intervalPhrase(i: TInterval, d = 2): string {
  if (!Number.isFinite(i.estimate)) return "not available";
  return `${fixed(i.estimate, d)} (95% CI ${fixed(i.lower, d)} to ${fixed(i.upper, d)})`;
}

/**
 * The Davidson Bradley–Terry fit of generated vs expert in words: the worth share of generated
 * (0.5 = no preference) and the two tie parameters, with the bootstrap's resamples and seed.
 */
export function davidsonSentence(r: TGeneratedVsExpertByItem, seed: string, labels: readonly [string, string] = ["Generated", "Expert"]): string {
  if (r.n === 0) return "Davidson Bradley–Terry fit not available (no judgments).";
  const w = r.generatedWorth;
  const share = Number.isFinite(w.estimate)
    ? `${labels[0]}'s worth share ${fixed(w.estimate)} (95% CI ${fixed(w.lower)} to ${fixed(w.upper)}; 0.5 = no preference)`
    : `${labels[0]}'s worth share not available (no decided comparisons)`;
  const tie = `tie parameters: both good ν = ${intervalPhrase(r.tieGood)}, both bad ν = ${intervalPhrase(r.tieBad)}`;
  return `Davidson Bradley–Terry model with "both good" and "both bad" as two kinds of tie: ${share}; ${tie}; ${r.resamples} bootstrap resamples of ${r.items} items, seed "${seed}".`;
}

/** "Plackett–Luce worth (sums to 1): Qwen 0.52, LTU 0.28, MU-LLaMA 0.20." */
export function plackettLuceSentence(worth: readonly { label: string; worth: number }[]): string {
  return `Plackett–Luce worth (probability of being ranked first among all; sums to 1): ${worth.map((w) => `${w.label} ${fixed(w.worth)}`).join(", ")}.`;
}

/** Mean Kendall's W over items ranked by two or more raters, or what is missing. */
export function kendallWByItemSentence(w: TKendallWByItem): string {
  if (w.items === 0) return "Kendall's W among rankers not available: needs items ranked by at least two raters.";
  return `Kendall's W among rankers = ${fixed(w.meanW)} (mean over ${w.items} items ranked by 2+ raters, median ${fixed(w.medianRaters, 0)} raters per item; 0 = no agreement, 1 = complete).`;
}

/** "Paired Wilcoxon signed-rank test on 12 items' mean ratings, Mixing Buddy vs Baseline: V = 50, p = 0.031, significant at 0.05." */
export function pairedWilcoxonSentence(w: TWilcoxon, what: string, alpha = 0.05): string {
  if (w.n === 0) return `Paired Wilcoxon signed-rank test, ${what}: not available (no item with a difference).`;
  return `Paired Wilcoxon signed-rank test, ${what}: V = ${fixed(w.statistic, 1)}, ${formatP(w.p)}, ${significance(w.p, alpha)}.`;
}
