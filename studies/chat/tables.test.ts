// Tables 12 and 13 on the paper's own counts (SPEC §4), worked by hand, and the by-expertise layout.
import { describe, expect, it } from "vitest";
import { renderTable } from "@/lib/export/table";
import type { TJudgmentExportRow } from "../judgments-csv";
import { loadTemplate } from "../registry";
import { chatMode } from "./mode";
import type { TChatConfig } from "./config";
import type { TSurveyAnswer } from "./survey";

const config = loadTemplate("mixassist-live-chat") as TChatConfig;

function rows(spec: { expertise: string | null; survey: Partial<TSurveyAnswer> }[]): TJudgmentExportRow[] {
  return spec.map((s, i) => ({
    studySlug: "s", participantId: `p${i}`, prolificPid: null, prolificStudyId: null, prolificSessionId: null, expertise: s.expertise, seed: "x", round: 1,
    itemExternalId: "own-clip", conversationId: null, turnId: null, topic: null, systemOrder: [], answerPosition: "k", answer: "k",
    payload: { naturalness: "very_natural", contribution: "slightly_more", novelty: "a_little", insights: "", ...s.survey },
    timeOnItemMs: null, listenedMs: null, shownAt: null, answeredAt: new Date(0),
  }));
}

// The paper's ten participants: Q2 4/3/3/0, Q4 Definitely 0 / Somewhat 5 / A little 2 / Not at all 3, Q3 0/4/5/1.
const nat = ["very_natural", "very_natural", "very_natural", "very_natural", "somewhat_natural", "somewhat_natural", "somewhat_natural", "somewhat_unnatural", "somewhat_unnatural", "somewhat_unnatural"] as const;
const nov = ["somewhat", "somewhat", "somewhat", "somewhat", "somewhat", "a_little", "a_little", "not_at_all", "not_at_all", "not_at_all"] as const;
const con = ["slightly_more", "slightly_more", "slightly_more", "slightly_more", "slightly_less", "slightly_less", "slightly_less", "slightly_less", "slightly_less", "significantly_less"] as const;
const paper = rows(nat.map((n, i) => ({ expertise: i < 1 ? "Amateur" : i < 8 ? "Intermediate" : "Expert", survey: { naturalness: n, novelty: nov[i], contribution: con[i] } })));

describe("chat tables", () => {
  it("Table 12 (a): the paper's naturalness counts, % with one decimal, Wilson 95% intervals", () => {
    const t = chatMode.buildTable("12a", paper, config);
    expect(t.columns).toEqual(["Response", "Count (N=10)", "%", "95% CI (%)"]);
    expect(t.rows).toEqual([
      ["Very natural", 4, "40.0", "16.8–68.7"],
      ["Somewhat natural", 3, "30.0", "10.8–60.3"],
      ["Somewhat unnatural", 3, "30.0", "10.8–60.3"],
      ["Very unnatural", 0, "0.0", "0.0–27.8"],
    ]);
  });

  it("Table 12 (b) novelty and Table 13 contribution, highest answer first", () => {
    expect(chatMode.buildTable("12b", paper, config).rows.map((r) => r.slice(0, 3))).toEqual([
      ["Definitely", 0, "0.0"], ["Somewhat", 5, "50.0"], ["A little", 2, "20.0"], ["Not at all", 3, "30.0"],
    ]);
    expect(chatMode.buildTable("13", paper, config).rows).toEqual([
      ["Significantly more", 0, "0.0", "0.0–27.8"],
      ["Slightly more", 4, "40.0", "16.8–68.7"],
      ["Slightly less", 5, "50.0", "23.7–76.3"],
      ["Significantly less", 1, "10.0", "1.8–40.4"],
    ]);
  });

  it("by expertise: N = participants in the group, counts with the group's %", () => {
    const t = chatMode.buildTable("12a-expertise", rows([
      { expertise: "Amateur", survey: { naturalness: "very_natural" } },
      { expertise: "Amateur", survey: { naturalness: "somewhat_unnatural" } },
      { expertise: "Intermediate", survey: { naturalness: "very_natural" } },
      { expertise: null, survey: { naturalness: "very_unnatural" } },
    ]), config);
    expect(t.columns).toEqual(["Expertise", "N", "Very natural", "Somewhat natural", "Somewhat unnatural", "Very unnatural"]);
    expect(t.rows).toEqual([
      ["Amateur", 2, "1 (50.0%)", "0 (0.0%)", "1 (50.0%)", "0 (0.0%)"],
      ["Intermediate", 1, "1 (100.0%)", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)"],
      ["Expert", 0, "0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)"],
      ["Not given", 1, "0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "1 (100.0%)"],
    ]);
    expect(chatMode.chart(t)?.series.map((s) => s.label)).toEqual(["Very natural", "Somewhat natural", "Somewhat unnatural", "Very unnatural"]);
  });

  it("uses the study's own labels, and renders to Markdown and LaTeX", () => {
    const relabelled = { ...config, survey: { ...config.survey, naturalness: { ...config.survey.naturalness, labels: ["1", "2", "3", "4"] as [string, string, string, string] } } };
    expect(chatMode.buildTable("12a", paper, relabelled).rows.map((r) => r[0])).toEqual(["4", "3", "2", "1"]);
    const md = renderTable(chatMode.buildTable("12a", paper, config), "md").body;
    expect(md).toContain("| Very natural | 4 | 40.0 | 16.8–68.7 |");
    expect(renderTable(chatMode.buildTable("13", paper, config), "tex").body).toContain("\\toprule");
  });

  it("no surveys: zero counts, no interval", () => {
    expect(chatMode.buildTable("12a", [], config).rows[0]).toEqual(["Very natural", 0, "0.0", "—"]);
  });

  it("maps a survey answer and refuses a bad one naming the field", () => {
    const a = { naturalness: "very_natural", contribution: "slightly_less", novelty: "definitely", insights: "more EQ talk" };
    expect(chatMode.mapAnswer(a, [], config)).toEqual({ answerPosition: "naturalness=very_natural;contribution=slightly_less;novelty=definitely", answer: "naturalness=very_natural;contribution=slightly_less;novelty=definitely", payload: a });
    expect(() => chatMode.mapAnswer({ ...a, novelty: "maybe" }, [], config)).toThrow(/answer\.novelty/);
  });
});
