// Benchmark: N simulated participants join within a ramp (default 500 within 60 s) and complete
// the demo pairwise study's rounds through the participant HTTP API, against `next start` on a
// real PostgreSQL server on 127.0.0.1 (and on the PGlite default with a smaller N). Prints
// answers/s, answer-request latency p50/p95/p99, errors, what the database holds, and the ratio
// to a raw PostgreSQL insert rate of the same row shape (one connection per client) in this run.
//   npm run build && npm run bench:load [-- --db postgres|pglite|both --n 500 --pglite-n 100 --ramp-s 60]
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startAppServer } from "./lib/app-server";
import { newStats, percentile, SimParticipant, type TSimStats } from "./lib/sim-participant";
import { freshPgDatabase, storedAnswers } from "./lib/stored";

const args = parseArgs(process.argv.slice(2));
const DB = (args.db ?? "both") as "postgres" | "pglite" | "both";
const N_PG = Number(args.n ?? 500);
const N_PGLITE = Number(args["pglite-n"] ?? 100);
const RAMP_S = Number(args["ramp-s"] ?? 60);
const PG_PORT = Number(process.env.MIXSTUDY_BENCH_PG_PORT ?? 54340);
const APP_PORT = Number(process.env.MIXSTUDY_BENCH_PORT ?? 3290);
const SLUG = "demo-pairwise";

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no build: run `npm run build` first");
  console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  let pgServer: string | null = null;
  try {
    if (DB !== "pglite") {
      pgServer = execFileSync("bash", ["scripts/pg-test.sh", "start"], { env: { ...process.env, MIXSTUDY_PG_PORT: String(PG_PORT) } }).toString().trim();
      const url = await freshPgDatabase(pgServer, "bench_load");
      const app = await runLoad({ label: "PostgreSQL", n: N_PG, databaseUrl: url });
      const raw = await rawInsertRate(pgServer, Math.min(N_PG, 200), app.answers);
      console.log(`raw PostgreSQL insert of the judgments row shape, ${raw.clients} clients × 1 connection: ${raw.rate.toFixed(0)} rows/s`);
      console.log(`ratio app answers/s ÷ raw inserts/s (PostgreSQL): ${(app.rate / raw.rate).toFixed(3)}`);
      console.log(`ratio app answers/s ÷ raw inserts/s at the app's own concurrency (capped at 250 connections): ${(app.rate / (await rawInsertRate(pgServer, Math.min(app.peakConcurrency, 250), app.answers)).rate).toFixed(3)} (peak ${app.peakConcurrency} participants in flight)`);
    }
    if (DB !== "postgres") {
      const app = await runLoad({ label: "PGlite", n: N_PGLITE });
      if (pgServer) {
        const raw = await rawInsertRate(pgServer, Math.min(N_PGLITE, 200), app.answers);
        console.log(`ratio app answers/s ÷ raw PostgreSQL inserts/s (PGlite run, ${raw.clients} clients): ${(app.rate / raw.rate).toFixed(3)}`);
      }
    }
  } finally {
    if (pgServer) execFileSync("bash", ["scripts/pg-test.sh", "stop"], { env: { ...process.env, MIXSTUDY_PG_PORT: String(PG_PORT) } });
  }
}

async function runLoad({ label, n, databaseUrl }: { label: string; n: number; databaseUrl?: string }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-load-"));
  const server = await startAppServer({ port: APP_PORT, dataDir, databaseUrl });
  const stats: TSimStats = newStats();
  let inFlight = 0;
  let peak = 0;
  let answers = 0;
  const t0 = performance.now();
  let firstAnswer = Infinity;
  let lastAnswer = 0;
  try {
    const runs = Array.from({ length: n }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (RAMP_S * 1000 * i) / n));
      inFlight++;
      peak = Math.max(peak, inFlight);
      const p = new SimParticipant({
        baseUrl: () => server.url,
        slug: SLUG,
        pid: `load${i}${crypto.randomBytes(3).toString("hex")}`,
        stats,
        onAck: () => {
          answers++;
          const t = performance.now();
          firstAnswer = Math.min(firstAnswer, t);
          lastAnswer = t;
        },
      });
      try {
        const end = await p.run();
        if (end.step !== "done") throw new Error(`participant ${i} ended at step ${end.step}`);
      } finally {
        inFlight--;
      }
    });
    const results = await Promise.allSettled(runs);
    const failed = results.filter((r) => r.status === "rejected");
    const total = (performance.now() - t0) / 1000;
    const activeS = (lastAnswer - firstAnswer) / 1000;
    const lat = [...stats.answerLatenciesMs].sort((a, b) => a - b);
    const rate = answers / activeS;
    console.log(`\n== ${label}: ${n} participants joining over ${RAMP_S} s`);
    console.log(`answers acknowledged: ${answers} in ${activeS.toFixed(1)} s of answering (${total.toFixed(1)} s overall) = ${rate.toFixed(1)} answers/s`);
    console.log(`answer request latency: p50 ${percentile(lat, 50).toFixed(1)} ms, p95 ${percentile(lat, 95).toFixed(1)} ms, p99 ${percentile(lat, 99).toFixed(1)} ms, max ${lat[lat.length - 1].toFixed(1)} ms`);
    console.log(`requests ${stats.requests}, retries ${stats.retries}, errors ${[...stats.errors].map(([k, v]) => `${k}×${v}`).join(", ") || "none"}, participants failed ${failed.length}`);
    for (const f of failed.slice(0, 3)) console.log(`  failure: ${(f as PromiseRejectedResult).reason}`);
    await server.stop();
    const stored = await storedAnswers(databaseUrl ? { databaseUrl } : { pgliteDir: path.join(dataDir, "pglite") });
    const dup = [...stored.byTrial.values()].filter((c) => c > 1).length;
    console.log(`database: ${stored.rows} judgments over ${stored.distinctTrials} trials (acked ${answers}, duplicates ${dup}), ${stored.participantsCompleted} participants completed`);
    return { rate, answers, peakConcurrency: peak };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Inserts `rows` rows shaped like a judgment (uuid ids, answer text, jsonb payload, timings) from `clients` connections. */
async function rawInsertRate(serverUrl: string, clients: number, rows: number) {
  const url = await freshPgDatabase(serverUrl, "bench_raw");
  const setup = postgres(url, { max: 1, onnotice: () => {} });
  await setup.unsafe(`create table raw_judgments (
    id uuid primary key default gen_random_uuid(), trial_id uuid not null unique, study_id uuid not null, participant_id uuid not null,
    item_id uuid not null, answer_position text not null, answer text not null, payload jsonb, time_on_item_ms int, listened_ms int,
    request_id text, listening jsonb, config_version int not null default 1, created_at timestamptz not null default now())`);
  await setup.end();
  const conns = Array.from({ length: clients }, () => postgres(url, { max: 1, onnotice: () => {} }));
  await Promise.all(conns.map((c) => c`select 1`));
  const study = crypto.randomUUID();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c) => {
      while (next < rows) {
        next++;
        await c`insert into raw_judgments (trial_id, study_id, participant_id, item_id, answer_position, answer, payload, time_on_item_ms, listened_ms, request_id)
                values (${crypto.randomUUID()}, ${study}, ${crypto.randomUUID()}, ${crypto.randomUUID()}, 'A', 'generated_better', ${c.json({ x: 1 })}, 5000, 10000, ${crypto.randomUUID()})`;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(conns.map((c) => c.end()));
  return { clients, rate: rows / seconds };
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith("--")) out[argv[i].slice(2)] = argv[i + 1] ?? "";
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
