// Integration: a study's life cycle — sharing, versions, duplicate, audit log, closing — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles, candidates, itemClips, items, judgments, participants, studies, studyVersions } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { AUDIO_MAX_BYTES, importFiles, liveStudyWithItems, newResearcher, pairwiseTemplate, readyParticipant, stateOf, tableCounts } from "@/db/testing/study-fixtures";
import { listAudit } from "@/db/queries/audit/list-audit";
import { createJudgeRun } from "@/db/queries/judge/create-judge-run";
import { listJudgeRunsForResearcher } from "@/db/queries/judge/list-judge-runs";
import { cancelJudgeRun } from "@/db/queries/judge/set-judge-run-status";
import { importItems } from "@/db/queries/items/import-items";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { getParticipantByToken } from "@/db/queries/participants/get-participant-by-token";
import { joinStudy } from "@/db/queries/participants/join-study";
import { createStudy } from "@/db/queries/studies/create-study";
import { deleteStudy } from "@/db/queries/studies/delete-study";
import { duplicateStudy } from "@/db/queries/studies/duplicate-study";
import { getStudyForResearcher } from "@/db/queries/studies/get-study-for-researcher";
import { getStudyProgress } from "@/db/queries/studies/get-study-progress";
import { listStudiesForResearcher } from "@/db/queries/studies/list-studies-for-researcher";
import { listStudyShares } from "@/db/queries/studies/list-study-shares";
import { listStudyVersions } from "@/db/queries/studies/list-study-versions";
import { shareStudy, unshareStudy } from "@/db/queries/studies/share-study";
import { closeStudy, publishStudy, updateStudyConfig } from "@/db/queries/studies/update-study";
import { configHash } from "@/lib/lifecycle/config-hash";
import { makeMixAssistSample } from "@/lib/import/sample-data";
import { listwiseStudyWithItems } from "@/lib/judge/test-fixtures";
import { exportStudy } from "@/studies/export";
import { preparePairwiseImport } from "@/studies/pairwise/import";

const config = pairwiseTemplate({ design: { roundsPerParticipant: 3, judgmentsPerItem: 1 }, title: "Alice's study" });

async function answerNext(participantId: string, timeOnItemMs = 1000) {
  const s = await stateOf(participantId, config);
  if (!s.trial) throw new Error(`no trial: step ${s.step}`);
  await submitAnswer({ participantId, trialId: s.trial.trialId, answer: "A", requestId: crypto.randomUUID(), timeOnItemMs, config });
  return s.trial.round;
}

