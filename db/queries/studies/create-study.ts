import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { studies } from "@/db/schema";
import { ensureOwnClipItem } from "../chat/ensure-own-clip-item";
import type { TStudyConfig } from "@/studies/registry";

export function slugify(title: string): string {
  const base = title.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "study";
  return `${base}-${crypto.randomBytes(3).toString("hex")}`;
}

export async function createStudy({ researcherId, config, slug }: { researcherId: string; config: TStudyConfig; slug?: string }) {
  const db = await getDb();
  const [row] = await db
    .insert(studies)
    .values({ researcherId, slug: slug ?? slugify(config.title), title: config.title, mode: config.mode, config })
    .returning({ id: studies.id, slug: studies.slug });
  // A chat study works without an import: its one item stands for "the participant's own clip".
  if (config.mode === "chat") await ensureOwnClipItem(db, { studyId: row.id });
  return row;
}
