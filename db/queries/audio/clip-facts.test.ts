// Integration: clips stored by an import carry their audio facts to the participant's round and to the researcher's study page,
// on PGlite and PostgreSQL; another researcher cannot list them.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { AUDIO_MAX_BYTES, importFiles, newResearcher, pairwiseTemplate, readyParticipant, stateOf } from "@/db/testing/study-fixtures";
import { importItems } from "@/db/queries/items/import-items";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { factsFromFile, ZAudioFacts } from "@/lib/audio/facts";
import { makeMixAssistSample } from "@/lib/import/sample-data";
import { ZParticipantState } from "@/studies/participant-state";
import { preparePairwiseImport } from "@/studies/pairwise/import";
import { listStudyClips } from "./list-study-clips";

describe.each(DB_KINDS)("audio facts of imported clips on %s", (kind) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
  });
  afterAll(async () => cleanup());

  it("are measured at import, sent with the participant's round and listed for the owner only", async () => {
    const owner = await newResearcher("clips");
    const other = await newResearcher("other");
    const config = pairwiseTemplate({ design: { roundsPerParticipant: 2, judgmentsPerItem: null } });
    const study = await createStudy({ researcherId: owner.id, config });
    const sample = makeMixAssistSample(3, 11, { generatedSystem: config.systems.generated, seconds: 1, sampleRate: 16000 });
    const prepared = await preparePairwiseImport(importFiles(sample, { withAudio: true }), config, { audioMaxBytes: AUDIO_MAX_BYTES });
    await importItems({ studyId: study.id, researcherId: owner.id, prepared });
    await publishStudy({ studyId: study.id, researcherId: owner.id });

    const db = await getDb();
    const rows = await db.select({ hash: audioFiles.hash, facts: audioFiles.facts }).from(audioFiles);
    expect(rows.length).toBeGreaterThan(0);
    expect(await db.select({ hash: audioFiles.hash }).from(audioFiles).where(isNull(audioFiles.facts))).toEqual([]);
    // Stored facts are those of the uploaded file itself.
    const [someItem] = sample.rows;
    const bytes = sample.audio.get(someItem.audio_file!)!;
    const expected = await factsFromFile(bytes);
    const stored = rows.find((r) => r.hash === createHash("sha256").update(bytes).digest("hex"));
    expect(ZAudioFacts.parse(stored!.facts)).toEqual(expected);

    const p = await readyParticipant(study.slug);
    const state = ZParticipantState.parse(JSON.parse(JSON.stringify(await stateOf(p.participantId, config))));
    expect(state.step).toBe("trial");
    const hash = state.trial!.audio!.url.split("/").pop()!;
    const [row] = await db.select({ facts: audioFiles.facts }).from(audioFiles).where(eq(audioFiles.hash, hash));
    expect(state.trial!.audio!.facts).toEqual(row.facts);
    expect(state.trial!.audio!.facts!.durationS).toBe(1);

    const listed = await listStudyClips({ studyId: study.id, researcherId: owner.id });
    expect(listed.total).toBe(rows.length);
    expect(listed.clips.map((c) => c.facts)).toEqual(listed.clips.map((c) => rows.find((r) => r.hash === c.hash)!.facts));
    expect(listed.clips.every((c) => c.name.startsWith("audio/"))).toBe(true);
    await expect(listStudyClips({ studyId: study.id, researcherId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