describe.each(DB_KINDS)("study life cycle on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let alice: { id: string; email: string };
  let bob: { id: string; email: string };
  let carol: { id: string; email: string };
  let dave: { id: string; email: string };
  let study: { id: string; slug: string };

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    [alice, bob, carol, dave] = await Promise.all(["alice", "bob", "carol", "dave"].map((n) => newResearcher(n)));
    study = await liveStudyWithItems({ researcherId: alice.id, config, n: 6, seed: 61 });
  });
  afterAll(async () => cleanup?.());

  it("publishing froze version 1 with the configuration's hash", async () => {
    const s = await getStudyForResearcher({ studyId: study.id, researcherId: alice.id });
    expect(s).toMatchObject({ status: "live", version: 1, role: "owner", configHash: configHash(config) });
    const { versions } = await listStudyVersions({ studyId: study.id, researcherId: alice.id });
    expect(versions.map((v) => [v.version, v.configHash, v.current])).toEqual([[1, configHash(config), true]]);
    expect(versions[0].frozenAt).not.toBeNull();
  });

  it("sharing: a viewer reads but cannot write (403), an editor writes, a stranger sees nothing (404), only the owner shares", async () => {
    await expect(getStudyForResearcher({ studyId: study.id, researcherId: bob.id, need: "read" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await shareStudy({ studyId: study.id, researcherId: alice.id, email: bob.email.toUpperCase(), role: "viewer" });
    await shareStudy({ studyId: study.id, researcherId: alice.id, email: carol.email, role: "editor" });

    // Bob, viewer: every read works …
    expect(await getStudyForResearcher({ studyId: study.id, researcherId: bob.id, need: "read" })).toMatchObject({ role: "viewer", title: "Alice's study" });
    expect(await listJudgmentsForExport({ studyId: study.id, researcherId: bob.id })).toEqual([]);
    expect((await getStudyProgress({ studyId: study.id, researcherId: bob.id })).items).toBe(6);
    expect((await listAudit({ studyId: study.id, researcherId: bob.id })).length).toBeGreaterThan(0);
    const bobs = await listStudiesForResearcher({ researcherId: bob.id });
    expect(bobs.map((s) => [s.id, s.role, s.ownerEmail])).toEqual([[study.id, "viewer", alice.email]]);
    // … every write is FORBIDDEN and changes nothing.
    const before = await tableCounts();
    await expect(updateStudyConfig({ studyId: study.id, researcherId: bob.id, config: { ...config, title: "Bob was here" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getStudyForResearcher({ studyId: study.id, researcherId: bob.id })).rejects.toMatchObject({ code: "FORBIDDEN" }); // default: owner
    await expect(closeStudy({ studyId: study.id, researcherId: bob.id })).rejects.toMatchObject({ code: "FORBIDDEN", message: /ask its owner/ });
    await expect(publishStudy({ studyId: study.id, researcherId: bob.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(duplicateStudy({ studyId: study.id, researcherId: bob.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteStudy({ studyId: study.id, researcherId: bob.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(shareStudy({ studyId: study.id, researcherId: bob.id, email: dave.email, role: "editor" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const sample = makeMixAssistSample(2, 62, { seconds: 0.1, sampleRate: 8000 });
    const prepared = await preparePairwiseImport(importFiles(sample, { withAudio: false }), config, { audioMaxBytes: AUDIO_MAX_BYTES });
    await expect(importItems({ studyId: study.id, researcherId: bob.id, prepared })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await tableCounts()).toEqual(before);
    expect(await getStudyForResearcher({ studyId: study.id, researcherId: alice.id })).toMatchObject({ status: "live", version: 1, title: "Alice's study" });

    // Carol, editor: may change the study, not share or delete it.
    await expect(shareStudy({ studyId: study.id, researcherId: carol.id, email: dave.email, role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN", message: /owner/ });
    await expect(deleteStudy({ studyId: study.id, researcherId: carol.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getStudyForResearcher({ studyId: study.id, researcherId: carol.id, need: "write" })).toMatchObject({ role: "editor" });

    // Dave, not shared: NOT_FOUND everywhere, like a study that does not exist.
    for (const attempt of [
      () => getStudyForResearcher({ studyId: study.id, researcherId: dave.id, need: "read" }),
      () => getStudyProgress({ studyId: study.id, researcherId: dave.id }),
      () => updateStudyConfig({ studyId: study.id, researcherId: dave.id, config }),
      () => shareStudy({ studyId: study.id, researcherId: dave.id, email: dave.email, role: "editor" }),
      () => duplicateStudy({ studyId: study.id, researcherId: dave.id }),
      () => listStudyShares({ studyId: study.id, researcherId: dave.id }),
    ]) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listJudgmentsForExport({ studyId: study.id, researcherId: dave.id })).toEqual([]);
    expect(await listAudit({ studyId: study.id, researcherId: dave.id })).toEqual([]);
    expect(await listStudiesForResearcher({ researcherId: dave.id })).toEqual([]);

    // The owner's mistakes are clear 4xx.
    await expect(shareStudy({ studyId: study.id, researcherId: alice.id, email: alice.email, role: "viewer" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(shareStudy({ studyId: study.id, researcherId: alice.id, email: "nobody@example.test", role: "viewer" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Changing a role, and removing a share: Dave gets in, becomes editor, is removed and sees nothing again.
    expect(await shareStudy({ studyId: study.id, researcherId: alice.id, email: dave.email, role: "viewer" })).toMatchObject({ role: "viewer", changed: true });
    expect(await shareStudy({ studyId: study.id, researcherId: alice.id, email: dave.email, role: "viewer" })).toMatchObject({ changed: false });
    expect(await shareStudy({ studyId: study.id, researcherId: alice.id, email: dave.email, role: "editor" })).toMatchObject({ role: "editor", changed: true });
    expect(await getStudyForResearcher({ studyId: study.id, researcherId: dave.id, need: "write" })).toMatchObject({ role: "editor" });
    const shares = await listStudyShares({ studyId: study.id, researcherId: bob.id });
    expect(shares.owner.email).toBe(alice.email);
    expect(shares.shares.map((s) => [s.email, s.role])).toEqual([[bob.email, "viewer"], [carol.email, "editor"], [dave.email, "editor"]]);
    await unshareStudy({ studyId: study.id, researcherId: alice.id, sharedWith: dave.id });
    await expect(unshareStudy({ studyId: study.id, researcherId: alice.id, sharedWith: dave.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getStudyForResearcher({ studyId: study.id, researcherId: dave.id, need: "read" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a live edit by an editor is version 2; answers before and after record versions 1 and 2, and exports carry both hashes", async () => {
    const p = (await readyParticipant(study.slug, "VER-1")).participantId;
    await answerNext(p);
    const edited = { ...config, texts: { ...config.texts, instructions: "Listen twice, then judge." } };
    expect(await updateStudyConfig({ studyId: study.id, researcherId: carol.id, config: edited })).toEqual({ version: 2, configHash: configHash(edited), changed: true });
    await answerNext(p);

    const now = await getStudyForResearcher({ studyId: study.id, researcherId: bob.id, need: "read" });
    expect(now).toMatchObject({ version: 2, configHash: configHash(edited) });
    expect(now.config.texts.instructions).toBe("Listen twice, then judge.");
    const { versions } = await listStudyVersions({ studyId: study.id, researcherId: bob.id });
    expect(versions.map((v) => [v.version, v.configHash])).toEqual([[1, configHash(config)], [2, configHash(edited)]]);
    expect(versions[1].frozenBy).toBe(carol.email);
    expect(configHash(config)).not.toBe(configHash(edited));

    const rows = await listJudgmentsForExport({ studyId: study.id, researcherId: bob.id });
    expect(rows.map((r) => [r.round, r.configVersion, r.configHash])).toEqual([[1, 1, configHash(config)], [2, 2, configHash(edited)]]);
    const csv = exportStudy({ slug: study.slug, config: now.config, rows, table: "judgments", format: "csv" }).body.split("\r\n");
    expect(csv[0].endsWith(",config_version,config_hash")).toBe(true);
    expect(csv[1].endsWith(`,1,${configHash(config)}`)).toBe(true);
    expect(csv[2].endsWith(`,2,${configHash(edited)}`)).toBe(true);
    const provenance = { version: now.version, configHash: now.configHash };
    const md = exportStudy({ slug: study.slug, config: now.config, rows, table: "3", format: "md", provenance }).body;
    expect(md).toContain(`Configuration v2, sha256 ${configHash(edited)}; judgments given under versions 1, 2.`);
    const tableCsv = exportStudy({ slug: study.slug, config: now.config, rows, table: "3", format: "csv", provenance }).body;
    expect(tableCsv.trimEnd().split("\r\n").pop()).toBe(`# Configuration v2, sha256 ${configHash(edited)}; judgments given under versions 1, 2.`);
    const tex = exportStudy({ slug: study.slug, config: now.config, rows, table: "3", format: "tex", provenance }).body;
    expect(tex).toContain(`Configuration v2, sha256 ${configHash(edited)}`);

    // Design changes stay refused; saving the same configuration again changes nothing.
    await expect(updateStudyConfig({ studyId: study.id, researcherId: alice.id, config: { ...edited, design: { ...edited.design, roundsPerParticipant: 4 } } }))
      .rejects.toMatchObject({ code: "CONFLICT", message: /design/ });
    expect(await updateStudyConfig({ studyId: study.id, researcherId: alice.id, config: edited })).toMatchObject({ version: 2, changed: false });
    const db = await getDb();
    expect(await db.select({ v: studyVersions.version }).from(studyVersions).where(eq(studyVersions.studyId, study.id))).toHaveLength(2);
  });

  it("a draft's edits stay version 1 and update the hash; nothing is frozen until publishing", async () => {
    const draft = await createStudy({ researcherId: alice.id, config: { ...config, title: "Draft" } });
    expect(await getStudyForResearcher({ studyId: draft.id, researcherId: alice.id })).toMatchObject({ version: 1, configHash: configHash({ ...config, title: "Draft" }) });
    const next = { ...config, title: "Draft", design: { ...config.design, roundsPerParticipant: 5 } };
    expect(await updateStudyConfig({ studyId: draft.id, researcherId: alice.id, config: next })).toEqual({ version: 1, configHash: configHash(next), changed: true });
    const { versions } = await listStudyVersions({ studyId: draft.id, researcherId: alice.id });
    expect(versions).toMatchObject([{ version: 1, configHash: configHash(next), frozenAt: null, current: true }]);
  });

  it("duplicate copies config, items, candidates and clips as the caller's draft — no participants or judgments", async () => {
    const db = await getDb();
    const srcItems = await db.select({ id: items.id, externalId: items.externalId }).from(items).where(eq(items.studyId, study.id)).orderBy(items.externalId);
    await db.insert(audioFiles).values({ hash: "f".repeat(64), mime: "audio/wav", bytes: 44, durationMs: 0, sampleRate: 8000, channels: 1 });
    await db.insert(itemClips).values({ itemId: srcItems[0].id, position: 0, label: "Bass", role: "stem", audioHash: "f".repeat(64) });

    const copy = await duplicateStudy({ studyId: study.id, researcherId: carol.id });
    expect(copy).toMatchObject({ title: "Alice's study (copy)", items: 6 });
    const c = await getStudyForResearcher({ studyId: copy.id, researcherId: carol.id });
    expect(c).toMatchObject({ status: "draft", version: 1, role: "owner", title: "Alice's study (copy)" });
    expect(c.slug).not.toBe(study.slug);
    expect(c.config.texts.instructions).toBe("Listen twice, then judge.");
    await expect(getStudyForResearcher({ studyId: copy.id, researcherId: alice.id, need: "read" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const copied = await db.select({ id: items.id, externalId: items.externalId }).from(items).where(eq(items.studyId, copy.id)).orderBy(items.externalId);
    expect(copied.map((i) => i.externalId)).toEqual(srcItems.map((i) => i.externalId));
    const texts = async (ids: string[]) => (await db.select({ system: candidates.system, text: candidates.text, itemId: candidates.itemId }).from(candidates).where(inArray(candidates.itemId, ids)))
      .map((r) => `${r.system}:${r.text}`).sort();
    expect(await texts(copied.map((i) => i.id))).toEqual(await texts(srcItems.map((i) => i.id)));
    expect(await texts(copied.map((i) => i.id))).toHaveLength(12);
    const clips = await db.select({ itemId: itemClips.itemId, label: itemClips.label }).from(itemClips).where(inArray(itemClips.itemId, copied.map((i) => i.id)));
    expect(clips).toEqual([{ itemId: copied[0].id, label: "Bass" }]);
    expect(await db.select({ id: participants.id }).from(participants).where(eq(participants.studyId, copy.id))).toEqual([]);
    expect(await db.select({ id: judgments.id }).from(judgments).where(eq(judgments.studyId, copy.id))).toEqual([]);
    expect((await db.select({ id: judgments.id }).from(judgments).where(eq(judgments.studyId, study.id))).length).toBe(2);

    const copyLog = await listAudit({ studyId: copy.id, researcherId: carol.id });
    expect(copyLog.map((e) => [e.action, e.detail?.fromId])).toEqual([["duplicated", study.id]]);
    const srcLog = await listAudit({ studyId: study.id, researcherId: alice.id });
    expect(srcLog[0]).toMatchObject({ action: "duplicated", detail: { copyId: copy.id }, researcher: { email: carol.email } });
  });

  it("a closed study refuses new participants and answers and stores nothing; researchers still read", async () => {
    const waiting = await readyParticipant(study.slug, "CLOSE-1");
    await stateOf(waiting.participantId, config); // rounds assigned before closing
    await expect(closeStudy({ studyId: study.id, researcherId: bob.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const closed = await closeStudy({ studyId: study.id, researcherId: carol.id });
    expect(closed.status).toBe("closed");
    expect(await closeStudy({ studyId: study.id, researcherId: alice.id })).toEqual(closed); // again: no-op

    const db = await getDb();
    const before = { ...(await tableCounts()), participants: (await db.select({ id: participants.id }).from(participants)).length };
    await expect(joinStudy({ slug: study.slug, prolificPid: "CLOSE-NEW" })).rejects.toMatchObject({ code: "STUDY_CLOSED", status: 410 });
    await expect(joinStudy({ slug: study.slug, prolificPid: "CLOSE-1" })).rejects.toMatchObject({ code: "STUDY_CLOSED" });
    await expect(getParticipantByToken({ slug: study.slug, token: waiting.token })).rejects.toMatchObject({ code: "STUDY_CLOSED", message: /closed/ });
    expect({ ...(await tableCounts()), participants: (await db.select({ id: participants.id }).from(participants)).length }).toEqual(before);

    await expect(updateStudyConfig({ studyId: study.id, researcherId: alice.id, config: { ...config, title: "x" } })).rejects.toMatchObject({ code: "CONFLICT", message: /closed/ });
    await expect(publishStudy({ studyId: study.id, researcherId: alice.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await listJudgmentsForExport({ studyId: study.id, researcherId: bob.id })).toHaveLength(2);
    expect(await getStudyForResearcher({ studyId: study.id, researcherId: bob.id, need: "read" })).toMatchObject({ status: "closed" });
    const [row] = await db.select({ closedAt: studies.closedAt }).from(studies).where(eq(studies.id, study.id));
    expect(row.closedAt).toBeInstanceOf(Date);
  });

  it("the audit log has every action, with who and the details, newest first", async () => {
    const log = await listAudit({ studyId: study.id, researcherId: bob.id, limit: 100 });
    const compact = log.slice().reverse().map((e) => [e.action, e.researcher?.email]);
    expect(compact).toEqual([
      ["created", alice.email],
      ["imported", alice.email],
      ["published", alice.email],
      ["shared", alice.email], // bob viewer
      ["shared", alice.email], // carol editor
      ["shared", alice.email], // dave viewer
      ["shared", alice.email], // dave editor
      ["unshared", alice.email],
      ["edited", carol.email],
      ["duplicated", carol.email],
      ["closed", carol.email],
    ]);
    const detailOf = (action: string) => log.filter((e) => e.action === action).map((e) => e.detail);
    expect(detailOf("imported")).toEqual([{ items: 6, audioFiles: 0 }]);
    expect(detailOf("published")[0]).toMatchObject({ version: 1, configHash: configHash(config) });
    expect(detailOf("edited")[0]).toMatchObject({ version: 2 });
    expect(detailOf("shared").reverse()).toEqual([
      { email: bob.email, role: "viewer" }, { email: carol.email, role: "editor" }, { email: dave.email, role: "viewer" }, { email: dave.email, role: "editor", previousRole: "viewer" },
    ]);
    expect(detailOf("unshared")).toEqual([{ email: dave.email, role: "editor" }]);
    expect(detailOf("closed")).toEqual([{ version: 2 }]);

    // A judge run's start is recorded on its (listwise) study.
    const lw = await listwiseStudyWithItems(2);
    const run = await createJudgeRun({
      studyId: lw.studyId, researcherId: lw.researcherId,
      settings: { baseUrl: "http://127.0.0.1:9", model: "m", apiKeyEnc: null, apiKeyEnv: null, apiKeyHint: null, temperature: 0, concurrency: 1, maxRetries: 0, timeoutMs: 1000, prompt: "p", seed: "s" },
    });
    const lwLog = await listAudit({ studyId: lw.studyId, researcherId: lw.researcherId });
    expect(lwLog[0]).toMatchObject({ action: "judge_run_started", detail: { runId: run.id, model: "m", items: 2 } });
    // A viewer sees the runs but cannot start or cancel one.
    const lwOwnerEmail = (await listStudyShares({ studyId: lw.studyId, researcherId: lw.researcherId })).owner.email;
    expect(lwOwnerEmail).not.toBe(bob.email);
    await shareStudy({ studyId: lw.studyId, researcherId: lw.researcherId, email: bob.email, role: "viewer" });
    expect((await listJudgeRunsForResearcher({ studyId: lw.studyId, researcherId: bob.id })).map((r) => r.id)).toEqual([run.id]);
    await expect(createJudgeRun({ studyId: lw.studyId, researcherId: bob.id, settings: { baseUrl: "http://127.0.0.1:9", model: "m", apiKeyEnc: null, apiKeyEnv: null, apiKeyHint: null, temperature: 0, concurrency: 1, maxRetries: 0, timeoutMs: 1000, prompt: "p", seed: "s" } }))
      .rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelJudgeRun({ studyId: lw.studyId, researcherId: bob.id, runId: run.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelJudgeRun({ studyId: lw.studyId, researcherId: dave.id, runId: run.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("only the owner deletes a study, and everything of it goes", async () => {
    const other = await liveStudyWithItems({ researcherId: alice.id, config: { ...config, title: "To delete" }, n: 2, seed: 63 });
    await shareStudy({ studyId: other.id, researcherId: alice.id, email: carol.email, role: "editor" });
    await expect(deleteStudy({ studyId: other.id, researcherId: carol.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteStudy({ studyId: other.id, researcherId: alice.id });
    await expect(getStudyForResearcher({ studyId: other.id, researcherId: alice.id, need: "read" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const db = await getDb();
    expect(await db.select({ id: items.id }).from(items).where(eq(items.studyId, other.id))).toEqual([]);
  });
});
