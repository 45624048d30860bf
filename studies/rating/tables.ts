// Rating study tables (SPEC §4): Likert summaries, % yes, answer counts and gain-advice accuracy, overall and by expertise.
import { avg2, fixed, pct1, share1 } from "@/lib/export/format";
import type { ResultTable, TCell } from "@/lib/export/table";
import { gainTruthOf, isDirectionCorrect, isMagnitudeCorrect, type TGainTruth } from "@/lib/rating/accuracy";
import { createRng } from "@/lib/random/rng";
import { itemMeanBootstrap } from "@/lib/stats/bootstrap";
import { mean, median, sd } from "@/lib/stats/describe";
import { wilcoxonSignedRank } from "@/lib/stats/distributions";
import { krippendorffAlphaFromCounts, type TAlphaLevel } from "@/lib/stats/krippendorff";
import { alphaSentence, pairedWilcoxonSentence } from "@/lib/stats/plain-words";
import { wilson } from "@/lib/stats/proportion";
import type { TJudgmentExportRow } from "../judgments-csv";
import { ratingPayloadOf, type TRatingValue } from "./answer";
import type { TRatingConfig, TRatingCriterion } from "./config";

/** One rated response: a judgment flattened to one of the systems it showed. */
export interface TRatingRow {
  participantId: string;
  expertise: string | null;
  itemId: string;
  itemExternalId: string;
  system: string;
  position: string;
  ratings: Record<string, TRatingValue>;
  feedback: string | null;
  truth: TGainTruth | null;
}

/** Flattens the long export rows (one per judgment) to one row per (judgment × response). */
export function ratingRowsOf(rows: readonly TJudgmentExportRow[]): TRatingRow[] {
  return rows.flatMap((r) => {
    const p = ratingPayloadOf(r.payload);
    if (!p) return [];
    const truth = gainTruthOf(r.groundTruth);
    return Object.keys(p.ratings).map((system) => ({
      participantId: r.participantId,
      expertise: r.expertise,
      itemId: r.itemId ?? r.itemExternalId,
      itemExternalId: r.itemExternalId,
      system,
      position: p.positions[system] ?? "",
      ratings: p.ratings[system],
      feedback: p.feedback?.[system] ?? null,
      truth,
    }));
  });
}

const EXPERTISE = ["Amateur", "Intermediate", "Expert"];
const NOT_GIVEN = "Not given";

/** Expertise groups in a fixed order; "Not given" only when some row lacks it. */
function byExpertise(rows: readonly TRatingRow[]): [string, TRatingRow[]][] {
  const keys = [...EXPERTISE, ...(rows.some((r) => !r.expertise || !EXPERTISE.includes(r.expertise)) ? [NOT_GIVEN] : [])];
  return keys.map((k) => [k, rows.filter((r) => (r.expertise && EXPERTISE.includes(r.expertise) ? r.expertise : NOT_GIVEN) === k)]);
}

export interface TLikertSummary {
  n: number;
  mean: number;
  sd: number;
  median: number;
  /** counts[k] = how many chose point k + 1. */
  counts: number[];
}

/** n, mean, SD (n − 1), median and the count per point of one Likert criterion's answers. */
export function likertSummary(values: readonly number[], points: number): TLikertSummary {
  const counts = Array.from({ length: points }, (_, k) => values.filter((v) => v === k + 1).length);
  return { n: values.length, mean: mean(values), sd: sd(values), median: median(values), counts };
}

const likertCriteria = (config: TRatingConfig) => config.criteria.filter((c) => c.scale.kind === "likert");
const binaryCriteria = (config: TRatingConfig) => config.criteria.filter((c) => c.scale.kind === "binary");
const categoricalCriteria = (config: TRatingConfig) => config.criteria.filter((c) => c.scale.kind === "categorical");
const nameOf = (c: TRatingCriterion) => c.short ?? c.label;
const pointsOf = (c: TRatingCriterion) => (c.scale.kind === "likert" ? c.scale.points : 0);
const numbersFor = (rows: readonly TRatingRow[], id: string) => rows.map((r) => r.ratings[id]).filter((v): v is number => typeof v === "number");
const ci = (k: number, n: number) => {
  if (n === 0) return "—";
  const w = wilson(k, n);
  return `[${pct1(w.lower)}, ${pct1(w.upper)}]`;
};

/** Item index over `rows` (first-seen order), so per-item sums fit in flat arrays. */
function itemIndex(rows: readonly TRatingRow[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const r of rows) if (!index.has(r.itemId)) index.set(r.itemId, index.size);
  return index;
}

