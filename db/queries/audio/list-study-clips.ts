import "server-only";
// The distinct audio clips of a researcher's study's items, with their audio facts, for the study page.
import { and, asc, countDistinct, eq, isNotNull, min } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles, items } from "@/db/schema";
import { ZAudioFacts, type TAudioFacts } from "@/lib/audio/facts-schema";
import { getStudyForResearcher } from "../studies/get-study-for-researcher";
import { getAudioFacts } from "./get-audio-facts";

export interface TStudyClip {
  hash: string;
  /** The path the import named (e.g. audio/segments/Group4/cut_37.wav), or the first item's external id. */
  name: string;
  /** How many of the study's items use this clip. */
  items: number;
  facts: TAudioFacts | null;
}

/**
 * The first `limit` distinct clips of the study (by the first item's external id that uses each) and
 * how many clips there are in all. Clips stored before facts existed are measured now and kept.
 */
export async function listStudyClips({ studyId, researcherId, limit = 20 }: { studyId: string; researcherId: string; limit?: number }): Promise<{ total: number; clips: TStudyClip[] }> {
  await getStudyForResearcher({ studyId, researcherId, need: "read" }); // not found unless they may read it
  const db = await getDb();
  const where = and(eq(items.studyId, studyId), isNotNull(items.audioHash));
  const [{ total }] = await db.select({ total: countDistinct(items.audioHash) }).from(items).where(where);
  const rows = await db
    .select({ hash: audioFiles.hash, facts: audioFiles.facts, path: min(items.audioPath), externalId: min(items.externalId), items: countDistinct(items.id) })
    .from(items)
    .innerJoin(audioFiles, eq(audioFiles.hash, items.audioHash))
    .where(where)
    .groupBy(audioFiles.hash, audioFiles.facts)
    .orderBy(asc(min(items.externalId)))
    .limit(Math.max(1, Math.min(200, limit)));
  const clips: TStudyClip[] = [];
  for (const r of rows) {
    const parsed = ZAudioFacts.safeParse(r.facts);
    clips.push({
      hash: r.hash,
      name: r.path ?? r.externalId ?? r.hash.slice(0, 12),
      items: Number(r.items),
      facts: parsed.success ? parsed.data : await getAudioFacts({ hash: r.hash }),
    });
  }
  return { total: Number(total), clips };
}
