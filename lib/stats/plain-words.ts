// Plain-language sentences shown under each results table (SPEC §5), built from lib/stats results.
import type { TSignTest } from "./binomial";
import type { TKrippendorff, TAlphaLevel } from "./krippendorff";
import type { TProportion } from "./proportion";
import type { TFriedman, TKendallW, TPairwiseWilcoxon, TRankInterval } from "./rankings";

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

/** "Krippendorff's alpha (nominal) = 0.74 over 11 units (1 = perfect agreement, 0 = chance)." */
export function alphaSentence(r: TKrippendorff, level: TAlphaLevel): string {
  if (Number.isNaN(r.alpha)) return `Krippendorff's alpha (${level}) not available (${r.units} units with two or more answers).`;
  return `Krippendorff's alpha (${level}) = ${fixed(r.alpha)} over ${r.units} units (1 = perfect agreement, 0 = chance).`;
}
