// Maps what a participant clicked (a position) back to systems, on the server only.
import type { TPairwiseAnswerPosition, TPairwiseConfig } from "./config";

export type TPairwiseAnswer = "generated_better" | "human_better" | "both_good" | "both_bad" | `${string}_better`;

/**
 * systemOrder: the systems in display order (index 0 = Response A). With a human reference the
 * stored answer is generated_better / human_better; between two models it is `<system>_better`.
 */
export function mapPairwiseAnswer(
  position: TPairwiseAnswerPosition,
  systemOrder: readonly string[],
  systems: TPairwiseConfig["systems"],
): TPairwiseAnswer {
  if (position === "both_good" || position === "both_bad") return position;
  const chosen = systemOrder[position === "A" ? 0 : 1];
  if (chosen === systems.generated) return "generated_better";
  if (chosen === systems.reference) return "human_better";
  return `${chosen}_better`;
}

export function answerOptions(config: TPairwiseConfig) {
  return (["A", "B", "both_good", "both_bad"] as const).map((value, i) => ({
    value,
    label: config.answers[value],
    key: String(i + 1),
  }));
}
