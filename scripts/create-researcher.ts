// Creates a researcher account: npm run researcher:create -- --email a@b.c --name "A B" [--password …]
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb } from "@/db/client";
import { createResearcher } from "@/db/queries/researchers/create-researcher";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
const ZArgs = z.object({ email: z.string().email(), name: z.string().min(1).default("Researcher"), password: z.string().min(10, "at least 10 characters").optional() });

async function main() {
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) {
    console.error(`usage: npm run researcher:create -- --email <email> [--name <name>] [--password <min 10 chars>]\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    process.exitCode = 2;
    return;
  }
  const password = parsed.data.password ?? crypto.randomBytes(12).toString("base64url");
  const r = await createResearcher({ email: parsed.data.email, name: parsed.data.name, password });
  console.log(`created researcher ${r.email}${parsed.data.password ? "" : ` with password ${password}`}`);
}

main()
  .catch((err) => {
    console.error(`error: ${(err as Error).message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
