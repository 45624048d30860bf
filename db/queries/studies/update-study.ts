import "server-only";
// A study's life cycle: edit (in place while a draft, a new frozen version once live), publish (draft → live, freezes v1), close (live → closed).
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { candidates, items, studies, studyVersions } from "@/db/schema";
import { AppError } from "@/lib/http/app-error";
import { configHash } from "@/lib/lifecycle/config-hash";
import { planConfigChange } from "@/lib/lifecycle/version-rules";
import { ZStudyConfig, type TStudyConfig } from "@/studies/registry";
import { recordAudit } from "../audit/record-audit";
import { ensureOwnClipItem } from "../chat/ensure-own-clip-item";
import { getStudyForResearcher } from "./get-study-for-researcher";

/** The study row locked for this transaction, so two simultaneous edits cannot both become version n+1. */
async function lockStudy(tx: Tx, studyId: string) {
  const [row] = await tx
    .select({ status: studies.status, version: studies.version, config: studies.config, configHash: studies.configHash, slug: studies.slug })
    .from(studies)
    .where(eq(studies.id, studyId))
    .for("update");
  if (!row) throw new AppError("NOT_FOUND", "No such study.");
  return row;
}

/**
 * Saves edited settings (owner or editor). The mode never changes; a draft is edited in place (version stays, hash follows);
 * a live study's edit becomes a new version (texts, completion, limits, statistics may change; design and systems are frozen → 409);
 * a closed study refuses (409).
 */
export async function updateStudyConfig({ studyId, researcherId, config }: { studyId: string; researcherId: string; config: TStudyConfig }): Promise<{ version: number; configHash: string; changed: boolean }> {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "write" });
  if (config.mode !== study.mode) throw new AppError("BAD_REQUEST", "A study's mode cannot change.");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockStudy(tx, studyId);
    // Parsed, so defaults added to the schema since the config was stored do not count as an edit.
    const current = ZStudyConfig.parse(row.config) as unknown as Record<string, unknown>;
    const plan = planConfigChange({
      status: row.status, version: row.version, current, next: config as unknown as Record<string, unknown>,
      currentHash: configHash(current), nextHash: configHash(config),
    });
    switch (plan.kind) {
      case "refused":
        throw new AppError("CONFLICT", plan.reason);
      case "unchanged":
        return { version: row.version, configHash: row.configHash ?? configHash(row.config), changed: false };
      case "draft-edit":
        await tx.update(studies).set({ config, title: config.title, configHash: plan.hash }).where(eq(studies.id, studyId));
        await recordAudit({ tx, studyId, researcherId, action: "edited", detail: { version: row.version, configHash: plan.hash, status: row.status } });
        return { version: row.version, configHash: plan.hash, changed: true };
      case "new-version":
        await freezeVersion(tx, { studyId, version: row.version, config: row.config, researcherId: null }); // a study published before versions existed
        await tx.insert(studyVersions).values({ studyId, version: plan.version, config, configHash: plan.hash, createdBy: researcherId });
        await tx.update(studies).set({ config, title: config.title, configHash: plan.hash, version: plan.version }).where(eq(studies.id, studyId));
        await recordAudit({ tx, studyId, researcherId, action: "edited", detail: { version: plan.version, configHash: plan.hash, status: row.status } });
        return { version: plan.version, configHash: plan.hash, changed: true };
    }
  });
}

/** Stores `config` as frozen version `version` unless that version is already stored. */
async function freezeVersion(tx: Tx, { studyId, version, config, researcherId }: { studyId: string; version: number; config: unknown; researcherId: string | null }) {
  await tx.insert(studyVersions).values({ studyId, version, config, configHash: configHash(config), createdBy: researcherId }).onConflictDoNothing();
}

/** Draft → live (owner or editor): needs items; freezes the configuration in force as version 1. Publishing a live study again is a no-op. */
export async function publishStudy({ studyId, researcherId }: { studyId: string; researcherId: string }) {
  const study = await getStudyForResearcher({ studyId, researcherId, need: "write" });
  const db = await getDb();
  if (study.config.mode === "chat") await ensureOwnClipItem(db, { studyId });
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(items).where(eq(items.studyId, studyId));
  if (Number(n) === 0) throw new AppError("CONFLICT", "Import items before publishing the study.");
  // Items built from stems get their responses later (advice by item id); a round with nothing to judge is refused here.
  // A chat study's items are clips to talk about, with no responses.
  if (study.config.mode !== "chat") {
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
  }
  if (study.status === "closed") throw new AppError("CONFLICT", "This study is closed; duplicate it to run it again.");
  return db.transaction(async (tx) => {
    const row = await lockStudy(tx, studyId);
    if (row.status !== "draft") return { slug: row.slug };
    const hash = configHash(row.config);
    await freezeVersion(tx, { studyId, version: row.version, config: row.config, researcherId });
    await tx.update(studies).set({ status: "live", publishedAt: new Date(), configHash: hash }).where(eq(studies.id, studyId));
    await recordAudit({ tx, studyId, researcherId, action: "published", detail: { version: row.version, configHash: hash, items: Number(n) } });
    return { slug: row.slug };
  });
}

/** Live → closed (owner or editor): participants are turned away from then on; researchers still read and export. Closing again is a no-op. */
export async function closeStudy({ studyId, researcherId }: { studyId: string; researcherId: string }): Promise<{ status: "closed"; closedAt: Date }> {
  await getStudyForResearcher({ studyId, researcherId, need: "write" });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockStudy(tx, studyId);
    if (row.status === "draft") throw new AppError("CONFLICT", "A draft has not been published: there is nothing to close.");
    if (row.status === "closed") {
      const [c] = await tx.select({ closedAt: studies.closedAt }).from(studies).where(eq(studies.id, studyId));
      return { status: "closed" as const, closedAt: c.closedAt ?? new Date() };
    }
    const closedAt = new Date();
    await tx.update(studies).set({ status: "closed", closedAt }).where(eq(studies.id, studyId));
    await recordAudit({ tx, studyId, researcherId, action: "closed", detail: { version: row.version } });
    return { status: "closed" as const, closedAt };
  });
}
