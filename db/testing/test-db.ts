// Integration tests: point the app's database at a fresh PGlite folder or a fresh database on the test PostgreSQL server.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { closeDb, getDb } from "@/db/client";
import { resetEnvCache } from "@/lib/env";

export type TDbKind = "pglite" | "postgres";
export const DB_KINDS: TDbKind[] = ["pglite", "postgres"];

/** The test PostgreSQL server's URL; `npm test` starts the server and sets it. A missing server fails, never skips. */
export function testPgUrl(): string {
  const url = process.env.MIXSTUDY_TEST_PG_URL;
  if (!url) throw new Error("MIXSTUDY_TEST_PG_URL is not set: run the tests with `npm test`, which starts PostgreSQL (scripts/pg-test.sh)");
  return url;
}

/** Opens a brand-new, migrated database of the given kind as the app's database; returns a cleanup. */
export async function useFreshDatabase(kind: TDbKind): Promise<{ cleanup: () => Promise<void>; label: string }> {
  await closeDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-test-"));
  process.env.MIXSTUDY_DATA_DIR = dataDir;
  let dropDb: (() => Promise<void>) | null = null;
  if (kind === "postgres") {
    const admin = testPgUrl();
    const name = `t_${crypto.randomBytes(6).toString("hex")}`;
    const sql = postgres(admin, { max: 1, onnotice: () => undefined });
    await sql.unsafe(`create database ${name}`);
    await sql.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropDb = async () => {
      const s = postgres(admin, { max: 1, onnotice: () => undefined });
      await s.unsafe(`drop database if exists ${name} with (force)`);
      await s.end();
    };
  } else {
    delete process.env.DATABASE_URL;
  }
  resetEnvCache();
  await getDb(); // migrate now, so a test measures behaviour, not first-open time
  return {
    label: kind,
    cleanup: async () => {
      await closeDb();
      if (dropDb) await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
      delete process.env.DATABASE_URL;
      resetEnvCache();
    },
  };
}