/** Per item: sum and count of one system's numeric answers to one criterion (one pass, flat arrays). */
function itemSums(rows: readonly TRatingRow[], index: Map<string, number>, system: string, criterion: string) {
  const sums = new Float64Array(index.size);
  const counts = new Float64Array(index.size);
  for (const r of rows) {
    if (r.system !== system) continue;
    const v = r.ratings[criterion];
    if (typeof v !== "number") continue;
    const i = index.get(r.itemId)!;
    sums[i] += v;
    counts[i]++;
  }
  return { sums, counts };
}

const DEFAULT_STATISTICS = { seed: "mixstudy", bootstrapResamples: 1000 };

/** Bootstrap 95% interval of a system's mean on a criterion, resampling items; stream names the cell so cells do not share draws. */
function meanInterval(rows: readonly TRatingRow[], index: Map<string, number>, system: string, criterion: string, config: TRatingConfig, stream: string) {
  const { sums, counts } = itemSums(rows, index, system, criterion);
  const st = config.statistics ?? DEFAULT_STATISTICS;
  return itemMeanBootstrap(sums, counts, { resamples: st.bootstrapResamples, rng: createRng(st.seed, `bootstrap:mean:${stream}:${system}:${criterion}`) });
}

function likertRows(rows: readonly TRatingRow[], config: TRatingConfig, maxPoints: number, stream: string): TCell[][] {
  const index = itemIndex(rows);
  return config.systems.flatMap((s) =>
    likertCriteria(config).map((c) => {
      const x = likertSummary(numbersFor(rows.filter((r) => r.system === s.id), c.id), pointsOf(c));
      const b = meanInterval(rows, index, s.id, c.id, config, stream);
      const interval = Number.isFinite(b.lower) ? `${avg2(b.lower)}–${avg2(b.upper)}` : "—";
      return [s.label, nameOf(c), x.n, avg2(x.mean), avg2(x.sd), avg2(x.median), interval, ...Array.from({ length: maxPoints }, (_, k) => (k < x.counts.length ? x.counts[k] : null))];
    }),
  );
}

/**
 * With exactly two systems, per Likert criterion: a paired two-sided Wilcoxon signed-rank test
 * (R `wilcox.test(x, y, paired = TRUE)`) on the items' mean ratings, over items rated for both.
 */
export function pairedTests(rows: readonly TRatingRow[], config: TRatingConfig): string[] {
  if (config.systems.length !== 2) return [];
  const [a, b] = config.systems;
  const index = itemIndex(rows);
  return likertCriteria(config).map((c) => {
    const A = itemSums(rows, index, a.id, c.id);
    const B = itemSums(rows, index, b.id, c.id);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < index.size; i++) {
      if (A.counts[i] > 0 && B.counts[i] > 0) {
        x.push(A.sums[i] / A.counts[i]);
        y.push(B.sums[i] / B.counts[i]);
      }
    }
    if (x.length === 0) return `Paired Wilcoxon signed-rank test, ${nameOf(c)}, ${a.label} vs ${b.label}: not available (no item rated for both).`;
    const w = wilcoxonSignedRank(x, y);
    const higher = mean(x) > mean(y) ? a.label : mean(x) < mean(y) ? b.label : null;
    const tail = higher ? ` (${higher} rated higher on average)` : "";
    const sentence = pairedWilcoxonSentence(w, `${nameOf(c)}, ${a.label} vs ${b.label} on ${x.length} items' mean ratings`);
    return tail ? `${sentence.slice(0, -1)}${tail}.` : sentence;
  });
}

/** Per system × Likert criterion: n, mean, SD, median (two decimals), the mean's bootstrap 95% interval and the count per scale point. */
export function likertTable(rows: readonly TRatingRow[], config: TRatingConfig, opts: { byExpertise?: boolean } = {}): ResultTable {
  const maxPoints = Math.max(0, ...likertCriteria(config).map(pointsOf));
  const head = ["System", "Criterion", "n", "Mean", "SD", "Median", "Mean 95% CI", ...Array.from({ length: maxPoints }, (_, k) => String(k + 1))];
  const scaleNote = likertCriteria(config).map((c) => (c.scale.kind === "likert" ? `${nameOf(c)}: 1 = ${c.scale.labels.low}, ${c.scale.points} = ${c.scale.labels.high}.` : ""));
  const st = config.statistics ?? DEFAULT_STATISTICS;
  const ciNote = `Mean 95% CI: percentile bootstrap resampling items (${st.bootstrapResamples} resamples, seed "${st.seed}").`;
  if (!opts.byExpertise) {
    return { id: "ratings", title: "Ratings per system and criterion", columns: head, rows: likertRows(rows, config, maxPoints, "all"), notes: [...scaleNote, ciNote, ...pairedTests(rows, config)] };
  }
  return {
    id: "ratings-expertise",
    title: "Ratings per system and criterion, by expertise",
    columns: ["Expertise", ...head],
    rows: byExpertise(rows).flatMap(([g, rs]) => likertRows(rs, config, maxPoints, g).map((r) => [g, ...r])),
    notes: [...scaleNote, ciNote],
  };
}

