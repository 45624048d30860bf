// Integration: the lean rows the tables read give exactly the tables the full export rows give, and the
// streamed long CSV equals the CSV built whole — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { liveStudyWithItems, newResearcher, pairwiseTemplate, readyParticipant, stateOf, trialsOf } from "@/db/testing/study-fixtures";
import { listJudgmentsForExport } from "./list-judgments-for-export";
import { listJudgmentsForTables } from "./list-judgments-for-tables";
import { streamJudgmentsForExport } from "./stream-judgments-for-export";
import { submitAnswer } from "./submit-answer";
import { csvPagesStream } from "@/studies/export-stream";
import { judgmentsCsvWriter } from "@/studies/export";
import { modeOf } from "@/studies/registry";
import type { TPairwiseAnswerPosition } from "@/studies/pairwise/config";

const config = pairwiseTemplate({ design: { roundsPerParticipant: 4, judgmentsPerItem: null } });
const ANSWERS: TPairwiseAnswerPosition[] = ["A", "B", "both_good", "both_bad", "A", "A", "B"];

describe.each(DB_KINDS)("export rows on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let researcherId: string;
  let studyId: string;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    const researcher = await newResearcher("lean");
    researcherId = researcher.id;
    const study = await liveStudyWithItems({ researcherId, config, n: 4 });
    studyId = study.id;
    let k = 0;
    for (let p = 0; p < 7; p++) {
      const { participantId } = await readyParticipant(study.slug, `PID-LEAN-${p}`);
      await stateOf(participantId, config);
      for (const t of await trialsOf(participantId)) {
        await submitAnswer({ participantId, trialId: t.id, answer: ANSWERS[k++ % ANSWERS.length], requestId: crypto.randomUUID(), timeOnItemMs: 900, config });
      }
    }
  });
  afterAll(async () => cleanup?.());

  it("every table of the mode is identical computed from the lean rows and from the full rows", async () => {
    const full = await listJudgmentsForExport({ studyId, researcherId });
    const lean = await listJudgmentsForTables({ studyId, researcherId });
    expect(full).toHaveLength(28);
    expect(lean).toHaveLength(28);
    const mode = modeOf(config);
    for (const t of mode.tables(config)) expect(mode.buildTable(t.id, lean, config)).toEqual(mode.buildTable(t.id, full, config));
  });

  it("a researcher who may not read the study gets no rows", async () => {
    const stranger = await newResearcher("stranger");
    expect(await listJudgmentsForTables({ studyId, researcherId: stranger.id })).toEqual([]);
    const pages = [];
    for await (const page of streamJudgmentsForExport({ studyId, researcherId: stranger.id })) pages.push(...page);
    expect(pages).toEqual([]);
  });

  it("the long CSV streamed 3 participants a page equals the CSV built from all rows at once", async () => {
    const write = judgmentsCsvWriter(config);
    const whole = write(await listJudgmentsForExport({ studyId, researcherId }));
    const streamed = await new Response(csvPagesStream(streamJudgmentsForExport({ studyId, researcherId, participantsPerPage: 3 }), write)).text();
    expect(streamed).toBe(whole);
    expect(streamed.split("\r\n").length - 2).toBe(28);
  });
});
