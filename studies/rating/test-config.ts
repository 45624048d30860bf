// A small rating study file for tests: two Likert criteria, one binary, direction and magnitude with ground truth.
import { ZRatingConfig, type TRatingConfig } from "./config";

export function testRatingConfig(overrides: Record<string, unknown> = {}): TRatingConfig {
  return ZRatingConfig.parse({
    mode: "rating",
    title: "Test ratings",
    design: { roundsPerParticipant: 2, judgmentsPerItem: null },
    texts: { consent: "ok", instructions: "rate" },
    completion: { code: "DONE" },
    systems: [{ id: "buddy", label: "Mixing Buddy" }, { id: "base", label: "Baseline" }],
    criteria: [
      { id: "effectiveness", label: "Effectiveness", scale: { kind: "likert", points: 5, labels: { low: "Not at all", high: "Very" } } },
      { id: "actionability", label: "Actionability", required: false, scale: { kind: "likert", points: 5, labels: { low: "Not at all", high: "Very" } } },
      { id: "specific", label: "Identifies a specific issue", scale: { kind: "binary" } },
      {
        id: "direction", label: "Direction", scale: {
          kind: "categorical", groundTruth: "direction",
          options: [{ value: "raise", label: "Raise" }, { value: "lower", label: "Lower" }, { value: "leave", label: "Leave" }],
        },
      },
      {
        id: "magnitude", label: "Magnitude", required: false, scale: {
          kind: "categorical", groundTruth: "magnitude",
          options: [{ value: "slight", label: "Slightly" }, { value: "moderate", label: "Moderately" }, { value: "a_lot", label: "A lot" }],
        },
      },
    ],
    feedback: { enabled: true, required: false, label: "Feedback" },
    ...overrides,
  });
}