function binaryRows(rows: readonly TRatingRow[], config: TRatingConfig): TCell[][] {
  return config.systems.flatMap((s) =>
    binaryCriteria(config).map((c) => {
      const vs = rows.filter((r) => r.system === s.id).map((r) => r.ratings[c.id]).filter((v) => v === "yes" || v === "no");
      const yes = vs.filter((v) => v === "yes").length;
      return [s.label, nameOf(c), vs.length, yes, share1(yes, vs.length), ci(yes, vs.length)];
    }),
  );
}

/** Per system × yes/no criterion: n, yes, % yes (one decimal) and its Wilson 95% interval. */
export function binaryTable(rows: readonly TRatingRow[], config: TRatingConfig, opts: { byExpertise?: boolean } = {}): ResultTable {
  const head = ["System", "Criterion", "n", "Yes", "% Yes", "95% CI"];
  if (!opts.byExpertise) return { id: "binary", title: "Yes/no codes per system", columns: head, rows: binaryRows(rows, config), notes: [WILSON_NOTE] };
  return {
    id: "binary-expertise",
    title: "Yes/no codes per system, by expertise",
    columns: ["Expertise", ...head],
    rows: byExpertise(rows).flatMap(([g, rs]) => binaryRows(rs, config).map((r) => [g, ...r])),
    notes: [WILSON_NOTE],
  };
}

const WILSON_NOTE = "95% CI: Wilson score interval of the share, in %.";

/** Per system × categorical criterion × option: count and % of that system's answers to the criterion. */
export function categoricalTable(rows: readonly TRatingRow[], config: TRatingConfig): ResultTable {
  return {
    id: "categorical",
    title: "Categorical answers per system",
    columns: ["System", "Criterion", "Answer", "Count", "%", "95% CI"],
    notes: [WILSON_NOTE],
    rows: config.systems.flatMap((s) =>
      categoricalCriteria(config).flatMap((c) => {
        const vs = rows.filter((r) => r.system === s.id).map((r) => r.ratings[c.id]).filter((v) => v !== undefined);
        const options = c.scale.kind === "categorical" ? c.scale.options : [];
        return options.map((o) => {
          const k = vs.filter((v) => v === o.value).length;
          return [s.label, nameOf(c), o.label, k, share1(k, vs.length), ci(k, vs.length)];
        });
      }),
    ),
  };
}

export interface TAccuracy {
  correct: number;
  n: number;
}

/**
 * Accuracy of one categorical criterion with ground truth over rows that carry a gain truth and an answer
 * that can be scored: direction undoes the error; magnitude is the option whose index is the |error|'s band.
 */
export function accuracyOf(rows: readonly TRatingRow[], c: TRatingCriterion, config: TRatingConfig): TAccuracy {
  if (c.scale.kind !== "categorical" || !c.scale.groundTruth) return { correct: 0, n: 0 };
  const { magnitudeBandsDb, leaveBelowDb } = config.accuracy;
  let correct = 0;
  let n = 0;
  for (const r of rows) {
    const v = r.ratings[c.id];
    if (!r.truth || typeof v !== "string") continue;
    const ok =
      c.scale.groundTruth === "direction"
        ? isDirectionCorrect(v, r.truth, leaveBelowDb)
        : isMagnitudeCorrect(c.scale.options.findIndex((o) => o.value === v), r.truth, magnitudeBandsDb, leaveBelowDb);
    if (ok === null) continue;
    n++;
    if (ok) correct++;
  }
  return { correct, n };
}

const truthCriteria = (config: TRatingConfig) => config.criteria.filter((c) => c.scale.kind === "categorical" && c.scale.groundTruth);

function accuracyRows(rows: readonly TRatingRow[], config: TRatingConfig): TCell[][] {
  return config.systems.flatMap((s) =>
    truthCriteria(config).map((c) => {
      const a = accuracyOf(rows.filter((r) => r.system === s.id), c, config);
      const kind = c.scale.kind === "categorical" && c.scale.groundTruth === "direction" ? "Direction" : "Magnitude";
      const measure = nameOf(c).toLowerCase() === kind.toLowerCase() ? `${kind} accuracy` : `${kind} accuracy (${nameOf(c)})`;
      return [s.label, measure, a.n, a.correct, share1(a.correct, a.n), ci(a.correct, a.n)];
    }),
  );
}

