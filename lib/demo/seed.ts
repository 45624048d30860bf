// Seeds the demo on first start: a researcher account and a published pairwise study of 10 items with synthesized audio.
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
import { env } from "@/lib/env";
import { makeMixAssistSample, toJsonl } from "@/lib/import/sample-data";
import { preparePairwiseImport } from "@/studies/pairwise/import";
import { loadTemplate } from "@/studies/registry";

export const DEMO_EMAIL = "demo@mixstudy.local";
export const DEMO_SLUG = "demo-pairwise";

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
  const [study] = await db.select({ id: studies.id }).from(studies).where(eq(studies.slug, DEMO_SLUG));
  if (!study) {
    const template = loadTemplate("mixassist-pairwise");
    if (template.mode !== "pairwise") throw new Error("the pairwise template is not a pairwise study");
    const config = {
      ...template,
      title: "Demo — MixAssist pairwise (synthesized audio)",
      design: { ...template.design, judgmentsPerItem: null }, // every visitor can try all 10 rounds
      completion: { code: "DEMO-DONE", redirectUrl: null },
    };
    const created = await createStudy({ researcherId, config, slug: DEMO_SLUG });
    const sample = makeMixAssistSample(10, 20250706, { generatedSystem: config.systems.generated });
    const prepared = await preparePairwiseImport(
      { rows: { name: "rows.jsonl", text: toJsonl(sample.rows) }, outputs: { name: "outputs.jsonl", text: toJsonl(sample.outputs) }, audio: sample.audio },
      config,
      { audioMaxBytes: 50 * 1024 * 1024 },
    );
    await importItems({ studyId: created.id, researcherId, prepared });
    await publishStudy({ studyId: created.id, researcherId });
  }
  if (fs.existsSync(credentialsFile)) {
    const [email, password] = fs.readFileSync(credentialsFile, "utf8").split("\n");
    console.log(`[mixstudy] demo researcher sign-in: ${email} / ${password}  (stored in ${credentialsFile})`);
  }
  console.log(`[mixstudy] demo study for participants: /s/${DEMO_SLUG}`);
}
