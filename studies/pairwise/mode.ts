// The pairwise mode: generated vs expert, four answers (MixAssist Appendix E).
import { z } from "zod";
import { chartByRows } from "@/lib/export/chart-data";
import { AppError } from "@/lib/http/app-error";
import type { TStudyMode } from "../mode";
import { answerOptions, mapPairwiseAnswer } from "./answer";
import { PAIRWISE_ANSWERS, type TPairwiseConfig } from "./config";
import { PAIRWISE_TABLES, pairwiseTable } from "./export";

const ZAnswer = z.enum(PAIRWISE_ANSWERS);

export const pairwiseMode: TStudyMode<TPairwiseConfig> = {
  id: "pairwise",
  label: "Pairwise (generated vs expert)",
  trialSystems(config, itemSystems) {
    const canonical = [config.systems.generated, config.systems.reference];
    return canonical.every((s) => itemSystems.includes(s)) ? canonical : [...itemSystems].sort().slice(0, 2);
  },
  mapAnswer(raw, systemOrder, config) {
    const parsed = ZAnswer.safeParse(raw);
    if (!parsed.success) throw new AppError("BAD_REQUEST", `Invalid body: answer: expected one of ${PAIRWISE_ANSWERS.join(", ")}`);
    return { answerPosition: parsed.data, answer: mapPairwiseAnswer(parsed.data, systemOrder, config.systems), payload: null };
  },
  studyTexts(config) {
    return {
      mode: "pairwise",
      title: config.title,
      consentText: config.texts.consent,
      instructions: config.texts.instructions,
      expertiseQuestion: config.texts.expertiseQuestion,
      answerOptions: answerOptions(config),
      criteria: [],
    };
  },
  tables: () => PAIRWISE_TABLES.map((t) => ({ ...t })),
  buildTable: (id, rows, config) => pairwiseTable(id, rows, config.statistics),
  chart(t) {
    if (t.id === "table3") return chartByRows(t, [t.columns[1]]);
    if (t.id === "table11") return chartByRows(t, ["Generated", "Human", "Both Good", "Both Bad"]);
    return null;
  },
  positions: () => 2,
};
