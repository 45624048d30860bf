import { describe, expect, it } from "vitest";
import type { TRatingCriterionView, TTrialClip } from "@/studies/participant-state";
import { listeningShortfall, likertLabels, ratingFormSchema, toRatingAnswer, type TRatingFormValues } from "./rating-form";

const CRITERIA: TRatingCriterionView[] = [
  { id: "effectiveness", label: "Effectiveness", required: true, scale: { kind: "likert", points: 5, labels: { low: "Not at all", high: "Very", points: { "3": "Somewhat" } } } },
  { id: "issue", label: "Identifies an issue", required: true, scale: { kind: "binary" } },
  { id: "direction", label: "Direction", required: false, scale: { kind: "categorical", options: [{ value: "raise", label: "Raise" }, { value: "lower", label: "Lower" }] } },
];
const NO_FEEDBACK = { enabled: false, required: false, label: "Feedback" };
const FEEDBACK_REQUIRED = { enabled: true, required: true, label: "Feedback" };

const values = (ratings: TRatingFormValues["ratings"], feedback: TRatingFormValues["feedback"] = {}): TRatingFormValues => ({ ratings, feedback });

describe("ratingFormSchema", () => {
  it("accepts every required criterion answered for every shown response, optional ones left empty", () => {
    const schema = ratingFormSchema(CRITERIA, ["A", "B"], NO_FEEDBACK);
    const ok = schema.safeParse(values({ A: { effectiveness: "4", issue: "yes", direction: null }, B: { effectiveness: "1", issue: "no", direction: "lower" } }, { A: "", B: "" }));
    expect(ok.success).toBe(true);
  });

  it("refuses a missing required criterion and a value off the scale, naming the criterion", () => {
    const schema = ratingFormSchema(CRITERIA, ["A", "B"], NO_FEEDBACK);
    const missing = schema.safeParse(values({ A: { effectiveness: "4", issue: null }, B: { effectiveness: "1", issue: "no" } }, { A: "", B: "" }));
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join("."))).toEqual(["ratings.A.issue"]);
    const off = schema.safeParse(values({ A: { effectiveness: "6", issue: "yes" }, B: { effectiveness: "1", issue: "maybe" } }, { A: "", B: "" }));
    expect(off.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["ratings.A.effectiveness", "ratings.B.issue"]);
    expect(off.error!.issues.find((i) => i.path.join(".") === "ratings.A.effectiveness")!.message).toBe('Rate "Effectiveness".');
  });

  it("requires non-blank feedback per response when the study requires it", () => {
    const schema = ratingFormSchema(CRITERIA, ["A"], FEEDBACK_REQUIRED);
    const blank = schema.safeParse(values({ A: { effectiveness: "2", issue: "no" } }, { A: "   " }));
    expect(blank.error!.issues.map((i) => i.path.join("."))).toEqual(["feedback.A"]);
    expect(schema.safeParse(values({ A: { effectiveness: "2", issue: "no" } }, { A: "Too vague." })).success).toBe(true);
  });
});

describe("toRatingAnswer", () => {
  it("sends Likert points as numbers, other values as given, and leaves out unanswered optional criteria", () => {
    const answer = toRatingAnswer(values({ A: { effectiveness: "4", issue: "yes", direction: null }, B: { effectiveness: "1", issue: "no", direction: "lower" } }), CRITERIA, ["A", "B"], NO_FEEDBACK);
    expect(answer).toEqual({ ratings: { A: { effectiveness: 4, issue: "yes" }, B: { effectiveness: 1, issue: "no", direction: "lower" } } });
  });

  it("trims feedback and drops empty texts; no feedback key when the study collects none", () => {
    const v = values({ A: { effectiveness: "3", issue: "no" }, B: { effectiveness: "5", issue: "yes" } }, { A: "  Good call.  ", B: "  " });
    expect(toRatingAnswer(v, CRITERIA, ["A", "B"], FEEDBACK_REQUIRED).feedback).toEqual({ A: "Good call." });
    expect(toRatingAnswer(v, CRITERIA, ["A", "B"], NO_FEEDBACK)).not.toHaveProperty("feedback");
  });
});

describe("listeningShortfall", () => {
  const clips: TTrialClip[] = [
    { label: "Mix", role: "mix", url: "/api/audio/a" },
    { label: "Bass", role: "anchor", url: "/api/audio/b" },
  ];
  const heard = (mixMs: number, bassMs = 0) => ({
    clips: { Mix: { playedMs: mixMs, plays: 1, seeks: 0 }, Bass: { playedMs: bassMs, plays: 1, seeks: 0 } },
    durationsMs: { Mix: 10_000, Bass: 10_000 },
  });

  it("asks for nothing when the study requires nothing", () => {
    expect(listeningShortfall("none", clips, null)).toBeNull();
  });

  it("full: only time on the mix counts, within 300 ms of its length", () => {
    expect(listeningShortfall("full", clips, heard(9_600, 5_000))).toBe("Play the mix all the way through first (0:09.6 of 0:10.0 heard).");
    expect(listeningShortfall("full", clips, heard(9_700))).toBeNull();
    expect(listeningShortfall("full", clips, null)).toBe("Play the mix all the way through first.");
  });

  it("seconds: the mix heard for at least that long", () => {
    expect(listeningShortfall({ seconds: 5 }, clips, heard(4_900, 9_000))).toBe("Listen to the mix for at least 5 s first (4.9 s so far).");
    expect(listeningShortfall({ seconds: 5 }, clips, heard(5_000))).toBeNull();
  });

  it("an item without audio cannot be listened to, so it asks for nothing", () => {
    expect(listeningShortfall("full", [], null)).toBeNull();
  });
});

describe("likertLabels", () => {
  it("labels both ends and any named inner point, low to high", () => {
    const scale = CRITERIA[0].scale;
    if (scale.kind !== "likert") throw new Error("fixture");
    expect(likertLabels(scale)).toEqual([[1, "Not at all"], [3, "Somewhat"], [5, "Very"]]);
  });
});
