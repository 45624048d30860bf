// Integration: every researcher query is scoped to the owner; another researcher's study is "not found" — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { AUDIO_MAX_BYTES, importFiles, liveStudyWithItems, newResearcher, pairwiseTemplate, readyParticipant, stateOf, tableCounts } from "@/db/testing/study-fixtures";
import { importItems } from "@/db/queries/items/import-items";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { createStudy } from "@/db/queries/studies/create-study";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { listStudiesForResearcher } from "@/db/queries/studies/list-studies-for-researcher";
import { closeStudy, publishStudy, updateStudyConfig } from "@/db/queries/studies/update-study";
import { makeMixAssistSample } from "@/lib/import/sample-data";
import { preparePairwiseImport } from "@/studies/pairwise/import";

const config = pairwiseTemplate({ design: { roundsPerParticipant: 3, judgmentsPerItem: 1 }, title: "A's live study" });

describe.each(DB_KINDS)("owner scoping on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let a: string;
  let b: string;
  let live: { id: string; slug: string };
  let draft: { id: string; slug: string };
  let bStudy: { id: string; slug: string };

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    a = (await newResearcher("alice")).id;
    b = (await newResearcher("bob")).id;
    live = await liveStudyWithItems({ researcherId: a, config, n: 10, seed: 41 });
    draft = await createStudy({ researcherId: a, config: { ...config, title: "A's draft" } });
    bStudy = await createStudy({ researcherId: b, config: { ...config, title: "B's study" } });
    // One participant of A's live study answers 2 of 3 rounds.
    const { participantId } = await readyParticipant(live.slug, "OWN-1");
    for (let i = 0; i < 2; i++) {
      const s = await stateOf(participantId, config);
      await submitAnswer({ participantId, trialId: s.trial!.trialId, answer: "A", requestId: crypto.randomUUID(), config });
    }
  });
  afterAll(async () => cleanup?.());

  it("getStudyForResearcher: B gets NOT_FOUND for A's study, A gets it", async () => {
    await expect(getStudyForResearcher({ studyId: live.id, researcherId: b })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStudyForResearcher({ studyId: "not-a-uuid", researcherId: a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStudyForResearcher({ studyId: crypto.randomUUID(), researcherId: a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const own = await getStudyForResearcher({ studyId: live.id, researcherId: a });
    expect(own).toMatchObject({ id: live.id, slug: live.slug, title: "A's live study", status: "live" });
    expect(own).not.toHaveProperty("researcherId");
  });

  it("updateStudyConfig, publishStudy, closeStudy: B gets NOT_FOUND and A's studies are unchanged", async () => {
    const hijack = { ...config, title: "Hijacked" };
    await expect(updateStudyConfig({ studyId: draft.id, researcherId: b, config: hijack })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateStudyConfig({ studyId: live.id, researcherId: b, config: hijack })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(publishStudy({ studyId: draft.id, researcherId: b })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(closeStudy({ studyId: live.id, researcherId: b })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getStudyForResearcher({ studyId: draft.id, researcherId: a })).toMatchObject({ title: "A's draft", status: "draft", publishedAt: null });
    const liveNow = await getStudyForResearcher({ studyId: live.id, researcherId: a });
    expect(liveNow).toMatchObject({ title: "A's live study", status: "live" });
    expect(liveNow.config.title).toBe("A's live study");
  });

  it("importItems into A's draft by B is NOT_FOUND and stores nothing", async () => {
    const sample = makeMixAssistSample(4, 42, { seconds: 0.1, sampleRate: 8000 });
    const prepared = await preparePairwiseImport(importFiles(sample, { withAudio: false }), config, { audioMaxBytes: AUDIO_MAX_BYTES });
    const before = await tableCounts();
    await expect(importItems({ studyId: draft.id, researcherId: b, prepared })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await tableCounts()).toEqual(before);
  });

  it("listJudgmentsForExport and getStudyProgress show B nothing of A's study", async () => {
    expect(await listJudgmentsForExport({ studyId: live.id, researcherId: b })).toEqual([]);
    const mine = await listJudgmentsForExport({ studyId: live.id, researcherId: a });
    expect(mine.map((r) => [r.prolificPid, r.round, r.answerPosition])).toEqual([["OWN-1", 1, "A"], ["OWN-1", 2, "A"]]);

    await expect(getStudyProgress({ studyId: live.id, researcherId: b })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getStudyProgress({ studyId: live.id, researcherId: a })).toMatchObject({
      participantsStarted: 1, participantsConsented: 1, participantsFinished: 0, judgments: 2, items: 10, itemsJudged: 2, trialsPending: 1,
    });
  });

  it("listStudiesForResearcher returns only the researcher's own studies", async () => {
    const ofA = await listStudiesForResearcher({ researcherId: a });
    expect(ofA.map((s) => s.id).sort()).toEqual([live.id, draft.id].sort());
    expect(ofA.find((s) => s.id === live.id)).toMatchObject({ items: 10, participants: 1, judgments: 2 });
    const ofB = await listStudiesForResearcher({ researcherId: b });
    expect(ofB.map((s) => s.id)).toEqual([bStudy.id]);
    expect(ofB[0]).toMatchObject({ title: "B's study", items: 0, participants: 0, judgments: 0 });
  });

  it("a live study keeps its design: A may retitle it but not change rounds", async () => {
    await expect(
      updateStudyConfig({ studyId: live.id, researcherId: a, config: { ...config, design: { ...config.design, roundsPerParticipant: 5 } } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await updateStudyConfig({ studyId: live.id, researcherId: a, config: { ...config, title: "A's live study (renamed)" } });
    const now = await getStudyForResearcher({ studyId: live.id, researcherId: a });
    expect(now.title).toBe("A's live study (renamed)");
    expect(now.config.design.roundsPerParticipant).toBe(3);
  });
});
