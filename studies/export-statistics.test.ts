// Every table's plain-words statistics travel with its exports: Markdown and LaTeX notes, CSV "# " comment rows.
import { describe, expect, it } from "vitest";
import { texEscape } from "@/lib/export/table";
import { exportStudy } from "./export";
import type { TJudgmentExportRow } from "./judgments-csv";
import { loadTemplate, modeOf } from "./registry";

const row = (participantId: string, itemId: string, answer: string, payload: unknown = null): TJudgmentExportRow => ({
  studySlug: "s", participantId, prolificPid: null, prolificStudyId: null, prolificSessionId: null, expertise: "Expert", seed: "x", round: 1,
  itemId, itemExternalId: itemId, conversationId: null, turnId: null, topic: "drums", systemOrder: [], answerPosition: "A", answer, payload,
  timeOnItemMs: 1000, listenedMs: null, shownAt: null, answeredAt: new Date("2026-01-01T00:00:00Z"),
});

const provenance = { version: 1, configHash: "ab".repeat(32) };
const formats = ["csv", "md", "tex"] as const;
/** The note as each format carries it (a paragraph in Markdown, escaped small type in LaTeX, a "# " row in CSV). */
const shown = (format: (typeof formats)[number], note: string) =>
  format === "csv" ? `\r\n# ${note}\r\n` : format === "md" ? `\n\n${note}` : `${texEscape(note)}\\par`;

describe("statistics in every export", () => {
  const pairwise = loadTemplate("mixassist-pairwise");
  // 40 generated, 33 expert, 12 both good, 15 both bad over 50 items, two judgments each.
  const answers = [...Array(40).fill("generated_better"), ...Array(33).fill("human_better"), ...Array(12).fill("both_good"), ...Array(15).fill("both_bad")];
  const pRows = answers.map((a, i) => row(`p${i % 10}`, `i${i % 50}`, a));

  it("pairwise Table 3: sign test, Wilson shares and the Davidson fit in CSV, Markdown and LaTeX, before the provenance line", () => {
    const notes = modeOf(pairwise).buildTable("3", pRows, pairwise).notes!;
    // R binom.test(40, 73)$p.value = 0.4828; Wilson 40/100 = 0.3094–0.4980.
    expect(notes).toContain("Generated preferred in 40 of 73 decided comparisons, p = 0.48, not significant at 0.05.");
    expect(notes.find((n) => n.startsWith("Davidson Bradley–Terry"))).toMatch(/worth share 0\.55 .*1000 bootstrap resamples of 50 items, seed "mixstudy"\.$/);
    for (const format of formats) {
      const body = exportStudy({ slug: "s", config: pairwise, rows: pRows, table: "3", format, provenance }).body;
      for (const n of notes) expect(body).toContain(shown(format, n));
      expect(body.indexOf("Davidson")).toBeLessThan(body.indexOf("Configuration v1"));
    }
    const csv = exportStudy({ slug: "s", config: pairwise, rows: pRows, table: "3", format: "csv", provenance }).body.trimEnd().split("\r\n");
    expect(csv.at(-1)).toBe(`# Configuration v1, sha256 ${"ab".repeat(32)}.`);
    expect(csv.filter((l) => l.startsWith("# "))).toHaveLength(notes.length + 1);
  });

  it("pairwise Table 11 and the agreement table export their sentences", () => {
    for (const table of ["11", "agreement"]) {
      const notes = modeOf(pairwise).buildTable(table, pRows, pairwise).notes!;
      expect(notes.length).toBeGreaterThan(1);
      for (const format of formats) {
        const body = exportStudy({ slug: "s", config: pairwise, rows: pRows, table, format, provenance }).body;
        for (const n of notes) expect(body).toContain(shown(format, n));
      }
    }
    expect(modeOf(pairwise).tables(pairwise).map((t) => t.id)).toEqual(["3", "11", "agreement"]);
  });

  it("listwise Tables 7, 2, 10 and the rankers' agreement export their sentences", () => {
    const listwise = loadTemplate("mixassist-listwise");
    const orders = ["qwen>ltu>mullama", "ltu>qwen>mullama", "qwen>mullama>ltu", "mullama>qwen>ltu"];
    const lRows = Array.from({ length: 40 }, (_, i) => {
      const answer = orders[(i * 3 + Math.floor(i / 10)) % 4];
      return row(`r${i % 4}`, `i${i % 10}`, answer, { ranking: answer.split(">") });
    });
    expect(modeOf(listwise).tables(listwise).map((t) => t.id)).toEqual(["7", "2", "10", "agreement"]);
    for (const table of ["7", "2", "10", "agreement"]) {
      const notes = modeOf(listwise).buildTable(table, lRows, listwise).notes!;
      expect(notes.length).toBeGreaterThan(0);
      for (const format of formats) {
        const body = exportStudy({ slug: "s", config: listwise, rows: lRows, table, format, provenance }).body;
        for (const n of notes) expect(body).toContain(shown(format, n));
      }
    }
    const t2 = modeOf(listwise).buildTable("2", lRows, listwise).notes!;
    expect(t2.some((n) => n.startsWith("Friedman test across 3 systems over 40 rankings"))).toBe(true);
    expect(t2.some((n) => n.startsWith("Plackett–Luce worth"))).toBe(true);
    expect(modeOf(listwise).buildTable("agreement", lRows, listwise).notes![0]).toMatch(/^Kendall's W among rankers = [\d.]+ \(mean over 10 items ranked by 2\+ raters, median 4 raters per item/);
  });
});
