import "server-only";
import bcrypt from "bcryptjs";
import { getDb } from "@/db/client";
import { researchers } from "@/db/schema";

export async function createResearcher({ email, name, password }: { email: string; name: string; password: string }): Promise<{ id: string; email: string }> {
  const db = await getDb();
  const passwordHash = await bcrypt.hash(password, 12);
  const [row] = await db
    .insert(researchers)
    .values({ email: email.toLowerCase(), name, passwordHash })
    .onConflictDoNothing()
    .returning({ id: researchers.id, email: researchers.email });
  if (!row) throw new Error(`a researcher with the email ${email} already exists`);
  return row;
}
