// Rating study tables (SPEC §4): Likert summaries, % yes, answer counts and gain-advice accuracy, overall and by expertise.
import { avg2, pct1, share1 } from "@/lib/export/format";
import type { ResultTable, TCell } from "@/lib/export/table";
import { gainTruthOf, isDirectionCorrect, isMagnitudeCorrect, type TGainTruth } from "@/lib/rating/accuracy";
import { mean, median, sd } from "@/lib/stats/describe";
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

function likertRows(rows: readonly TRatingRow[], config: TRatingConfig, maxPoints: number): TCell[][] {
  return config.systems.flatMap((s) =>
    likertCriteria(config).map((c) => {
      const x = likertSummary(numbersFor(rows.filter((r) => r.system === s.id), c.id), pointsOf(c));
      return [s.label, nameOf(c), x.n, avg2(x.mean), avg2(x.sd), avg2(x.median), ...Array.from({ length: maxPoints }, (_, k) => (k < x.counts.length ? x.counts[k] : null))];
    }),
  );
}

/** Per system × Likert criterion: n, mean, SD, median (two decimals) and the count per scale point. */
export function likertTable(rows: readonly TRatingRow[], config: TRatingConfig, opts: { byExpertise?: boolean } = {}): ResultTable {
  const maxPoints = Math.max(0, ...likertCriteria(config).map(pointsOf));
  const head = ["System", "Criterion", "n", "Mean", "SD", "Median", ...Array.from({ length: maxPoints }, (_, k) => String(k + 1))];
  const scaleNote = likertCriteria(config).map((c) => (c.scale.kind === "likert" ? `${nameOf(c)}: 1 = ${c.scale.labels.low}, ${c.scale.points} = ${c.scale.labels.high}.` : ""));
  if (!opts.byExpertise) {
    return { id: "ratings", title: "Ratings per system and criterion", columns: head, rows: likertRows(rows, config, maxPoints), notes: scaleNote };
  }
  return {
    id: "ratings-expertise",
    title: "Ratings per system and criterion, by expertise",
    columns: ["Expertise", ...head],
    rows: byExpertise(rows).flatMap(([g, rs]) => likertRows(rs, config, maxPoints).map((r) => [g, ...r])),
    notes: scaleNote,
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
  if (!opts.byExpertise) return { id: "binary", title: "Yes/no codes per system", columns: head, rows: binaryRows(rows, config) };
  return {
    id: "binary-expertise",
    title: "Yes/no codes per system, by expertise",
    columns: ["Expertise", ...head],
    rows: byExpertise(rows).flatMap(([g, rs]) => binaryRows(rs, config).map((r) => [g, ...r])),
  };
}

/** Per system × categorical criterion × option: count and % of that system's answers to the criterion. */
export function categoricalTable(rows: readonly TRatingRow[], config: TRatingConfig): ResultTable {
  return {
    id: "categorical",
    title: "Categorical answers per system",
    columns: ["System", "Criterion", "Answer", "Count", "%"],
    rows: config.systems.flatMap((s) =>
      categoricalCriteria(config).flatMap((c) => {
        const vs = rows.filter((r) => r.system === s.id).map((r) => r.ratings[c.id]).filter((v) => v !== undefined);
        const options = c.scale.kind === "categorical" ? c.scale.options : [];
        return options.map((o) => {
          const k = vs.filter((v) => v === o.value).length;
          return [s.label, nameOf(c), o.label, k, share1(k, vs.length)];
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

/** The tables a study of this configuration has, in the order the results page shows them. */
export function ratingTables(config: TRatingConfig): { id: string; title: string }[] {
  return [
    ...(likertCriteria(config).length ? [{ id: "ratings", title: "Ratings per system and criterion" }, { id: "ratings-expertise", title: "Ratings by expertise" }] : []),
    ...(binaryCriteria(config).length ? [{ id: "binary", title: "Yes/no codes per system" }, { id: "binary-expertise", title: "Yes/no codes by expertise" }] : []),
    ...(categoricalCriteria(config).length ? [{ id: "categorical", title: "Categorical answers per system" }] : []),
    ...(truthCriteria(config).length ? [{ id: "accuracy", title: "Gain-advice accuracy" }, { id: "accuracy-expertise", title: "Gain-advice accuracy by expertise" }] : []),
    ...(config.feedback.enabled ? [{ id: "feedback", title: "Written feedback" }] : []),
  ];
}
