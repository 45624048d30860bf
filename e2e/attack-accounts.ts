// Run by e2e/serve.sh before the server starts: the attack specs' extra researchers (a stranger, an editor, a
// sign-in-throttle victim) and a file of every researcher's password hash, which e2e/secrets.spec.ts must never see served.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { researchers } from "@/db/schema";
import { createResearcher } from "@/db/queries/researchers/create-researcher";
import { env } from "@/lib/env";
import { ATTACK_ACCOUNTS } from "./attack-accounts-list";

async function main() {
  for (const a of ATTACK_ACCOUNTS) await createResearcher(a);
  const db = await getDb();
  const rows = await db.select({ hash: researchers.passwordHash }).from(researchers);
  writeFileSync(path.join(env().dataDir, "e2e-password-hashes.txt"), rows.map((r) => r.hash).join("\n") + "\n", { mode: 0o600 });
  console.log(`e2e: ${ATTACK_ACCOUNTS.length} attack accounts, ${rows.length} password hashes noted`);
}

main()
  .catch((err) => {
    console.error(`error: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
