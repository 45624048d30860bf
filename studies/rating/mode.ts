// The rating mode: raters score one or several responses per item on configured criteria (SPEC §1.4).
import type { ResultTable } from "@/lib/export/table";
import { AppError } from "@/lib/http/app-error";
import type { TStudyMode } from "../mode";
import { mapRatingAnswer } from "./answer";
import type { TRatingConfig } from "./config";

export const ratingMode: TStudyMode<TRatingConfig> = {
  id: "rating",
  label: "Rating (score responses on criteria)",
  trialSystems(config, itemSystems) {
    const wanted = config.systems.map((s) => s.id).filter((s) => itemSystems.includes(s));
    return wanted.length >= 1 ? wanted : [...itemSystems].sort();
  },
  mapAnswer: (raw, systemOrder, config) => mapRatingAnswer(raw, systemOrder, config),
  studyTexts(config) {
    return {
      mode: "rating",
      title: config.title,
      consentText: config.texts.consent,
      instructions: config.texts.instructions,
      expertiseQuestion: config.texts.expertiseQuestion,
      answerOptions: [],
      criteria: config.criteria.map((c) => c.label),
    };
  },
  tables: () => [],
  buildTable(id): ResultTable {
    throw new AppError("NOT_FOUND", `This study has no table ${id}.`);
  },
  chart: () => null,
  positions: (config) => config.systems.length,
};
