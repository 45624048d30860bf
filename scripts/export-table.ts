// Exports a table from the command line: npm run export -- --study <slug> --table 3|11|7|2|10|6|12a|12b|13|judgments|transcripts|conversations [--format csv|md|tex] [--flagged standard|exclude|include] [--out file]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { closeDb, getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { listConversationsForExport } from "@/db/queries/chat/list-conversations-for-export";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { listJudgmentsForTables } from "@/db/queries/judgments/list-judgments-for-tables";
import { configHash } from "@/lib/lifecycle/config-hash";
import { getExclusionStatement } from "@/db/queries/quality/get-exclusion-statement";
import { ZFlaggedPolicy } from "@/lib/quality/exclusion";
import { CHAT_EXPORTS, exportStudy, ZTableId } from "@/studies/export";
import { ZStudyConfig } from "@/studies/registry";

const { values } = parseArgs({ options: { study: { type: "string" }, table: { type: "string" }, format: { type: "string", default: "csv" }, flagged: { type: "string" }, out: { type: "string" } } });
const ZArgs = z.object({ study: z.string().min(1), table: z.string().regex(ZTableId), format: z.enum(["csv", "md", "tex"]), flagged: ZFlaggedPolicy, out: z.string().optional() });

async function main() {
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) {
    console.error(`usage: npm run export -- --study <slug> --table <3|11|7|2|10|6|12a|12b|13|12a-expertise|…|judgments|transcripts|conversations> [--format csv|md|tex] [--flagged standard|exclude|include] [--out <file>]\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    process.exitCode = 2;
    return;
  }
  const a = parsed.data;
  const db = await getDb();
  const [study] = await db.select({ id: studies.id, researcherId: studies.researcherId, config: studies.config, version: studies.version, configHash: studies.configHash }).from(studies).where(eq(studies.slug, a.study));
  if (!study) throw new Error(`no study with slug ${a.study}`);
  const flagged = a.flagged;
  const rows = a.table === "judgments" ? await listJudgmentsForExport({ studyId: study.id, researcherId: study.researcherId, flagged }) : await listJudgmentsForTables({ studyId: study.id, researcherId: study.researcherId, flagged });
  const exclusion = await getExclusionStatement({ studyId: study.id, researcherId: study.researcherId, flagged });
  const config = ZStudyConfig.parse(study.config);
  const provenance = { version: study.version, configHash: study.configHash ?? configHash(study.config) };
  const conversations = config.mode === "chat" && CHAT_EXPORTS.includes(a.table) ? await listConversationsForExport({ studyId: study.id, researcherId: study.researcherId, flagged }) : undefined;
  const { body } = exportStudy({ slug: a.study, config, rows, table: a.table, format: a.format, conversations, provenance, exclusion });
  // The statement goes to stderr too, so it is seen even when the body goes to a file or a pipe.
  console.error(exclusion);
  if (a.out) fs.writeFileSync(a.out, body);
  else process.stdout.write(body);
}

main()
  .catch((err) => {
    console.error(`error: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
