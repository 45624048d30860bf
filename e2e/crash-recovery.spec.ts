// Faults under participant load, against the built app in its own process group:
// - SIGKILL of the server mid-load, restart, participants retry: every acknowledged answer is
//   stored exactly once and every participant resumes at the right round (PGlite and PostgreSQL);
// - PostgreSQL restarting under load: requests fail with a retryable 503 (never a 500), nothing
//   is half-written, and the app recovers without a restart of its own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { sleep, startAppServer, type TAppServer } from "../bench/lib/app-server";
import { newStats, SimParticipant, type TAck } from "../bench/lib/sim-participant";
import { freshPgDatabase, storedAnswers } from "../bench/lib/stored";

const PORT = Number(process.env.MIXSTUDY_E2E_PORT ?? 3210) + 81;
const PARTICIPANTS = 24;
const ROUNDS = 10; // the demo pairwise study: every participant judges its 10 items

test.setTimeout(300_000);

function pgServerUrl(): string {
  const url = process.env.MIXSTUDY_TEST_PG_URL;
  if (!url) throw new Error("MIXSTUDY_TEST_PG_URL is not set: run through `npm test` (scripts/test-all.sh starts PostgreSQL)");
  return url;
}

interface TRun {
  acks: TAck[];
  participants: SimParticipant[];
  stats: ReturnType<typeof newStats>;
}

/** Starts the participants; resolves when all have finished (they retry through outages). */
function startParticipants(baseUrl: () => string, tag: string): { done: Promise<TRun>; ackCount: () => number } {
  const stats = newStats();
  const acks: TAck[] = [];
  const participants = Array.from(
    { length: PARTICIPANTS },
    (_, i) => new SimParticipant({ baseUrl, slug: "demo-pairwise", pid: `${tag}${i}`, stats, retryForMs: 180_000, onAck: (a) => acks.push(a) }),
  );
  const done = Promise.all(
    participants.map(async (p, i) => {
      await sleep(i * 40);
      const end = await p.run();
      expect(end.step, `participant ${i} finished`).toBe("done");
    }),
  ).then(() => ({ acks, participants, stats }));
  return { done, ackCount: () => acks.length };
}

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await sleep(20);
}

function checkStored(run: TRun, stored: Awaited<ReturnType<typeof storedAnswers>>): void {
  // Acknowledged N, found N, duplicates 0.
  expect(run.acks).toHaveLength(PARTICIPANTS * ROUNDS);
  for (const ack of run.acks) expect(stored.byTrial.get(ack.trialId), `answer to trial ${ack.trialId} stored once`).toBe(1);
  expect([...stored.byTrial.values()].filter((n) => n !== 1)).toEqual([]);
  expect(stored.rows).toBe(PARTICIPANTS * ROUNDS);
  expect(stored.participantsCompleted).toBe(PARTICIPANTS);
  for (const p of run.participants) {
    // Rounds acknowledged exactly 1..10 in order; a round is only ever shown again when its answer was not acknowledged.
    expect(p.acks.map((a) => a.round)).toEqual(Array.from({ length: ROUNDS }, (_, i) => i + 1));
    const seen = p.roundsSeen;
    for (let i = 1; i < seen.length; i++) expect(seen[i] === seen[i - 1] + 1 || seen[i] === seen[i - 1]).toBe(true);
  }
  console.log(`acked ${run.acks.length}, found ${stored.rows}, duplicates ${[...stored.byTrial.values()].filter((n) => n > 1).length}`);
}

for (const kind of ["pglite", "postgres"] as const) {
  test(`SIGKILL mid-load on ${kind}: every acknowledged answer present once, every participant resumes at the right round`, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `mixstudy-crash-${kind}-`));
    const databaseUrl = kind === "postgres" ? await freshPgDatabase(pgServerUrl(), `crash_${Date.now()}`) : undefined;
    let server: TAppServer = await startAppServer({ port: PORT, dataDir, databaseUrl });
    const url = server.url;
    try {
      const load = startParticipants(() => url, `crash${kind}`);
      await waitFor(() => load.ackCount() >= (PARTICIPANTS * ROUNDS) / 3);
      await server.kill(); // SIGKILL to the whole process group, mid-load
      const ackedAtKill = load.ackCount();
      await sleep(500);
      server = await startAppServer({ port: PORT, dataDir, databaseUrl });
      const run = await load.done;
      expect(ackedAtKill).toBeLessThan(PARTICIPANTS * ROUNDS);
      expect(run.stats.retries, "the participants really met the outage").toBeGreaterThan(0);
      await server.stop();
      const stored = await storedAnswers(databaseUrl ? { databaseUrl } : { pgliteDir: path.join(dataDir, "pglite") });
      checkStored(run, stored);
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

test("PostgreSQL restarting under load: retryable 503s, never a 500, nothing half-written, the app recovers by itself", async () => {
  const serverUrl = pgServerUrl();
  const pgPort = new URL(serverUrl).port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-dbrestart-"));
  const databaseUrl = await freshPgDatabase(serverUrl, `dbrestart_${Date.now()}`);
  const server = await startAppServer({ port: PORT, dataDir, databaseUrl });
  try {
    const load = startParticipants(() => server.url, "dbrestart");
    await waitFor(() => load.ackCount() >= (PARTICIPANTS * ROUNDS) / 3);
    execFileSync("bash", ["scripts/pg-test.sh", "restart", "2"], { env: { ...process.env, MIXSTUDY_PG_PORT: pgPort } });
    const run = await load.done;
    const errors = Object.fromEntries(run.stats.errors);
    expect(errors["HTTP 503"] ?? 0, `the restart was met by retryable 503s: ${JSON.stringify(errors)}`).toBeGreaterThan(0);
    expect(errors["HTTP 500"] ?? 0, `no 500 during the restart: ${JSON.stringify(errors)}`).toBe(0);
    await server.stop();
    checkStored(run, await storedAnswers({ databaseUrl }));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
