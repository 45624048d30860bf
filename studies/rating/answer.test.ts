import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/app-error";
import { mapRatingAnswer } from "./answer";
import { FEEDBACK_MAX_CHARS } from "./config";
import { testRatingConfig } from "./test-config";

const config = testRatingConfig();
const full = (e: number) => ({ effectiveness: e, actionability: 3, specific: "yes", direction: "lower", magnitude: "moderate" });

function refusal(answer: unknown, order = ["base", "buddy"], cfg = config): string {
  try {
    mapRatingAnswer(answer, order, cfg);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("BAD_REQUEST");
    return (err as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("mapRatingAnswer", () => {
  it("maps ratings from positions to systems and keeps the positions", () => {
    const m = mapRatingAnswer({ ratings: { A: full(2), B: full(5) }, feedback: { A: "  too vague ", B: "" } }, ["base", "buddy"], config);
    expect(m.payload).toEqual({
      ratings: { base: full(2), buddy: full(5) },
      positions: { base: "A", buddy: "B" },
      feedback: { base: "too vague" },
    });
    expect(m.answerPosition).toBe(
      "A: effectiveness=2, actionability=3, specific=yes, direction=lower, magnitude=moderate | B: effectiveness=5, actionability=3, specific=yes, direction=lower, magnitude=moderate",
    );
    expect(m.answer.startsWith("base: effectiveness=2")).toBe(true);
  });

  it("lets an optional criterion be left out", () => {
    const { actionability: _a, magnitude: _m, ...rest } = full(4);
    const m = mapRatingAnswer({ ratings: { A: rest } }, ["buddy"], config);
    expect((m.payload as { ratings: Record<string, object> }).ratings.buddy).toEqual(rest);
  });

  it("refuses a value outside a criterion's scale", () => {
    expect(refusal({ ratings: { A: full(6), B: full(1) } })).toMatch(/response A: "Effectiveness" \(effectiveness\) must be a whole number from 1 to 5; got 6/);
    expect(refusal({ ratings: { A: full(2.5), B: full(1) } })).toMatch(/1 to 5; got 2.5/);
    expect(refusal({ ratings: { A: { ...full(2), specific: "maybe" }, B: full(1) } })).toMatch(/"yes" or "no"/);
    expect(refusal({ ratings: { A: full(2), B: { ...full(1), direction: "sideways" } } })).toMatch(/response B: "Direction".*one of "raise", "lower", "leave"/);
  });

  it("refuses a missing required criterion, and a response left unrated", () => {
    const { effectiveness: _e, ...noEffect } = full(1);
    expect(refusal({ ratings: { A: full(2), B: noEffect } })).toMatch(/response B: "Effectiveness" \(effectiveness\) is required/);
    expect(refusal({ ratings: { A: full(2) } })).toMatch(/response B: "Effectiveness" \(effectiveness\) is required/);
  });

  it("refuses a rating or feedback for a position not shown, and an unknown criterion", () => {
    expect(refusal({ ratings: { A: full(2), B: full(2), C: full(2) } })).toMatch(/position C was not shown in this round \(shown: A, B\)/);
    expect(refusal({ ratings: { A: full(2) }, feedback: { B: "x" } }, ["buddy"])).toMatch(/position B was not shown/);
    expect(refusal({ ratings: { A: { ...full(2), loudness: 3 }, B: full(2) } })).toMatch(/no criterion "loudness"/);
  });

  it("refuses feedback over the length limit, missing required feedback, and feedback a study does not collect", () => {
    const long = "x".repeat(FEEDBACK_MAX_CHARS + 1);
    expect(refusal({ ratings: { A: full(2) }, feedback: { A: long } }, ["buddy"])).toMatch(new RegExp(`feedback is ${FEEDBACK_MAX_CHARS + 1} characters; at most ${FEEDBACK_MAX_CHARS}`));
    const required = testRatingConfig({ feedback: { enabled: true, required: true, label: "Why?" } });
    expect(refusal({ ratings: { A: full(2) }, feedback: { A: "  " } }, ["buddy"], required)).toMatch(/response A: feedback is required/);
    const none = testRatingConfig({ feedback: { enabled: false } });
    expect(refusal({ ratings: { A: full(2) }, feedback: { A: "hi" } }, ["buddy"], none)).toMatch(/collects no written feedback/);
  });

  it("refuses another mode's answer shape", () => {
    expect(refusal("A")).toMatch(/a rating answer is/);
    expect(refusal(["A", "B"])).toMatch(/a rating answer is/);
  });
});
