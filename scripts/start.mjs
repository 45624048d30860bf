// Starts the built app: a persistent sign-in secret, then `next start` with our own clean shutdown.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.MIXSTUDY_DATA_DIR ?? "data");
fs.mkdirSync(dataDir, { recursive: true });
const secretFile = path.join(dataDir, ".auth-secret");
if (!process.env.NEXTAUTH_SECRET) {
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = fs.readFileSync(secretFile, "utf8").trim();
}
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
process.env.NEXTAUTH_URL ??= `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
// Our instrumentation closes the database before exit; Next must not exit first.
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
  console.error("MixStudy: no build found. Run `npm run build` first (the README's first command does).");
  process.exit(1);
}
const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-H", host, "-p", port], {
  stdio: "inherit",
  env: process.env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
