// Chat study exports: Table 12 (a) naturalness Q2, (b) novelty Q4 and Table 13 contribution Q3 (SPEC §4), overall and by expertise.
import { countWithPct, pct1, share1 } from "@/lib/export/format";
import type { ResultTable } from "@/lib/export/table";
import { wilson } from "@/lib/stats/proportion";
import type { TJudgmentExportRow } from "../judgments-csv";
import { SURVEY_SCALES, ZSurveyAnswer, type TSurveyAnswer, type TSurveyScale } from "./survey";

export const CHAT_TABLES = [
  { id: "12a", scale: "naturalness", byExpertise: false, title: "Table 12 (a) — Live-chat survey: naturalness (Q2)" },
  { id: "12b", scale: "novelty", byExpertise: false, title: "Table 12 (b) — Live-chat survey: novelty (Q4)" },
  { id: "13", scale: "contribution", byExpertise: false, title: "Table 13 — Agent contribution vs own input (Q3)" },
  { id: "12a-expertise", scale: "naturalness", byExpertise: true, title: "Table 12 (a) by expertise — naturalness (Q2)" },
  { id: "12b-expertise", scale: "novelty", byExpertise: true, title: "Table 12 (b) by expertise — novelty (Q4)" },
  { id: "13-expertise", scale: "contribution", byExpertise: true, title: "Table 13 by expertise — contribution (Q3)" },
] as const satisfies readonly { id: string; scale: TSurveyScale; byExpertise: boolean; title: string }[];

export type TChatTableId = (typeof CHAT_TABLES)[number]["id"];

/** One submitted survey with who gave it. */
export interface TSurveyRow {
  participantId: string;
  expertise: string | null;
  survey: TSurveyAnswer;
}

const EXPERTISE = ["Amateur", "Intermediate", "Expert"] as const;
const NOT_GIVEN = "Not given";

/** Stored judgments of a chat study → surveys; a payload that is not a survey (should not happen) is left out. */
export function surveyRows(rows: readonly TJudgmentExportRow[]): TSurveyRow[] {
  return rows.flatMap((r) => {
    const parsed = ZSurveyAnswer.safeParse(r.payload);
    return parsed.success ? [{ participantId: r.participantId, expertise: r.expertise, survey: parsed.data }] : [];
  });
}

/** Per answer, highest point of the scale first (the papers' order): count and share of all surveys. */
export function scaleCounts(rows: readonly TSurveyRow[], scale: TSurveyScale, labels: readonly string[]) {
  const keys = SURVEY_SCALES[scale];
  const n = rows.length;
  return keys
    .map((key, i) => ({ key, label: labels[i] ?? key, count: rows.filter((r) => r.survey[scale] === key).length }))
    .reverse()
    .map((c) => ({ ...c, n, interval: wilson(c.count, n) }));
}

const interval = (p: { lower: number; upper: number }) => (Number.isFinite(p.lower) ? `${pct1(p.lower)}–${pct1(p.upper)}` : "—");

/** Response | Count | % | Wilson 95% CI (%); N = surveys. */
export function scaleTable(id: string, title: string, rows: readonly TSurveyRow[], scale: TSurveyScale, labels: readonly string[]): ResultTable {
  const n = rows.length;
  return {
    id,
    title,
    columns: ["Response", `Count (N=${n})`, "%", "95% CI (%)"],
    rows: scaleCounts(rows, scale, labels).map((c) => [c.label, c.count, share1(c.count, n), interval(c.interval)]),
    notes: ["% of participants who answered the survey; Wilson score 95% intervals."],
  };
}

/** Expertise | N | one column per answer (highest first) as "count (share of the group %)". */
export function scaleByExpertiseTable(id: string, title: string, rows: readonly TSurveyRow[], scale: TSurveyScale, labels: readonly string[]): ResultTable {
  const groups: string[] = [...EXPERTISE, ...(rows.some((r) => !EXPERTISE.includes(r.expertise as never)) ? [NOT_GIVEN] : [])];
  const keys = [...SURVEY_SCALES[scale]].reverse();
  const labelOf = (key: string) => labels[SURVEY_SCALES[scale].indexOf(key as never)] ?? key;
  return {
    id,
    title,
    columns: ["Expertise", "N", ...keys.map(labelOf)],
    rows: groups.map((g) => {
      const inGroup = rows.filter((r) => (EXPERTISE.includes(r.expertise as never) ? r.expertise : NOT_GIVEN) === g);
      return [g, inGroup.length, ...keys.map((k) => countWithPct(inGroup.filter((r) => r.survey[scale] === k).length, inGroup.length))];
    }),
    notes: ["N = participants in the group (one survey each); % of the group."],
  };
}

export function chatTable(id: string, rows: readonly TJudgmentExportRow[], labelsOf: (scale: TSurveyScale) => readonly string[]): ResultTable {
  const spec = CHAT_TABLES.find((t) => t.id === id) ?? CHAT_TABLES[0];
  const surveys = surveyRows(rows);
  return spec.byExpertise
    ? scaleByExpertiseTable(spec.id, spec.title, surveys, spec.scale, labelsOf(spec.scale))
    : scaleTable(spec.id, spec.title, surveys, spec.scale, labelsOf(spec.scale));
}
