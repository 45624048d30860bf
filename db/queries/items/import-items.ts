import "server-only";
// Stores a prepared import in one transaction: every item, candidate and audio row, or nothing.
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { candidates, itemClips, items } from "@/db/schema";
import { ImportError } from "@/lib/import/errors";
import { AppError } from "@/lib/http/app-error";
import type { TPreparedImport } from "@/studies/pairwise/import";
import { insertAudioRow, writeAudioFile } from "../audio/store-audio";
import { recordAudit } from "../audit/record-audit";
import { getStudyForResearcher } from "../studies/get-study-for-researcher";

export async function importItems({ studyId, researcherId, prepared }: { studyId: string; researcherId: string; prepared: TPreparedImport }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "write" });
  if (study.status !== "draft") throw new AppError("CONFLICT", "Items can be imported only while the study is a draft.");
  const db = await getDb();
  const ids = prepared.items.map((i) => i.externalId);
  const clash = await db.select({ externalId: items.externalId }).from(items).where(and(eq(items.studyId, studyId), inArray(items.externalId, ids)));
  if (clash.length > 0) {
    throw new ImportError(clash.slice(0, 50).map((c) => ({ file: "rows", line: 0, field: "conversation_id", message: `${c.externalId} is already in this study` })));
  }
  // Content-addressed files first: a failed transaction leaves at most unreferenced files, never rows without files.
  for (const [hash, a] of prepared.audio) writeAudioFile(hash, a.buf);
  await db.transaction(async (tx) => {
    for (const a of prepared.audio.values()) await insertAudioRow(tx, a.probe, a.buf.length);
    const CHUNK = 500;
    for (let i = 0; i < prepared.items.length; i += CHUNK) {
      const chunk = prepared.items.slice(i, i + CHUNK);
      const inserted = await tx
        .insert(items)
        .values(chunk.map((it) => ({
          studyId,
          externalId: it.externalId,
          conversationId: it.conversationId,
          turnId: it.turnId,
          topic: it.topic,
          split: it.split,
          history: it.history,
          userUtterance: it.userUtterance,
          audioHash: it.audioHash,
          audioPath: it.audioPath,
          groundTruth: it.groundTruth ?? null,
          kind: it.kind ?? "item",
        })))
        .returning({ id: items.id, externalId: items.externalId });
      const idOf = new Map(inserted.map((r) => [r.externalId, r.id]));
      const cands = chunk.flatMap((it) => it.candidates.map((c) => ({ itemId: idOf.get(it.externalId)!, system: c.system, text: c.text })));
      // Rating items may arrive without responses (attached later by item id).
      if (cands.length > 0) await tx.insert(candidates).values(cands);
      const clips = chunk.flatMap((it) => (it.clips ?? []).map((c, position) => ({ itemId: idOf.get(it.externalId)!, position, label: c.label, role: c.role, audioHash: c.audioHash })));
      if (clips.length > 0) await tx.insert(itemClips).values(clips);
    }
    await recordAudit({ tx, studyId, researcherId, action: "imported", detail: { items: prepared.items.length, audioFiles: prepared.audio.size } });
  });
  return { items: prepared.items.length, audioFiles: prepared.audio.size };
}
