import "server-only";
// Copies a study as a new draft of the caller: its configuration, items, candidates and item clips — never participants or judgments.
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { items, studies } from "@/db/schema";
import { configHash } from "@/lib/lifecycle/config-hash";
import { recordAudit } from "../audit/record-audit";
import { slugify } from "./create-study";
import { getStudyForResearcher } from "./get-study-for-researcher";

const COPY = " (copy)";

/** Owner or editor; the copy belongs to the caller, titled "… (copy)", version 1, with a new slug. Audited on both studies. */
export async function duplicateStudy({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const source = await getStudyForResearcher({ studyId, researcherId, need: "write" });
  const title = `${source.config.title.slice(0, 200 - COPY.length)}${COPY}`;
  const config = { ...source.config, title };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [copy] = await tx
      .insert(studies)
      .values({ researcherId, slug: slugify(title), title, mode: source.mode, config, configHash: configHash(config) })
      .returning({ id: studies.id, slug: studies.slug });
    // Items keep their external id, unique per study: it maps each copied candidate and clip to its new item.
    await tx.execute(sql`
      insert into items (study_id, external_id, conversation_id, turn_id, topic, split, history, user_utterance, audio_hash, audio_path, ground_truth, kind)
      select ${copy.id}, external_id, conversation_id, turn_id, topic, split, history, user_utterance, audio_hash, audio_path, ground_truth, kind
      from items where study_id = ${studyId}`);
    await tx.execute(sql`
      insert into candidates (item_id, system, text)
      select n.id, c.system, c.text from candidates c
      join items o on o.id = c.item_id and o.study_id = ${studyId}
      join items n on n.study_id = ${copy.id} and n.external_id = o.external_id`);
    await tx.execute(sql`
      insert into item_clips (item_id, position, label, role, audio_hash)
      select n.id, k.position, k.label, k.role, k.audio_hash from item_clips k
      join items o on o.id = k.item_id and o.study_id = ${studyId}
      join items n on n.study_id = ${copy.id} and n.external_id = o.external_id`);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(items).where(eq(items.studyId, copy.id));
    const itemCount = Number(n);
    await recordAudit({ tx, studyId, researcherId, action: "duplicated", detail: { copyId: copy.id, copyTitle: title } });
    await recordAudit({ tx, studyId: copy.id, researcherId, action: "duplicated", detail: { fromId: studyId, fromTitle: source.title, fromVersion: source.version, items: itemCount } });
    return { id: copy.id, slug: copy.slug, title, items: itemCount };
  });
}
