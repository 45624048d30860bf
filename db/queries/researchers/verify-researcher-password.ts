import "server-only";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { researchers } from "@/db/schema";

// A real hash to compare against when the email is unknown, so timing does not reveal accounts.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", 10);
const failures = new Map<string, { count: number; until: number }>();

/** Checks a sign-in; repeated failures for one email are slowed down (1 s, 2 s, 4 s … up to 30 s). */
export async function verifyResearcherPassword({ email, password }: { email: string; password: string }) {
  const key = email.toLowerCase();
  const f = failures.get(key);
  if (f && f.until > Date.now()) await new Promise((r) => setTimeout(r, Math.min(f.until - Date.now(), 30_000)));
  const db = await getDb();
  const [row] = await db
    .select({ id: researchers.id, email: researchers.email, name: researchers.name, passwordHash: researchers.passwordHash })
    .from(researchers)
    .where(eq(researchers.email, key))
    .limit(1);
  const ok = await bcrypt.compare(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) {
    const count = (f?.count ?? 0) + 1;
    failures.set(key, { count, until: Date.now() + Math.min(1000 * 2 ** (count - 1), 30_000) });
    return null;
  }
  failures.delete(key);
  return { id: row.id, email: row.email, name: row.name };
}
