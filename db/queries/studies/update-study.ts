import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { candidates, items, studies } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import type { TStudyConfig } from "@/studies/registry";
import { getStudyForResearcher } from "./get-study-for-researcher";

/** Saves edited settings. The mode cannot change; a live study keeps its design (rounds and judgments per item). */
export async function updateStudyConfig({ studyId, researcherId, config }: { studyId: string; researcherId: string; config: TStudyConfig }) {
  const study = await getStudyForResearcher({ studyId, researcherId });
  if (config.mode !== study.mode) throw new AppError("BAD_REQUEST", "A study's mode cannot change.");
  if (study.status !== "draft") {
    const before = JSON.stringify(study.config.design);
    if (JSON.stringify(config.design) !== before || JSON.stringify(config.systems) !== JSON.stringify(study.config.systems)) {
      throw new AppError("CONFLICT", "This study is live: its design and systems are frozen. Duplicate it to change them.");
    }
  }
  const db = await getDb();
  await db.update(studies).set({ config, title: config.title }).where(and(eq(studies.id, studyId), eq(studies.researcherId, researcherId)));
}

export async function publishStudy({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const study = await getStudyForResearcher({ studyId, researcherId });
  const db = await getDb();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(items).where(eq(items.studyId, studyId));
  if (Number(n) === 0) throw new AppError("CONFLICT", "Import items before publishing the study.");
  // Items built from stems get their responses later (advice by item id); a round with nothing to judge is refused here.
  const bare = await db
    .select({ externalId: items.externalId })
    .from(items)
    .leftJoin(candidates, eq(candidates.itemId, items.id))
    .where(and(eq(items.studyId, studyId), isNull(candidates.id)))
    .orderBy(items.externalId)
    .limit(4);
  const bareIds = bare.map((r) => r.externalId);
  if (bareIds.length > 0) {
    throw new AppError("CONFLICT", `Some items have no response to judge yet (${bareIds.slice(0, 3).join(", ")}${bareIds.length > 3 ? ", …" : ""}): attach responses by item id before publishing.`);
  }
  if (study.status === "live") return { slug: study.slug };
  await db.update(studies).set({ status: "live", publishedAt: new Date() }).where(and(eq(studies.id, studyId), eq(studies.researcherId, researcherId)));
  return { slug: study.slug };
}

export async function closeStudy({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  await getStudyForResearcher({ studyId, researcherId });
  const db = await getDb();
  await db.update(studies).set({ status: "closed" }).where(and(eq(studies.id, studyId), eq(studies.researcherId, researcherId)));
}
