// Listwise study exports (SPEC §4, §5): Tables 2, 5, 6, 7, 8, 10 and judge-vs-human agreement,
// computed as data from rankings and rendered by lib/export. Humans and LLM judges share them.
import { avg2, countWithPct, fixed, pct1, share1 } from "@/lib/export/format";
import type { ResultTable } from "@/lib/export/table";
import { cohensKappa, meanKendallTau, rankVectors } from "@/lib/stats/agreement";
import { kendallWByItemSentence, proportionPhrase } from "@/lib/stats/plain-words";
import { wilson } from "@/lib/stats/proportion";
import { kendallWByItem } from "@/lib/stats/rankings";

/** One full ranking of one item by one rater (human or judge): system ids, best first, no ties. */
export interface TRanking {
  raterId: string;
  itemId: string;
  topic: string | null;
  ranking: string[];
}

/** A system in display order (the tables' column/row order). */
export interface TSystem {
  id: string;
  label: string;
}

/** Per-system rank statistics over a pool of rankings. */
export interface TSystemRankStats {
  id: string;
  label: string;
  /** counts[r − 1] = times ranked r. */
  counts: number[];
  /** Mean rank; NaN with no rankings. */
  avgRank: number;
  /** Mean of 10 − (r − 1) · 10 / (n − 1); NaN with no rankings. */
  avgScore: number;
}

/** System id → column index, built once per table. */
const indexOf = (systems: readonly TSystem[]) => new Map(systems.map((s, i) => [s.id, i] as const));

/**
 * Throws unless `r.ranking` is a permutation of the systems' ids — a partial or padded ranking is
 * a bug upstream, not data. A bit mask instead of a Set keeps this allocation-free per ranking.
 */
function checkPermutation(r: TRanking, index: Map<string, number>, systems: readonly TSystem[]): void {
  let seen = 0;
  let ok = r.ranking.length === systems.length;
  for (let p = 0; ok && p < r.ranking.length; p++) {
    const s = index.get(r.ranking[p]);
    if (s === undefined || seen & (1 << s)) ok = false;
    else seen |= 1 << s;
  }
  if (!ok) {
    throw new Error(
      `Ranking of item ${r.itemId} by ${r.raterId} is [${r.ranking.join(", ")}], not a permutation of [${systems.map((s) => s.id).join(", ")}]`,
    );
  }
}

/** Score of rank r among n systems: 10 for the best, 0 for the worst, evenly spaced (10, 5, 0 for n = 3). */
export const rankScore = (r: number, n: number): number => (n <= 1 ? 10 : 10 - ((r - 1) * 10) / (n - 1));

/** Rank counts, average rank and average score per system, in `systems` order. */
export function rankStats(rankings: readonly TRanking[], systems: readonly TSystem[]): TSystemRankStats[] {
  const n = systems.length;
  const index = indexOf(systems);
  const counts = systems.map(() => new Array<number>(n).fill(0));
  for (const r of rankings) {
    checkPermutation(r, index, systems);
    for (let p = 0; p < n; p++) counts[index.get(r.ranking[p])!][p]++;
  }
  const total = rankings.length;
  return systems.map((s, i) => {
    const c = counts[i];
    const rankSum = c.reduce((acc, k, i) => acc + k * (i + 1), 0);
    const scoreSum = c.reduce((acc, k, i) => acc + k * rankScore(i + 1, n), 0);
    return { id: s.id, label: s.label, counts: c, avgRank: total ? rankSum / total : NaN, avgScore: total ? scoreSum / total : NaN };
  });
}

const pctCell = (count: number, total: number) => `${share1(count, total)}%`;

/** A Wilson 95% interval of count/total as "30.9–49.8%", "—" with no data. */
export const wilsonCell = (count: number, total: number): string => {
  if (total === 0) return "—";
  const w = wilson(count, total);
  return `${pct1(w.lower)}–${pct1(w.upper)}%`;
};

/** "Ranked #1 (Wilson 95% intervals): Qwen 52.0% (95% CI 42.3% to 61.5%); …" over `total` rankings. */
export function rankOneSentence(stats: readonly TSystemRankStats[], total: number): string {
  return `Ranked #1, with Wilson 95% intervals: ${stats.map((s) => `${s.label} ${proportionPhrase(wilson(s.counts[0], total))}`).join("; ")}.`;
}

/** Table 7: times each system got each rank, over raters × items. */
export function table7(rankings: readonly TRanking[], systems: readonly TSystem[], opts: { id?: string; title?: string } = {}): ResultTable {
  return {
    id: opts.id ?? "table7",
    title: opts.title ?? "Table 7 — Aggregated rankings",
    columns: ["Model", ...systems.map((_, i) => `Rank ${i + 1} Count`)],
    rows: rankStats(rankings, systems).map((s) => [s.label, ...s.counts]),
    notes: rankings.length ? [rankOneSentence(rankStats(rankings, systems), rankings.length)] : [],
  };
}

