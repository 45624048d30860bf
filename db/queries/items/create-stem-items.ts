import "server-only";
// Stores items built from stems in one transaction: audio rows, items with ground truth, and their clips in order.
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { audioFiles, itemClips, items } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "@/lib/http/app-error";
import type { TStemItem } from "@/lib/stems/build";
import { insertAudioRow } from "../audio/store-audio";
import { getStudyForResearcher } from "../studies/get-study-for-researcher";

/** Owner-scoped; the study must be a rating study in draft. The clips' files must already be written (by hash). */
export async function createStemItems({ studyId, researcherId, stemItems }: { studyId: string; researcherId: string; stemItems: TStemItem[] }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "write" });
  if (study.config.mode !== "rating") throw new AppError("BAD_REQUEST", "Items from stems belong to rating studies.");
  if (study.status !== "draft") throw new AppError("CONFLICT", "Items can be added only while the study is a draft.");
  if (stemItems.length === 0) throw new AppError("BAD_REQUEST", "No segments were made from these stems.");
  const db = await getDb();
  const ids = stemItems.map((i) => i.externalId);
  const clash = await db.select({ externalId: items.externalId }).from(items).where(and(eq(items.studyId, studyId), inArray(items.externalId, ids)));
  if (clash.length > 0) throw new AppError("CONFLICT", `These segments are already in the study: ${clash.slice(0, 5).map((c) => c.externalId).join(", ")}${clash.length > 5 ? " …" : ""}.`);
  await db.transaction(async (tx) => {
    const seen = new Set<string>();
    for (const it of stemItems) {
      for (const c of it.clips) {
        if (seen.has(c.hash)) continue;
        seen.add(c.hash);
        await insertAudioRow(tx, { hash: c.hash, mime: "audio/wav", durationMs: c.durationMs, sampleRate: c.sampleRate, channels: c.channels }, c.bytes);
      }
    }
    for (const it of stemItems) {
      const [row] = await tx
        .insert(items)
        .values({
          studyId,
          externalId: it.externalId,
          conversationId: it.song,
          turnId: it.segment,
          userUtterance: it.userUtterance,
          audioHash: it.clips[0].hash,
          groundTruth: it.groundTruth,
        })
        .returning({ id: items.id });
      await tx.insert(itemClips).values(it.clips.map((c, position) => ({ itemId: row.id, position, label: c.label, role: c.role, audioHash: c.hash })));
    }
    await recordAudit({ tx, studyId, researcherId, action: "imported", detail: { items: stemItems.length, source: "stems" } });
  });
  const stored = await db.select({ hash: audioFiles.hash }).from(audioFiles).where(inArray(audioFiles.hash, [...new Set(stemItems.flatMap((i) => i.clips.map((c) => c.hash)))]));
  return { items: stemItems.length, clips: stemItems.reduce((n, i) => n + i.clips.length, 0), audioFiles: stored.length };
}
