// Seeds the demo on first start: a researcher account and published pairwise, listwise, chat and rating studies with synthesized audio.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { researchers, studies } from "@/db/schema";
import { importItems } from "@/db/queries/items/import-items";
import { writeAudioFile } from "@/db/queries/audio/store-audio";
import { attachCandidates } from "@/db/queries/items/attach-candidates";
import { createStemItems } from "@/db/queries/items/create-stem-items";
import { createResearcher } from "@/db/queries/researchers/create-researcher";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { env } from "@/lib/env";
import { makeJudgeCsvSample, makeMixAssistSample, toJsonl } from "@/lib/import/sample-data";
import { synthClip, type TSynthKind } from "@/lib/audio/synth";
import { encodeWav } from "@/lib/audio/wav";
import { buildStemItems, type TStemItem } from "@/lib/stems/build";
import { prepareImport } from "@/studies/import";
import { loadTemplate, type TStudyConfig } from "@/studies/registry";

export const DEMO_EMAIL = "demo@mixstudy.local";
export const DEMO_SLUG = "demo-pairwise";
export const DEMO_LISTWISE_SLUG = "demo-listwise";
export const DEMO_CHAT_SLUG = "demo-chat";
export const DEMO_RATING_SLUG = "demo-rating";

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
  await seedRatingStudy(researcherId);
  if (fs.existsSync(credentialsFile)) {
    const [email, password] = fs.readFileSync(credentialsFile, "utf8").split("\n");
    console.log(`[mixstudy] demo researcher sign-in: ${email} / ${password}  (stored in ${credentialsFile})`);
  }
  console.log(`[mixstudy] demo studies for participants: /s/${DEMO_SLUG}, /s/${DEMO_LISTWISE_SLUG}, /s/${DEMO_CHAT_SLUG} and /s/${DEMO_RATING_SLUG}`);
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

// ---- demo-rating: Mixing Buddy ratings on synthesized stems ----

const DEMO_STEMS: Exclude<TSynthKind, "overall_mix">[] = ["bass", "drums", "keys", "vocals"];

/** Deterministic advice of two systems: one that undoes the injected error, one generic. Only the demo's texts. */
function demoAdvice(item: TStemItem): { system: string; text: string }[] {
  const track = item.groundTruth.track;
  const louder = item.groundTruth.gain_db > 0;
  return [
    {
      system: "mixing-buddy",
      text: `Against the bass, the ${track} track sits ${louder ? "too far forward" : "too far back"}: ${louder ? "pull it down" : "bring it up"} by a few dB until it blends with the groove, and leave the other tracks as they are.`,
    },
    {
      system: "baseline",
      text: "The mix sounds fairly balanced. Maybe check the low end and make sure nothing masks the vocals; a little compression on the master bus could glue it together.",
    },
  ];
}

/** A published rating study built from a synthesized song's stems (bass as the anchor), with two systems' advice. */
async function seedRatingStudy(researcherId: string) {
  const db = await getDb();
  const [existing] = await db.select({ id: studies.id }).from(studies).where(eq(studies.slug, DEMO_RATING_SLUG));
  if (existing) return;
  const template = loadTemplate("mixing-buddy-ratings");
  if (template.mode !== "rating") throw new Error("mixing-buddy-ratings is not a rating template");
  // One 30 s song, one stem per instrument (the same seed keeps them in the same key and tempo), at a mixing level.
  const files = new Map<string, Uint8Array>();
  for (const kind of DEMO_STEMS) {
    const clip = synthClip({ seconds: 30, seed: 20251123, kind });
    const level = kind === "drums" ? 0.45 : 0.35;
    files.set(`demo-song/${kind}.wav`, encodeWav({ sampleRate: clip.sampleRate, channels: clip.channels.map((c) => c.map((x) => x * level)) }));
  }
  const built = await buildStemItems(files, { rootName: "demo-song", anchor: "bass", segmentSeconds: 10, gainDb: 4, seed: "demo-rating" }, writeAudioFile);
  const config = {
    ...template,
    // No system name in what raters see (the template title names one).
    title: "Demo — rate gain advice on a mix and its stems (synthesized)",
    design: { ...template.design, roundsPerParticipant: built.items.length, judgmentsPerItem: null },
    completion: { ...template.completion, code: "DEMO-DONE", redirectUrl: null },
  };
  const created = await createStudy({ researcherId, config, slug: DEMO_RATING_SLUG });
  await createStemItems({ studyId: created.id, researcherId, stemItems: built.items });
  const rows = built.items.flatMap((item, i) => demoAdvice(item).map((a, k) => ({ line: i * 2 + k + 1, itemId: item.externalId, system: a.system, text: a.text })));
  await attachCandidates({ studyId: created.id, researcherId, rows });
  await publishStudy({ studyId: created.id, researcherId });
}
