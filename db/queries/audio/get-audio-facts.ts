import "server-only";
// A stored clip's audio facts by content hash; rows stored before facts existed are measured once, here, and kept.
import fs from "node:fs/promises";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import { audioFiles } from "@/db/schema";
import { factsFromFile, ZAudioFacts, type TAudioFacts } from "@/lib/audio/facts";
import { audioPathFor } from "./store-audio";

/** Parses a stored facts value; an old or malformed value counts as missing (and is recomputed). */
function parseFacts(value: unknown): TAudioFacts | null {
  const parsed = ZAudioFacts.safeParse(value);
  return parsed.success ? parsed.data : null;
}

async function computeAndStore(db: Db | Tx, hash: string): Promise<TAudioFacts | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(audioPathFor(hash));
  } catch (e) {
    console.error(`getAudioFacts: the file of audio ${hash} cannot be read`, e);
    return null;
  }
  let facts: TAudioFacts;
  try {
    facts = await factsFromFile(bytes);
  } catch (e) {
    console.error(`getAudioFacts: audio ${hash} could not be measured`, e);
    return null;
  }
  await db.update(audioFiles).set({ facts }).where(and(eq(audioFiles.hash, hash), isNull(audioFiles.facts)));
  return facts;
}

/**
 * Facts of the clip with this hash, or null when there is no such clip (or its file is unreadable).
 * Audio is not owner-scoped by itself: callers reach a hash only through an item or conversation
 * they may see.
 */
export async function getAudioFacts({ hash, tx }: { hash: string; /** Run inside this transaction (PGlite has one connection). */ tx?: Db | Tx }): Promise<TAudioFacts | null> {
  if (!/^[a-f0-9]{64}$/.test(hash)) return null;
  const db = tx ?? (await getDb());
  const [row] = await db.select({ facts: audioFiles.facts }).from(audioFiles).where(eq(audioFiles.hash, hash));
  if (!row) return null;
  return parseFacts(row.facts) ?? (await computeAndStore(db, hash));
}

/** Facts of several clips at once (one query, then the missing ones measured); hashes without a clip are absent from the map. */
export async function getAudioFactsMany({ hashes, tx }: { hashes: string[]; tx?: Db | Tx }): Promise<Map<string, TAudioFacts>> {
  const wanted = [...new Set(hashes.filter((h) => /^[a-f0-9]{64}$/.test(h)))];
  const out = new Map<string, TAudioFacts>();
  if (!wanted.length) return out;
  const db = tx ?? (await getDb());
  const rows = await db.select({ hash: audioFiles.hash, facts: audioFiles.facts }).from(audioFiles).where(inArray(audioFiles.hash, wanted));
  for (const r of rows) {
    const facts = parseFacts(r.facts) ?? (await computeAndStore(db, r.hash));
    if (facts) out.set(r.hash, facts);
  }
  return out;
}