/** Direction and magnitude accuracy per system with n and the Wilson 95% interval. */
export function accuracyTable(rows: readonly TRatingRow[], config: TRatingConfig, opts: { byExpertise?: boolean } = {}): ResultTable {
  const head = ["System", "Measure", "n", "Correct", "Accuracy (%)", "95% CI"];
  const [a, b] = config.accuracy.magnitudeBandsDb;
  const notes = [
    `Direction is correct when the advice undoes the injected error (a track made louder should be lowered)${config.accuracy.leaveBelowDb > 0 ? `; an |error| below ${config.accuracy.leaveBelowDb} dB should be left` : ""}.`,
    `Magnitude bands: |error| < ${a} dB ${"slight"}, ${a}–${b} dB moderate, > ${b} dB a lot (the options in order).`,
    WILSON_NOTE,
  ];
  if (!opts.byExpertise) return { id: "accuracy", title: "Gain-advice accuracy per system", columns: head, rows: accuracyRows(rows, config), notes };
  return {
    id: "accuracy-expertise",
    title: "Gain-advice accuracy per system, by expertise",
    columns: ["Expertise", ...head],
    rows: byExpertise(rows).flatMap(([g, rs]) => accuracyRows(rs, config).map((r) => [g, ...r])),
    notes,
  };
}

/** Every written feedback, per system then item, for reading the qualitative answers alongside the numbers. */
export function feedbackTable(rows: readonly TRatingRow[], config: TRatingConfig): ResultTable {
  return {
    id: "feedback",
    title: "Written feedback per system",
    columns: ["System", "Item", "Expertise", "Feedback"],
    rows: config.systems.flatMap((s) =>
      rows
        .filter((r) => r.system === s.id && r.feedback)
        .sort((a, b) => a.itemExternalId.localeCompare(b.itemExternalId))
        .map((r) => [s.label, r.itemExternalId, r.expertise ?? NOT_GIVEN, r.feedback]),
    ),
  };
}

/**
 * Agreement between raters of the same response: per criterion, Krippendorff's alpha with units
 * = item × system and values = the raters' answers — ordinal for Likert criteria (scale points
 * in order), nominal for yes/no and categorical ones. Counted per unit in one pass.
 */
export function ratingAgreementTable(rows: readonly TRatingRow[], config: TRatingConfig): ResultTable {
  const results = config.criteria.map((c) => {
    const level: TAlphaLevel = c.scale.kind === "likert" ? "ordinal" : "nominal";
    const cats: (string | number)[] =
      c.scale.kind === "likert" ? Array.from({ length: c.scale.points }, (_, k) => k + 1) : c.scale.kind === "binary" ? ["yes", "no"] : c.scale.options.map((o) => o.value);
    const catIndex = new Map(cats.map((v, i) => [v, i] as const));
    const units = new Map<string, number[]>();
    for (const r of rows) {
      const k = catIndex.get(r.ratings[c.id] as string | number);
      if (k === undefined) continue;
      const key = `${r.itemId}\u0000${r.system}`;
      let u = units.get(key);
      if (!u) units.set(key, (u = new Array<number>(cats.length).fill(0)));
      u[k]++;
    }
    return { c, level, r: krippendorffAlphaFromCounts([...units.values()], level) };
  });
  return {
    id: "agreement",
    title: "Agreement between raters",
    columns: ["Criterion", "Level", "Responses (2+ raters)", "Answers used", "Krippendorff's α"],
    rows: results.map(({ c, level, r }) => [nameOf(c), level, r.units, r.pairable, r.units === 0 ? "—" : fixed(r.alpha, 2)]),
    notes: [
      ...results.map(({ c, level, r }) => `${nameOf(c)}: ${alphaSentence(r, level, { units: "responses rated by 2+ raters", missing: "needs responses rated by at least two participants" })}`),
      "A unit is one system's response to one item; ordinal for Likert scales, nominal for yes/no and categorical answers; — = not available.",
    ],
  };
}

/** The tables a study of this configuration has, in the order the results page shows them. */
export function ratingTables(config: TRatingConfig): { id: string; title: string }[] {
  return [
    ...(likertCriteria(config).length ? [{ id: "ratings", title: "Ratings per system and criterion" }, { id: "ratings-expertise", title: "Ratings by expertise" }] : []),
    ...(binaryCriteria(config).length ? [{ id: "binary", title: "Yes/no codes per system" }, { id: "binary-expertise", title: "Yes/no codes by expertise" }] : []),
    ...(categoricalCriteria(config).length ? [{ id: "categorical", title: "Categorical answers per system" }] : []),
    ...(truthCriteria(config).length ? [{ id: "accuracy", title: "Gain-advice accuracy" }, { id: "accuracy-expertise", title: "Gain-advice accuracy by expertise" }] : []),
    ...(config.criteria.length ? [{ id: "agreement", title: "Agreement between raters" }] : []),
    ...(config.feedback.enabled ? [{ id: "feedback", title: "Written feedback" }] : []),
  ];
}
