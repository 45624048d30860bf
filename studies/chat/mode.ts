// The chat mode: one trial per participant is the live conversation; its judgment is the post-chat survey (MixAssist Appendix F).
import { chartByRows } from "@/lib/export/chart-data";
import { AppError } from "@/lib/http/app-error";
import type { TStudyMode } from "../mode";
import type { TChatConfig } from "./config";
import { surveyAnswerKey, ZSurveyAnswer, type TSurveyScale } from "./survey";
import { CHAT_TABLES, chatTable } from "./tables";

export const surveyLabels = (config: TChatConfig) => (scale: TSurveyScale) => config.survey[scale].labels;

export const chatMode: TStudyMode<TChatConfig> = {
  id: "chat",
  label: "Live chat with an assistant",
  // A conversation shows no candidates: nothing to counterbalance.
  trialSystems: () => [],
  mapAnswer(raw) {
    const parsed = ZSurveyAnswer.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new AppError("BAD_REQUEST", `Invalid body: answer.${first.path.join(".")}: ${first.message}`);
    }
    const key = surveyAnswerKey(parsed.data);
    return { answerPosition: key, answer: key, payload: parsed.data };
  },
  studyTexts(config) {
    return {
      mode: "chat",
      title: config.title,
      consentText: config.texts.consent,
      instructions: config.texts.instructions,
      expertiseQuestion: config.texts.expertiseQuestion,
      answerOptions: [],
      criteria: [],
    };
  },
  tables: () => CHAT_TABLES.map(({ id, title }) => ({ id, title })),
  buildTable: (id, rows, config) => chatTable(id, rows, surveyLabels(config)),
  chart(t) {
    if (t.id.endsWith("-expertise")) return chartByRows(t, t.columns.slice(2));
    return chartByRows(t, [t.columns[1]]);
  },
  positions: () => 1,
};
