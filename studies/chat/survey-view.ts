// The survey's questions as a participant sees them: each 4-point question's options in scale order.
import type { TSurveyView } from "../participant-state";
import type { TChatConfig } from "./config";
import { SURVEY_SCALES, SURVEY_SCALE_IDS } from "./survey";

export function surveyView(config: TChatConfig): TSurveyView {
  const scales = Object.fromEntries(
    SURVEY_SCALE_IDS.map((s) => [s, { question: config.survey[s].question, options: SURVEY_SCALES[s].map((value, i) => ({ value, label: config.survey[s].labels[i] })) }]),
  ) as Pick<TSurveyView, "naturalness" | "contribution" | "novelty">;
  return { ...scales, insights: { question: config.survey.insights.question } };
}
