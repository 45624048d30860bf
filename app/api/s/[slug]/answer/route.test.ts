// Integration: the answer endpoint refuses bad rating answers with 400 problem+json and stores nothing; a good one is stored with its listening.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { judgments } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { newResearcher, readyParticipant, tableCounts, trialsOf } from "@/db/testing/study-fixtures";
import { importItems } from "@/db/queries/items/import-items";
import { getParticipantState } from "@/db/queries/participants/get-participant-state";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { prepareRatingImport } from "@/studies/rating/import";
import { testRatingConfig } from "@/studies/rating/test-config";
import { POST } from "./route";

const config = testRatingConfig({ design: { roundsPerParticipant: 1, judgmentsPerItem: null, abandonAfterMinutes: 60 } });
const rows = { name: "items.jsonl", text: JSON.stringify({ id: "i1", prompt: "Balance it.", responses: { buddy: "Lower the vocals.", base: "Looks fine." }, ground_truth: { track: "vocals", gain_db: 4 } }) };
const good = { effectiveness: 4, actionability: 2, specific: "yes", direction: "lower", magnitude: "moderate" };

describe.each(DB_KINDS)("POST /api/s/[slug]/answer (rating) on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let slug: string;
  let token: string;
  let trialId: string;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    const researcherId = (await newResearcher("route")).id;
    const study = await createStudy({ researcherId, config });
    await importItems({ studyId: study.id, researcherId, prepared: await prepareRatingImport({ rows, outputs: null, audio: null }, config, { audioMaxBytes: 1e6 }) });
    await publishStudy({ studyId: study.id, researcherId });
    slug = study.slug;
    const joined = await readyParticipant(slug, "PID-ROUTE");
    token = joined.token;
    await getParticipantState({ participantId: joined.participantId, config });
    trialId = (await trialsOf(joined.participantId))[0].id;
  });
  afterAll(async () => cleanup?.());

  const post = (answer: unknown, extra: Record<string, unknown> = {}) =>
    POST(
      new Request(`http://127.0.0.1/api/s/${slug}/answer`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ trialId, requestId: crypto.randomUUID(), timeOnItemMs: 5000, answer, ...extra }),
      }),
      { params: Promise.resolve({ slug }) },
    );

  it.each([
    ["a value outside the scale", { A: { ...good, effectiveness: 6 }, B: good }, /"Effectiveness" \(effectiveness\) must be a whole number from 1 to 5; got 6/],
    ["a missing required criterion", { A: good, B: { ...good, specific: undefined } }, /response B: "Identifies a specific issue" \(specific\) is required/],
    ["a position not shown", { A: good, B: good, C: good }, /position C was not shown in this round \(shown: A, B\)/],
  ])("refuses %s with 400 and stores nothing", async (_what, ratings, message) => {
    const res = await post({ ratings });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(message);
    expect((await tableCounts()).judgments).toBe(0);
  });

  it("refuses a malformed listening report with 400", async () => {
    const res = await post({ ratings: { A: good, B: good } }, { listening: { clips: { Mix: { playedMs: -5, plays: 1, seeks: 0 } } } });
    expect(res.status).toBe(400);
    expect((await tableCounts()).judgments).toBe(0);
  });

  it("stores a complete answer once, with the listening per clip, and sends back no system label", async () => {
    const listening = { clips: { Mix: { playedMs: 10000, plays: 1, seeks: 2 }, Vocals: { playedMs: 3000, plays: 2, seeks: 0 } } };
    const res = await post({ ratings: { A: good, B: { ...good, effectiveness: 1 } }, feedback: { A: "Clear." } }, { listening });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/buddy|base|gain_db/);
    expect(JSON.parse(text).step).toBe("done");
    const db = await getDb();
    const stored = await db.select({ listening: judgments.listening, answerPosition: judgments.answerPosition }).from(judgments).where(eq(judgments.trialId, trialId));
    expect(stored).toHaveLength(1);
    expect(stored[0].listening).toEqual(listening);
    expect(stored[0].answerPosition).toMatch(/^A: effectiveness=4.* \| B: effectiveness=1/);
  });
});
