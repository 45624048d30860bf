// The database: embedded PGlite in the data folder by default, a PostgreSQL server when DATABASE_URL is set.
import fs from "node:fs";
import path from "node:path";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { env } from "@/lib/env";
import { schema } from "./schema";

/** Both drivers build the same queries; the PostgreSQL type stands for either. */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

interface Handle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const g = globalThis as unknown as { __mixstudyDb?: Promise<Handle> };

/** The process-wide database, opened and migrated on first use. */
export function getDb(): Promise<Db> {
  return getHandle().then((h) => h.db);
}

export function getHandle(): Promise<Handle> {
  if (!g.__mixstudyDb) {
    g.__mixstudyDb = open().catch((err) => {
      g.__mixstudyDb = undefined;
      throw err;
    });
  }
  return g.__mixstudyDb;
}

export async function closeDb(): Promise<void> {
  const pending = g.__mixstudyDb;
  g.__mixstudyDb = undefined;
  if (pending) await (await pending).close();
}

async function open(): Promise<Handle> {
  const e = env();
  if (e.DATABASE_URL) return openPostgres(e.DATABASE_URL);
  return openPglite(path.join(e.dataDir, "pglite"));
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 10, onnotice: () => undefined });
  const db = drizzlePostgres(client, { schema });
  await migratePostgres(db, { migrationsFolder: MIGRATIONS });
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string): Promise<Handle> {
  fs.mkdirSync(dir, { recursive: true }); // PGlite does not create parents itself
  const releaseLock = acquireLock(`${dir}.lock`);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const client = await PGlite.create({ dataDir: dir });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS });
    return {
      db,
      kind: "pglite",
      close: async () => {
        try {
          await client.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

/**
 * PGlite has no cross-process lock: two processes on one data folder corrupt it. A lock file
 * holding our pid guards it; a lock left by a dead process is taken over.
 */
export function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `MixStudy: the database folder ${path.dirname(lockPath)} is in use by another process (pid ${holder}). ` +
            `Stop that process first, or set MIXSTUDY_DATA_DIR to another folder.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale lock of a dead process (or our own from a crash)
    }
  }
  throw new Error(`MixStudy: could not take the database lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed server whose parent died too can linger as a zombie (no init reaping it in a
  // container): it answers signal 0 but holds nothing. Linux says so in /proc/<pid>/stat.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (not Linux): trust the signal
  }
}
