import { describe, expect, it } from "vitest";
import { csvPagesStream } from "./export-stream";
import { judgmentsCsv, type TJudgmentExportRow } from "./judgments-csv";

function row(i: number): TJudgmentExportRow {
  return {
    studySlug: "s", participantId: `p-${i}`, prolificPid: `pid,${i}`, prolificStudyId: null, prolificSessionId: null, expertise: "Expert", seed: "x",
    round: (i % 10) + 1, itemExternalId: `item-${i}`, conversationId: "c", turnId: i, topic: "drums\nkick", systemOrder: ["expert", "qwen-ft"],
    answerPosition: i % 2 ? "A" : "B", answer: i % 2 ? "human_better" : "generated_better", timeOnItemMs: 1000 + i, listenedMs: null,
    shownAt: null, answeredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), configVersion: 1, configHash: "h",
  };
}

async function* pagesOf(rows: TJudgmentExportRow[], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("csvPagesStream", () => {
  const rows = Array.from({ length: 23 }, (_, i) => row(i));
  const whole = judgmentsCsv(rows);

  it("streams byte for byte the CSV built whole, whatever the page size (quoted commas and line breaks included)", async () => {
    for (const size of [1, 5, 10, 23, 100]) expect(await text(csvPagesStream(pagesOf(rows, size), (r) => judgmentsCsv(r)))).toBe(whole);
  });

  it("a study with no judgments streams the header alone", async () => {
    expect(await text(csvPagesStream(pagesOf([], 5), (r) => judgmentsCsv(r)))).toBe(judgmentsCsv([]));
  });

  it("an error while reading a page fails the stream instead of ending it short", async () => {
    async function* broken() {
      yield rows.slice(0, 2);
      throw new Error("database gone");
    }
    await expect(text(csvPagesStream(broken(), (r) => judgmentsCsv(r)))).rejects.toThrow("database gone");
  });
});
