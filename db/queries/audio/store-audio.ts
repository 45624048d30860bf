import "server-only";
// Audio is stored once by content hash: the file on disk (written whole, then renamed) and its row.
import fs from "node:fs";
import path from "node:path";
import { eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { audioFiles } from "@/db/schema";
import type { TAudioFacts } from "@/lib/audio/facts-schema";
import { env } from "@/lib/env";

export interface TProbedAudio {
  hash: string;
  mime: string;
  durationMs: number;
  sampleRate: number;
  channels: number;
  /** Audio facts measured when the file was probed; stored with the row. */
  facts?: TAudioFacts | null;
}

export function audioPathFor(hash: string): string {
  if (!/^[a-f0-9]{64}$/.test(hash)) throw new Error("not a sha256 hash");
  return path.join(env().audioDir, hash.slice(0, 2), hash);
}

/** Writes the bytes if they are not stored yet. Call before the database row is committed. */
export function writeAudioFile(hash: string, buf: Buffer): void {
  const target = audioPathFor(hash);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, buf);
  fs.renameSync(tmp, target);
}

/**
 * Inserts the clip's row with its audio facts (computed once, by the caller). A row stored earlier
 * without facts gets them; facts already stored are kept.
 */
export async function insertAudioRow(db: Db | Tx, a: TProbedAudio, bytes: number, factsArg: TAudioFacts | null = null): Promise<void> {
  const facts = factsArg ?? a.facts ?? null;
  const insert = db
    .insert(audioFiles)
    .values({ hash: a.hash, mime: a.mime, bytes, durationMs: Math.round(a.durationMs), sampleRate: a.sampleRate, channels: a.channels, facts });
  if (facts) await insert.onConflictDoUpdate({ target: audioFiles.hash, set: { facts }, where: isNull(audioFiles.facts) });
  else await insert.onConflictDoNothing();
}

export async function getAudioMeta(db: Db, hash: string) {
  const [row] = await db.select({ hash: audioFiles.hash, mime: audioFiles.mime, bytes: audioFiles.bytes }).from(audioFiles).where(eq(audioFiles.hash, hash));
  return row ?? null;
}
