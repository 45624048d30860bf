import { describe, expect, it } from "vitest";
import { parseRankingReply } from "./parse-ranking";

const ABC = ["A", "B", "C"];
const ok = (ranking: string[]) => ({ ok: true, ranking });

describe("parseRankingReply", () => {
  it("reads well-formed JSON", () => {
    expect(parseRankingReply('{"rank_1": "B", "rank_2": "C", "rank_3": "A"}', ABC)).toEqual(ok(["B", "C", "A"]));
  });

  it("reads single quotes, as in the MixAssist prompt's own example", () => {
    expect(parseRankingReply("{'rank_1': 'C', 'rank_2': 'A', 'rank_3': 'B'}", ABC)).toEqual(ok(["C", "A", "B"]));
  });

  it("reads curly quotes", () => {
    expect(parseRankingReply("{“rank_1”: “A”, “rank_2”: “C”, “rank_3”: “B”}", ABC)).toEqual(ok(["A", "C", "B"]));
    expect(parseRankingReply("{‘rank_1’: ‘B’, ’rank_2’: ‘A’, ‘rank_3’: ‘C’}", ABC)).toEqual(ok(["B", "A", "C"]));
  });

  it("reads semicolons and trailing commas", () => {
    expect(parseRankingReply('{"rank_1": "A"; "rank_2": "B"; "rank_3": "C"}', ABC)).toEqual(ok(["A", "B", "C"]));
    expect(parseRankingReply('{"rank_1": "C", "rank_2": "B", "rank_3": "A",}', ABC)).toEqual(ok(["C", "B", "A"]));
  });

  it("reads keys in any order, 'Rank 1' keys, lowercase and 'Response A' values", () => {
    expect(parseRankingReply('{"rank_3": "a", "rank_1": "b", "rank_2": "c"}', ABC)).toEqual(ok(["B", "C", "A"]));
    expect(parseRankingReply('{"Rank 1": "Response B", "Rank 2": "Response A", "Rank 3": "Response C"}', ABC)).toEqual(ok(["B", "A", "C"]));
  });

  it("finds JSON wrapped in prose and in a ```json fence", () => {
    expect(
      parseRankingReply('After weighing accuracy first, my ranking is {"rank_1": "B", "rank_2": "A", "rank_3": "C"}. B names the frequency.', ABC),
    ).toEqual(ok(["B", "A", "C"]));
    expect(parseRankingReply('```json\n{\n  "rank_1": "C",\n  "rank_2": "A",\n  "rank_3": "B"\n}\n```', ABC)).toEqual(ok(["C", "A", "B"]));
  });

  it("returns letters as shown, for any number of candidates", () => {
    expect(parseRankingReply('{"rank_1": "b", "rank_2": "a"}', ["a", "b"])).toEqual(ok(["b", "a"]));
    expect(parseRankingReply('{"rank_1":"D","rank_2":"A","rank_3":"C","rank_4":"B"}', ["A", "B", "C", "D"])).toEqual(ok(["D", "A", "C", "B"]));
  });

  it("rejects a letter ranked twice", () => {
    expect(parseRankingReply('{"rank_1": "A", "rank_2": "A", "rank_3": "C"}', ABC)).toEqual({
      ok: false,
      error: "letter A is ranked twice (rank_1 and rank_2)",
    });
  });

  it("rejects a missing rank and names the unranked letter", () => {
    expect(parseRankingReply('{"rank_1": "A", "rank_2": "B"}', ABC)).toEqual({ ok: false, error: "rank_3 is missing (not ranked: C)" });
  });

  it("rejects letters not shown and ranks beyond n", () => {
    expect(parseRankingReply('{"rank_1": "A", "rank_2": "D", "rank_3": "C"}', ABC)).toEqual({
      ok: false,
      error: "unknown letter D at rank_2 (shown: A, B, C)",
    });
    expect(parseRankingReply('{"rank_1": "A", "rank_2": "B", "rank_3": "C", "rank_4": "D"}', ABC)).toEqual({
      ok: false,
      error: "unexpected rank_4: only 3 responses were shown",
    });
  });

  it("rejects one rank given two different letters", () => {
    expect(parseRankingReply('{"rank_1": "A", "rank_1": "B", "rank_2": "C"}', ABC)).toEqual({ ok: false, error: "rank_1 is given twice (A and B)" });
  });

  it("rejects garbage and does not read an article as a letter", () => {
    expect(parseRankingReply("I cannot rank these responses.", ABC)).toEqual({ ok: false, error: "no ranking found in the reply" });
    expect(parseRankingReply("", ABC).ok).toBe(false);
    expect(parseRankingReply("{rank_1: {A, B, or C}}", ABC).ok).toBe(false);
    expect(parseRankingReply("My rank 1: a strong reply, rank 2: a weaker one", ABC)).toEqual({ ok: false, error: "no ranking found in the reply" });
  });
});