/**
 * Table 8: Table 7's layout for an LLM judge's rankings on the same items. Failed items are
 * absent from `rankings`; pass `failed` to say so in a note (they are never filled in).
 */
export function table8(
  rankings: readonly TRanking[],
  systems: readonly TSystem[],
  opts: { judge?: string; title?: string; failed?: number } = {},
): ResultTable {
  const t = table7(rankings, systems, {
    id: "table8",
    title: opts.title ?? `Table 8 — Aggregated rankings, LLM judge${opts.judge ? ` (${opts.judge})` : ""}`,
  });
  if (opts.failed) t.notes = [`${opts.failed} item(s) failed (reply did not parse after retries) and are not counted.`, ...(t.notes ?? [])];
  return t;
}

/**
 * Table 2: ranking summary, one column per system. "Times Ranked #1" and the "% Rank r" rows
 * are shares of the N rankings; with `failed` > 0 a "Failed (not ranked)" row gives the failed
 * count and its share of all attempts (ranked + failed) — the same in every column, since a
 * failed item has no rank for any system.
 */
export function table2(
  rankings: readonly TRanking[],
  systems: readonly TSystem[],
  opts: { failed?: number; title?: string } = {},
): ResultTable {
  const stats = rankStats(rankings, systems);
  const total = rankings.length;
  const failed = opts.failed ?? 0;
  const rows: ResultTable["rows"] = [
    ["Avg. Rank (lower is better)", ...stats.map((s) => avg2(s.avgRank))],
    ["Avg. Score (out of 10)", ...stats.map((s) => avg2(s.avgScore))],
    ["Times Ranked #1", ...stats.map((s) => countWithPct(s.counts[0], total))],
    ...systems.map((_, r) => [`% Rank ${r + 1}`, ...stats.map((s) => pctCell(s.counts[r], total))]),
    ["% Ranked #1, 95% CI (Wilson)", ...stats.map((s) => wilsonCell(s.counts[0], total))],
  ];
  if (failed > 0) rows.push(["Failed (not ranked)", ...stats.map(() => countWithPct(failed, total + failed))]);
  return {
    id: "table2",
    title: opts.title ?? "Table 2 — Ranking summary",
    columns: ["Metric", ...systems.map((s) => s.label)],
    rows,
    notes: [`N = ${total} rankings. Score for rank r of n: 10 − (r − 1) · 10 / (n − 1).`],
  };
}

/** MixAssist topic ids → display labels; unknown ids are title-cased (snake_case → "Snake Case"). */
export const TOPIC_LABELS: Record<string, string> = {
  overall_mix: "Overall Mix",
  drums: "Drums",
  guitars: "Guitars",
  vocals: "Vocals",
  bass: "Bass",
  keys: "Keys",
};
const NO_TOPIC = "No topic";

