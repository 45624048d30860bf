// Builds Mixing Buddy rating items from multitrack stems, or attaches each system's advice to them by item id:
//   npm run stems -- --study <slug> --dir <stems folder> --anchor bass [--segment 10] [--gain 4] [--seed s] [--max-segments n]
//   npm run stems -- --study <slug> --advice <advice.csv|jsonl>   (columns item_id, system, text)
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { writeAudioFile } from "@/db/queries/audio/store-audio";
import { attachCandidates } from "@/db/queries/items/attach-candidates";
import { createStemItems } from "@/db/queries/items/create-stem-items";
import { ImportError, formatIssue } from "@/lib/import/errors";
import { buildStemItems, StemsError } from "@/lib/stems/build";
import { parseAdvice } from "@/studies/rating/advice";

const { values } = parseArgs({
  options: {
    study: { type: "string" }, dir: { type: "string" }, anchor: { type: "string" }, segment: { type: "string", default: "10" },
    gain: { type: "string", default: "4" }, seed: { type: "string", default: "mixstudy-stems" }, "max-segments": { type: "string" }, advice: { type: "string" },
  },
});

const USAGE = [
  "usage: npm run stems -- --study <slug> --dir <stems folder> --anchor <stem name> [--segment 10] [--gain 4] [--seed s] [--max-segments n]",
  "       npm run stems -- --study <slug> --advice <advice.csv|jsonl>",
].join("\n");

function readWavs(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && /\.wav$/i.test(e.name)) out.set(path.relative(dir, full).split(path.sep).join("/"), fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

async function main() {
  if (!values.study || (!values.advice && (!values.dir || !values.anchor))) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const db = await getDb();
  const [study] = await db.select({ id: studies.id, researcherId: studies.researcherId }).from(studies).where(eq(studies.slug, values.study));
  if (!study) throw new Error(`no study with slug ${values.study}`);
  if (values.advice) {
    const rows = parseAdvice({ name: values.advice, text: fs.readFileSync(values.advice, "utf8") });
    const r = await attachCandidates({ studyId: study.id, researcherId: study.researcherId, rows });
    console.log(`attached ${r.responses} responses to ${r.items} items of ${values.study}`);
    return;
  }
  const segmentSeconds = Number(values.segment);
  const gainDb = Number(values.gain);
  const maxSegments = values["max-segments"] ? Number(values["max-segments"]) : undefined;
  const dir = path.resolve(values.dir!);
  const { items, notes } = await buildStemItems(
    readWavs(dir),
    { anchor: values.anchor!, segmentSeconds, gainDb, seed: values.seed!, maxSegmentsPerSong: maxSegments, rootName: path.basename(dir) },
    writeAudioFile,
  );
  for (const n of notes) console.log(`note: ${n}`);
  const r = await createStemItems({ studyId: study.id, researcherId: study.researcherId, stemItems: items });
  const byTrack = new Map<string, number>();
  for (const { groundTruth: t } of items) {
    const key = `${t.track} ${t.gain_db > 0 ? "+" : ""}${t.gain_db} dB`;
    byTrack.set(key, (byTrack.get(key) ?? 0) + 1);
  }
  console.log(`created ${r.items} items with ${r.clips} clips (${r.audioFiles} audio files) in ${values.study}`);
  console.log(`errors: ${[...byTrack].sort().map(([k, v]) => `${k} ×${v}`).join(", ")}`);
}

main()
  .catch((err) => {
    if (err instanceof ImportError) console.error(`refused, nothing stored:\n${err.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`);
    else if (err instanceof StemsError) console.error(`stems refused, nothing stored: ${err.message}`);
    else console.error(`error: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
