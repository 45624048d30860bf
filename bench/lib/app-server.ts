// Starts the built app (`node scripts/start.mjs`) as its own process group, so a benchmark or a
// crash test can stop it cleanly (SIGTERM) or kill it outright (SIGKILL of the whole group).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface TAppServer {
  url: string;
  pid: number;
  /** SIGTERM to the group and wait for exit (the app closes its database first). */
  stop(): Promise<void>;
  /** SIGKILL to the group, the way a crash or an OOM kill ends it; resolves when it is gone. */
  kill(): Promise<void>;
}

export interface TAppServerOptions {
  port: number;
  dataDir: string;
  /** PostgreSQL server; without it the app runs on PGlite in dataDir. */
  databaseUrl?: string;
  seedDemo?: boolean;
  logFile?: string;
  env?: Record<string, string>;
}

export async function startAppServer(opts: TAppServerOptions): Promise<TAppServer> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const logFile = opts.logFile ?? path.join(opts.dataDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    MIXSTUDY_DATA_DIR: opts.dataDir,
    MIXSTUDY_SEED_DEMO: opts.seedDemo === false ? "0" : "1",
    NODE_ENV: "production",
    ...opts.env,
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env, detached: true, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${opts.port}`;
  await waitReady(url, child, logFile);
  const signalGroup = async (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
    await exited;
    // `next start` runs as a child of start.mjs in the same group: wait until every member is gone
    // (a killed process with gigabytes of WASM memory takes a moment to disappear) and the port is free.
    await waitGroupGone(child.pid!);
    await waitPortFree(url);
  };
  return { url, pid: child.pid!, stop: () => signalGroup("SIGTERM"), kill: () => signalGroup("SIGKILL") };
}

async function waitReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up (code ${child.exitCode}); see ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`the app did not answer on ${url} within 120 s; see ${logFile}:\n${tail(logFile)}`);
}

async function waitGroupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await sleep(50);
  }
}

async function waitPortFree(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`${url}/`, { signal: AbortSignal.timeout(500) });
    } catch {
      return;
    }
    await sleep(100);
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "";
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
