// Seeds the demo on first start: a researcher account and published pairwise, listwise and chat studies with synthesized audio.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { researchers, studies } from "@/db/schema";
import { importItems } from "@/db/queries/items/import-items";
import { createResearcher } from "@/db/queries/researchers/create-researcher";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { synthClip } from "@/lib/audio/synth";
import { encodeWav } from "@/lib/audio/wav";
import { env } from "@/lib/env";
import { makeJudgeCsvSample, makeMixAssistSample, toJsonl } from "@/lib/import/sample-data";
import { prepareImport } from "@/studies/import";
import { loadTemplate, type TStudyConfig } from "@/studies/registry";

export const DEMO_EMAIL = "demo@mixstudy.local";
export const DEMO_SLUG = "demo-pairwise";
export const DEMO_LISTWISE_SLUG = "demo-listwise";
export const DEMO_CHAT_SLUG = "demo-chat";

export async function seedDemo(): Promise<void> {
  const db = await getDb();
  const credentialsFile = path.join(env().dataDir, "demo-credentials.txt");
  const [existing] = await db.select({ id: researchers.id }).from(researchers).where(eq(researchers.email, DEMO_EMAIL));
  let researcherId = existing?.id;
  if (!researcherId) {
    const password = crypto.randomBytes(9).toString("base64url");
    researcherId = (await createResearcher({ email: DEMO_EMAIL, name: "Demo researcher", password })).id;
    fs.writeFileSync(credentialsFile, `${DEMO_EMAIL}\n${password}\n`, { mode: 0o600 });
  }
  const pairwise = loadTemplate("mixassist-pairwise");
  const sample = makeMixAssistSample(10, 20250706, { generatedSystem: "qwen-ft" });
  await seedStudy(researcherId, DEMO_SLUG, {
    ...pairwise,
    title: "Demo — MixAssist pairwise (synthesized audio)",
    design: { ...pairwise.design, judgmentsPerItem: null }, // every visitor can try all 10 rounds
    completion: { ...pairwise.completion, code: "DEMO-DONE", redirectUrl: null },
  }, { rows: { name: "rows.jsonl", text: toJsonl(sample.rows) }, outputs: { name: "outputs.jsonl", text: toJsonl(sample.outputs) }, audio: sample.audio });
  const listwise = loadTemplate("mixassist-listwise");
  await seedStudy(researcherId, DEMO_LISTWISE_SLUG, {
    ...listwise,
    title: "Demo — MixAssist listwise ranking (synthesized audio)",
    design: { ...listwise.design, roundsPerParticipant: 10, judgmentsPerItem: null },
    completion: { ...listwise.completion, code: "DEMO-DONE", redirectUrl: null },
  }, { rows: { name: "judge.csv", text: makeJudgeCsvSample(10, 20250707) }, outputs: null, audio: makeMixAssistSample(10, 20250707).audio });
  const chat = loadTemplate("mixassist-live-chat");
  const demoClip = synthClip({ seconds: 40, seed: 20250708, kind: "overall_mix" });
  await seedStudy(researcherId, DEMO_CHAT_SLUG, {
    ...chat,
    title: "Demo — live chat with a mixing assistant",
    completion: { ...chat.completion, code: "DEMO-DONE", redirectUrl: null },
  }, {
    rows: { name: "clips.jsonl", text: toJsonl([{ id: "demo-mix", audio_file: "demo-mix.wav", title: "synthesized demo mix" }]) },
    outputs: null,
    audio: new Map([["demo-mix.wav", encodeWav({ sampleRate: demoClip.sampleRate, channels: demoClip.channels })]]),
  });
  if (fs.existsSync(credentialsFile)) {
    const [email, password] = fs.readFileSync(credentialsFile, "utf8").split("\n");
    console.log(`[mixstudy] demo researcher sign-in: ${email} / ${password}  (stored in ${credentialsFile})`);
  }
  console.log(`[mixstudy] demo studies for participants: /s/${DEMO_SLUG}, /s/${DEMO_LISTWISE_SLUG} and /s/${DEMO_CHAT_SLUG}`);
}

/** Creates, fills and publishes one demo study unless its slug exists already. */
async function seedStudy(researcherId: string, slug: string, config: TStudyConfig, files: Parameters<typeof prepareImport>[0]) {
  const db = await getDb();
  const [existing] = await db.select({ id: studies.id }).from(studies).where(eq(studies.slug, slug));
  if (existing) return;
  const prepared = await prepareImport(files, config, { audioMaxBytes: 50 * 1024 * 1024 });
  const created = await createStudy({ researcherId, config, slug });
  await importItems({ studyId: created.id, researcherId, prepared });
  await publishStudy({ studyId: created.id, researcherId });
}