const titleCase = (id: string) => id.split(/[_\s-]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(" ");

/**
 * Per topic: number of rankings and how often each system was ranked #1. Topics are ordered by
 * number of rankings, most first; equal counts keep the order in which the topics first appear.
 * Rankings without a topic form a "No topic" group.
 */
export function topicBest(rankings: readonly TRanking[], systems: readonly TSystem[], topicLabels: Record<string, string> = {}) {
  const groups = new Map<string | null, { n: number; best: Map<string, number> }>();
  const index = indexOf(systems);
  for (const r of rankings) {
    checkPermutation(r, index, systems);
    let g = groups.get(r.topic);
    if (!g) groups.set(r.topic, (g = { n: 0, best: new Map() }));
    g.n++;
    g.best.set(r.ranking[0], (g.best.get(r.ranking[0]) ?? 0) + 1);
  }
  const label = (t: string | null) => (t === null ? NO_TOPIC : topicLabels[t] ?? TOPIC_LABELS[t] ?? titleCase(t));
  // Array.prototype.sort is stable, so ties keep first-appearance (Map insertion) order.
  return [...groups.entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .map(([topic, g]) => ({ topic, label: label(topic), n: g.n, best: systems.map((s) => g.best.get(s.id) ?? 0) }));
}

/** Table 10: rank #1 share by topic; "# Samples" is the topic's share of all rankings; Wilson 95% intervals in the notes. */
export function table10(rankings: readonly TRanking[], systems: readonly TSystem[], topicLabels?: Record<string, string>): ResultTable {
  const total = rankings.length;
  const topics = topicBest(rankings, systems, topicLabels);
  return {
    id: "table10",
    title: "Table 10 — Rank #1 share by topic",
    columns: ["Topic", "# Samples", ...systems.map((s) => `${s.label} (% Best)`)],
    rows: topics.map((t) => [t.label, countWithPct(t.n, total), ...t.best.map((b) => pctCell(b, t.n))]),
    notes: topics.length
      ? ["% Best with Wilson 95% intervals, per topic:", ...topics.map((t) => `${t.label} (n = ${t.n}): ${systems.map((s, i) => `${s.label} ${wilsonCell(t.best[i], t.n)}`).join("; ")}.`)]
      : [],
  };
}

/**
 * Table 6, the two-system case: per system the % of rankings that put it first and its average
 * rank. Null unless there are exactly two systems (the results page then omits it).
 */
export function table6(rankings: readonly TRanking[], systems: readonly TSystem[]): ResultTable | null {
  if (systems.length !== 2) return null;
  const total = rankings.length;
  return {
    id: "table6",
    title: "Table 6 — Two-system preference",
    columns: ["Model", "% Preferred", "95% CI (Wilson)", "Avg. Rank"],
    rows: rankStats(rankings, systems).map((s) => [s.label, pctCell(s.counts[0], total), wilsonCell(s.counts[0], total), avg2(s.avgRank)]),
    notes: [`N = ${total} rankings.`],
  };
}

/** One judge's pool for Table 5: the human raters together, or one LLM judge. */
export interface TJudgePool {
  judge: string;
  rankings: TRanking[];
  /** Items the judge failed on (never replaced); 0 for humans. */
  failed?: number;
}

/** Table 5: one row per judge with N, then % ranked #1 and average rank per system, then failures. */
export function table5(pools: readonly TJudgePool[], systems: readonly TSystem[]): ResultTable {
  return {
    id: "table5",
    title: "Table 5 — Rankings by judge",
    columns: ["Judge", "N", ...systems.flatMap((s) => [`${s.label} % #1`, `${s.label} Avg. Rank`]), "Failed"],
    rows: pools.map((p) => {
      const n = p.rankings.length;
      const stats = rankStats(p.rankings, systems);
      return [p.judge, n, ...stats.flatMap((s) => [pctCell(s.counts[0], n), avg2(s.avgRank)]), p.failed ?? 0];
    }),
    notes: ["N = rankings that parsed; Failed = items with no usable ranking (not replaced)."],
  };
}

/** A rater (human or judge) for agreement: item id → ranking of system ids, best first. */
export interface TAgreementRater {
  id: string;
  label: string;
  rankings: Map<string, string[]>;
}

/** Agreement of one pair of raters over the items both ranked. */
export interface TPairAgreement {
  a: string;
  b: string;
  label: string;
  n: number;
  /** Cohen's kappa on the top-ranked system; NaN when undefined. */
  kappa: number;
  /** Mean Kendall's tau-b between the two rankings per item; NaN with no shared items. */
  tau: number;
}

/** Every pair of raters in the given order (put the judge first to get "Judge vs Rater 1" …, then human pairs). */
export function pairAgreements(raters: readonly TAgreementRater[]): TPairAgreement[] {
  const out: TPairAgreement[] = [];
  for (let i = 0; i < raters.length; i++) {
    for (let j = i + 1; j < raters.length; j++) {
      const A = raters[i];
      const B = raters[j];
      const topA: string[] = [];
      const topB: string[] = [];
      const pairs: [number[], number[]][] = [];
      for (const [item, ra] of A.rankings) {
        const rb = B.rankings.get(item);
        if (!rb) continue;
        topA.push(ra[0]);
        topB.push(rb[0]);
        pairs.push(rankVectors(ra, rb));
      }
      out.push({ a: A.id, b: B.id, label: `${A.label} vs ${B.label}`, n: topA.length, kappa: cohensKappa(topA, topB).kappa, tau: meanKendallTau(pairs) });
    }
  }
  return out;
}

/** Agreement table: per pair, shared items, Cohen's kappa on the top choice, mean Kendall's tau. */
export function agreementTable(raters: readonly TAgreementRater[]): ResultTable {
  return {
    id: "agreement",
    title: "Agreement between judges and raters",
    columns: ["Pair", "N Items", "Cohen's κ (top choice)", "Mean Kendall's τ"],
    rows: pairAgreements(raters).map((p) => [p.label, p.n, fixed(p.kappa, 2), fixed(p.tau, 2)]),
    notes: [
      "Over the items both raters ranked. — = undefined (e.g. both always chose the same system).",
      ...pairAgreements(raters).map((p) =>
        p.n === 0
          ? `${p.label}: no item ranked by both.`
          : `${p.label}: over ${p.n} shared items, Cohen's kappa on the top choice = ${fixed(p.kappa, 2)} and mean Kendall's tau between the rankings = ${fixed(p.tau, 2)} (1 = same, 0 = chance).`,
      ),
    ],
  };
}

/**
 * Agreement among the human rankers of a listwise study: Kendall's W per item (raters × systems)
 * averaged over the items ranked by two or more raters; says so when no item has two.
 */
export function rankersAgreementTable(rankings: readonly TRanking[], systems: readonly TSystem[]): ResultTable {
  const w = kendallWByItem(rankings, systems.map((s) => s.id));
  return {
    id: "agreement",
    title: "Agreement between rankers",
    columns: ["Measure", "Items (2+ raters)", "Rankings used", "Median raters per item", "Value"],
    rows: [["Kendall's W (mean over items)", w.items, w.rankings, w.items ? fixed(w.medianRaters, 0) : "—", w.items ? fixed(w.meanW, 2) : "—"]],
    notes: [kendallWByItemSentence(w)],
  };
}
