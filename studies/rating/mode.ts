// The rating mode: raters score one or several responses per item on configured criteria (SPEC §1.4).
import { chartDiverging, chartPivot } from "@/lib/export/chart-data";
import type { ResultTable } from "@/lib/export/table";
import { AppError } from "@/lib/http/app-error";
import type { TStudyMode } from "../mode";
import { mapRatingAnswer } from "./answer";
import type { TRatingConfig } from "./config";
import { accuracyTable, binaryTable, categoricalTable, feedbackTable, likertTable, ratingAgreementTable, ratingRowsOf, ratingTables } from "./tables";

export const ratingMode: TStudyMode<TRatingConfig> = {
  id: "rating",
  label: "Rating (score responses on criteria)",
  /** Every configured system the item has a response from; their order is then drawn per rater. */
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
  tables: (config) => ratingTables(config),
  buildTable(id, rows, config): ResultTable {
    const flat = ratingRowsOf(rows);
    if (!ratingTables(config).some((t) => t.id === id)) throw new AppError("NOT_FOUND", `This study has no table ${id}.`);
    if (id === "ratings" || id === "ratings-expertise") return likertTable(flat, config, { byExpertise: id !== "ratings" });
    if (id === "binary" || id === "binary-expertise") return binaryTable(flat, config, { byExpertise: id !== "binary" });
    if (id === "accuracy" || id === "accuracy-expertise") return accuracyTable(flat, config, { byExpertise: id !== "accuracy" });
    if (id === "feedback") return feedbackTable(flat, config);
    if (id === "agreement") return ratingAgreementTable(flat, config);
    return categoricalTable(flat, config);
  },
  chart(t) {
    if (t.id === "ratings" || t.id === "ratings-expertise") {
      const points = t.columns.length - t.columns.indexOf("1");
      return chartDiverging(t, points);
    }
    // One group of bars per system, one bar per criterion or measure.
    if (t.id === "binary") return chartPivot(t, "% Yes");
    if (t.id === "accuracy") return chartPivot(t, "Accuracy (%)");
    return null;
  },
  positions: (config) => config.systems.length,
};
