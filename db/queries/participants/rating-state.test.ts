// Integration: what a rater's State carries in a rating study — the criteria as the form draws them, the clips
// in order (or the one audio as "Mix"), and nothing of the systems or the ground truth — on PGlite and PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { candidates, itemClips, items } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { newResearcher, readyParticipant } from "@/db/testing/study-fixtures";
import { writeAudioFile } from "@/db/queries/audio/store-audio";
import { attachCandidates } from "@/db/queries/items/attach-candidates";
import { createStemItems } from "@/db/queries/items/create-stem-items";
import { submitAnswer } from "@/db/queries/judgments/submit-answer";
import { getParticipantState } from "@/db/queries/participants/get-participant-state";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { encodeWav } from "@/lib/audio/wav";
import { buildStemItems } from "@/lib/stems/build";
import { ZParticipantState } from "@/studies/participant-state";
import type { TRatingConfig } from "@/studies/rating/config";
import { loadTemplate } from "@/studies/registry";

const RATE = 8000;
const tone = (f: number, amp: number) => Float32Array.from({ length: 2 * RATE }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / RATE));
const wav = (f: number, amp: number) => new Uint8Array(encodeWav({ sampleRate: RATE, channels: [tone(f, amp)] }));

const base = loadTemplate("mixing-buddy-ratings") as TRatingConfig;
// A neutral title: the template's own title names a system ("Mixing Buddy — …"), and raters see the title.
const config: TRatingConfig = { ...base, title: "Rate the gain advice", design: { roundsPerParticipant: 3, judgmentsPerItem: null, abandonAfterMinutes: 60 } };
const ANSWER = { effectiveness: 3, actionability: 3, conventions: 3, direction: "leave" };

describe.each(DB_KINDS)("a rater's State in a rating study on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let researcherId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    researcherId = (await newResearcher("rating-state")).id;
  });
  afterAll(async () => cleanup?.());

  it("carries the criteria and the clips in order, falls back to one Mix clip, and names no system or ground truth", async () => {
    const study = await createStudy({ researcherId, config });
    // Two items from stems (2 s song, 1 s segments, 3 stems → Mix, Bass, Drums, Keys each) …
    const stems = new Map([["bass.wav", wav(55, 0.3)], ["drums.wav", wav(150, 0.2)], ["keys.wav", wav(330, 0.2)]]);
    const { items: built } = await buildStemItems(stems, { anchor: "bass", segmentSeconds: 1, gainDb: 4.75, seed: "state", rootName: "song" }, writeAudioFile);
    await createStemItems({ studyId: study.id, researcherId, stemItems: built });
    // … and one item with a single audio file and no clips (as a plain rows import stores it).
    const db = await getDb();
    const [plain] = await db
      .insert(items)
      .values({ studyId: study.id, externalId: "plain-1", userUtterance: "Is the vocal too loud?", audioHash: built[0].clips[0].hash, groundTruth: { track: "vocals", gain_db: 4.75 } })
      .returning({ id: items.id });
    await attachCandidates({
      studyId: study.id,
      researcherId,
      rows: [...built.map((b) => b.externalId), "plain-1"].flatMap((itemId, i) => [
        { line: 2 * i + 1, itemId, system: "mixing-buddy", text: `first advice ${itemId}` },
        { line: 2 * i + 2, itemId, system: "baseline", text: `second advice ${itemId}` },
      ]),
    });
    expect((await db.select({ id: candidates.id }).from(candidates).where(eq(candidates.itemId, plain.id))).length).toBe(2);
    await publishStudy({ studyId: study.id, researcherId });

    const { participantId } = await readyParticipant(study.slug, "PID-STATE");
    const seen: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const state = await getParticipantState({ participantId, config });
      // What the browser checks the State against accepts it.
      expect(ZParticipantState.safeParse(JSON.parse(JSON.stringify(state))).success).toBe(true);
      expect(state.step).toBe("trial");
      expect(state.study.mode).toBe("rating");
      expect(state.study.presentation).toBe("one_at_a_time");
      expect(state.study.listening).toEqual({ requireMixPlayed: "full" });
      expect(state.study.feedback).toEqual({ enabled: true, required: false, label: "Feedback on this advice (what is right or wrong about it?)" });
      expect(state.study.ratingCriteria!.map((c) => [c.id, c.required, c.scale.kind])).toEqual([
        ["effectiveness", true, "likert"],
        ["actionability", true, "likert"],
        ["conventions", true, "likert"],
        ["direction", true, "categorical"],
        ["magnitude", false, "categorical"],
      ]);
      expect(state.study.ratingCriteria![0].scale).toEqual({ kind: "likert", points: 5, labels: { low: "Not at all effective", high: "Extremely effective", points: { "3": "Moderately effective" } } });
      // The categorical scale's link to the ground truth stays on the server.
      expect(state.study.ratingCriteria![3].scale).toEqual({ kind: "categorical", options: [{ value: "raise", label: "Raise it" }, { value: "lower", label: "Lower it" }, { value: "leave", label: "Leave it as is" }] });

      const trial = state.trial!;
      const itemId = trial.responses[0].text.replace(/^(first|second) advice /, "");
      seen.push(itemId);
      if (itemId === "plain-1") {
        expect(trial.clips).toEqual([{ label: "Mix", role: "mix", url: `/api/audio/${built[0].clips[0].hash}` }]);
      } else {
        const [row] = await db.select({ id: items.id }).from(items).where(eq(items.externalId, itemId));
        const clips = await db.select({ label: itemClips.label, role: itemClips.role, hash: itemClips.audioHash }).from(itemClips).where(eq(itemClips.itemId, row.id)).orderBy(asc(itemClips.position));
        expect(clips.map((c) => c.label)).toEqual(["Mix", "Bass", "Drums", "Keys"]);
        expect(trial.clips).toEqual(clips.map((c) => ({ label: c.label, role: c.role, url: `/api/audio/${c.hash}` })));
      }
      // No system id or label, no ground-truth field or value, anywhere in the State.
      expect(JSON.stringify(state)).not.toMatch(/mixing-buddy|Mixing Buddy|baseline|Baseline|gain_db|groundTruth|ground_truth|4\.75|vocals/);

      await submitAnswer({
        participantId,
        trialId: trial.trialId,
        answer: { ratings: { A: ANSWER, B: ANSWER } },
        requestId: crypto.randomUUID(),
        config,
        listening: { clips: Object.fromEntries(trial.clips!.map((c) => [c.label, { playedMs: 1000, plays: 1, seeks: 0 }])) },
      });
    }
    expect(seen.sort()).toEqual([...built.map((b) => b.externalId), "plain-1"].sort());
    expect((await getParticipantState({ participantId, config })).step).toBe("done");
  });
});
