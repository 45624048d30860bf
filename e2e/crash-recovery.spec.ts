// Faults under participant load, against the built app in its own process group:
// - SIGKILL of the server mid-load, restart, participants retry: every acknowledged answer is
//   stored exactly once and every participant resumes at the right round (PGlite and PostgreSQL);
// - PostgreSQL restarting under load: requests fail with a retryable 503 (never a 500), nothing
//   is half-written, and the app recovers without a restart of its own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { expect, request, test } from "@playwright/test";
import { startFakeOpenAI } from "../lib/testing/fake-openai";
import { signInAttempt } from "./attack-world";
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

/** Reads a participant message's SSE reply until `until` says stop (or the stream ends); returns the events seen. */
async function readSse(res: Response, until: (event: string) => boolean): Promise<string[]> {
  const events: string[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
        const name = /^event: (.+)$/m.exec(buf.slice(0, i))?.[1] ?? "message";
        events.push(name);
        buf = buf.slice(i + 2);
        if (until(name)) return events;
      }
    }
  } catch {
    /* the server went away mid-stream */
  }
  return events;
}

test("a judge run and a chat reply in flight survive a SIGKILL under participant load (PGlite)", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-crash-judge-chat-"));
  const fake = await startFakeOpenAI({ latencyMs: 700, script: () => ({ content: '{"rank_1": "A", "rank_2": "B", "rank_3": "C"}' }) });
  let server: TAppServer = await startAppServer({ port: PORT, dataDir });
  const url = server.url;
  const researcher = await request.newContext({ baseURL: url });
  try {
    // The demo researcher starts an LLM-judge run over the demo listwise study's 10 items, one call at a time.
    const [email, password] = fs.readFileSync(path.join(dataDir, "demo-credentials.txt"), "utf8").trim().split("\n");
    expect((await signInAttempt(researcher, email, password)).ok).toBe(true);
    const { studies } = (await (await researcher.get("/api/studies")).json()) as { studies: { id: string; slug: string }[] };
    const listwise = studies.find((x) => x.slug === "demo-listwise")!;
    const started = await researcher.post(`/api/studies/${listwise.id}/judge`, { data: { baseUrl: fake.url, model: "fake-judge", prompt: "Rank the responses best first.", concurrency: 1, maxRetries: 0 } });
    expect(started.status(), await started.text()).toBe(201);
    const runId = ((await started.json()) as { id: string }).id;
    const runOf = async () => ((await (await researcher.get(`/api/studies/${listwise.id}/judge`)).json()) as { runs: { id: string; status: string; done: number; failed: number }[] }).runs.find((r) => r.id === runId)!;

    // A chat participant with the built-in assistant.
    const api = (p: string, body: unknown, token?: string) =>
      fetch(`${url}/api/s/demo-chat/${p}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const joined = (await (await api("join", {})).json()) as { token: string };
    const token = joined.token;
    for (const [step, body] of [["consent", { consent: true }], ["profile", { expertise: "Expert" }], ["instructions", {}]] as const) expect((await api(step, body, token)).status).toBe(200);
    const state0 = (await (await fetch(`${url}/api/s/demo-chat/state`, { headers: { authorization: `Bearer ${token}` } })).json()) as { chat: { providedClips: { id: string }[] } };
    expect((await api("chat/clip", { itemId: state0.chat.providedClips[0].id }, token)).status).toBe(200);
    const first = await api("chat/message", { requestId: crypto.randomUUID(), text: "How loud is my mix?" }, token);
    expect((await readSse(first, (e) => e === "done")).at(-1)).toBe("done");

    // Participant load, then the kill lands while the judge run is midway and a second reply is streaming.
    const load = startParticipants(() => url, "crashjudge");
    await waitFor(() => load.ackCount() >= (PARTICIPANTS * ROUNDS) / 4);
    await expect.poll(async () => (await runOf()).done, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const second = await api("chat/message", { requestId: crypto.randomUUID(), text: "And the low end?" }, token);
    const seen = await readSse(second, (e) => e === "delta");
    expect(seen).toContain("delta");
    const judgedAtKill = (await runOf()).done;
    await server.kill();
    expect(judgedAtKill).toBeLessThan(10); // the kill really landed mid-run
    const doneAtKill = load.ackCount();
    server = await startAppServer({ port: PORT, dataDir });

    // The participants finish; every acknowledged answer is there once.
    const run = await load.done;
    expect(doneAtKill).toBeLessThan(PARTICIPANTS * ROUNDS);
    // The judge run resumed by itself and judged every item exactly once (one result per item is a unique key).
    await expect.poll(async () => (await runOf()).status, { timeout: 60_000 }).toBe("done");
    expect(await runOf()).toMatchObject({ done: 10, failed: 0 });
    // The reply cut off by the kill is failed (not stuck "streaming"): the participant retries at once and the chat goes on.
    const stateOf = async () => ((await (await fetch(`${url}/api/s/demo-chat/state`, { headers: { authorization: `Bearer ${token}` } })).json()) as { step: string; chat: { turns: { id: string; role: string; status: string; content: string }[]; replyInProgress: string | null } });
    const after = await stateOf();
    expect(after.step).toBe("chat");
    expect(after.chat.replyInProgress).toBeNull();
    expect(after.chat.turns.map((t) => `${t.role}:${t.status}`)).toEqual(["user:complete", "assistant:complete", "user:complete", "assistant:failed"]);
    const retry = await api("chat/retry", { turnId: after.chat.turns[3].id }, token);
    expect((await readSse(retry, (e) => e === "done")).at(-1)).toBe("done");
    const final = await stateOf();
    expect(final.chat.turns.map((t) => `${t.role}:${t.status}`)).toEqual(["user:complete", "assistant:complete", "user:complete", "assistant:failed", "assistant:complete"]);
    expect(final.chat.turns[4].content.length).toBeGreaterThan(20);
    await server.stop();
    checkStored(run, await storedAnswers({ pgliteDir: path.join(dataDir, "pglite") }));
  } finally {
    await researcher.dispose();
    await server.stop();
    await fake.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
