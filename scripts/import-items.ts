// Imports items from the command line: npm run import -- --study <slug> --rows rows.jsonl --outputs out.jsonl [--audio-dir folder] (or --rows judge.csv)
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { importItems } from "@/db/queries/items/import-items";
import { ImportError, formatIssue } from "@/lib/import/errors";
import { prepareImport } from "@/studies/import";
import { ZStudyConfig } from "@/studies/registry";

const { values } = parseArgs({ options: { study: { type: "string" }, rows: { type: "string" }, outputs: { type: "string" }, "audio-dir": { type: "string" } } });

function readFolder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.set(path.relative(dir, full).split(path.sep).join("/"), fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

async function main() {
  if (!values.study || !values.rows) {
    console.error("usage: npm run import -- --study <slug> --rows <rows.jsonl|csv|judge.csv> [--outputs <outputs.jsonl|csv>] [--audio-dir <folder>]");
    process.exitCode = 2;
    return;
  }
  const db = await getDb();
  const [study] = await db.select({ id: studies.id, researcherId: studies.researcherId, config: studies.config }).from(studies).where(eq(studies.slug, values.study));
  if (!study) throw new Error(`no study with slug ${values.study}`);
  const config = ZStudyConfig.parse(study.config);
  const prepared = await prepareImport(
    {
      rows: { name: values.rows, text: fs.readFileSync(values.rows, "utf8") },
      outputs: values.outputs ? { name: values.outputs, text: fs.readFileSync(values.outputs, "utf8") } : null,
      audio: values["audio-dir"] ? readFolder(values["audio-dir"]) : null,
    },
    config,
    { audioMaxBytes: config.limits.audioMaxMb * 1024 * 1024 },
  );
  const r = await importItems({ studyId: study.id, researcherId: study.researcherId, prepared });
  console.log(`imported ${r.items} items and ${r.audioFiles} audio files into ${values.study}`);
}

main()
  .catch((err) => {
    if (err instanceof ImportError) console.error(`import refused, nothing stored:\n${err.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`);
    else console.error(`error: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
