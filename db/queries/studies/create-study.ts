import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { configHash } from "@/lib/lifecycle/config-hash";
import { ensureOwnClipItem } from "../chat/ensure-own-clip-item";
import type { TStudyConfig } from "@/studies/registry";
import { recordAudit } from "../audit/record-audit";

export function slugify(title: string): string {
  const base = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "study";
  return `${base}-${crypto.randomBytes(3).toString("hex")}`;
}

/** A new draft owned by `researcherId`, version 1 with its configuration hash; the audit log records "created". */
export async function createStudy({ researcherId, config, slug }: { researcherId: string; config: TStudyConfig; slug?: string }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(studies)
      .values({ researcherId, slug: slug ?? slugify(config.title), title: config.title, mode: config.mode, config, configHash: configHash(config) })
      .returning({ id: studies.id, slug: studies.slug });
    await recordAudit({ tx, studyId: row.id, researcherId, action: "created", detail: { title: config.title, mode: config.mode } });
    // A chat study works without an import: its one item stands for "the participant's own clip".
    if (config.mode === "chat") await ensureOwnClipItem(tx, { studyId: row.id });
    return row;
  });
}
