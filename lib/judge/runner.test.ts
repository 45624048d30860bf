// Integration: judge runs against a local fake OpenAI-compatible server, on PGlite and PostgreSQL.
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { createJudgeRun } from "@/db/queries/judge/create-judge-run";
import { listJudgeResultsForResearcher } from "@/db/queries/judge/list-judge-results";
import { listJudgeRunsForResearcher } from "@/db/queries/judge/list-judge-runs";
import { cancelJudgeRun, resumeJudgeRun } from "@/db/queries/judge/set-judge-run-status";
import { judgeResults, judgeRuns } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { buildJudgeUserMessage, defaultJudgeSystemPrompt, judgeRng, letterOrder } from "@/lib/llm/judge-prompt";
import { startFakeOpenAI, type TFakeOpenAI, type TFakeReply } from "@/lib/testing/fake-openai";
import { buildJudgeTable, judgeResultsFile } from "./exports";
import { cancelActiveJudgeRun, resumeRunningJudgeRuns } from "./registry";
import { executeJudgeRun } from "./runner";
import { ZStartJudgeRun } from "./schemas";
import { runSettingsFrom, startJudgeRunFor } from "./start-run";
import { answerOf, lettersFor, listwiseStudyWithItems, promptOf, readJudgeRequest, SYSTEMS } from "./test-fixtures";

const SECRET = "judge-test-secret-0123456789abcdef";
const API_KEY = "sk-test-0123456789abcd";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
});

const json = (letters: string[]) => `{"rank_1": "${letters[0]}", "rank_2": "${letters[1]}", "rank_3": "${letters[2]}"}`;
const input = (over: Record<string, unknown>) =>
  ZStartJudgeRun.parse({ baseUrl: "http://127.0.0.1:1/v1", model: "judge-model", prompt: defaultJudgeSystemPrompt(3), concurrency: 3, maxRetries: 2, timeoutSeconds: 0.5, ...over });

describe.each(DB_KINDS)("judge runs on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let fake: TFakeOpenAI | null = null;
  beforeEach(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
  });
  afterEach(async () => {
    await fake?.close();
    fake = null;
    await cleanup();
  });
  afterAll(() => undefined);

  it("judges every item once: scripted, tolerant and garbage replies, a 429 and a timeout", async () => {
    const { researcherId, studyId, config } = await listwiseStudyWithItems(8);
    // The systems' order, best first, that the scripted judge gives item k.
    const intended: Record<number, string[]> = {
      1: ["qwen", "ltu", "mullama"], 2: ["ltu", "qwen", "mullama"], 3: ["mullama", "ltu", "qwen"], 5: ["qwen", "mullama", "ltu"],
      6: ["ltu", "mullama", "qwen"], 7: ["mullama", "qwen", "ltu"], 8: ["qwen", "ltu", "mullama"],
    };
    const seen = new Map<number, number>();
    fake = await startFakeOpenAI({
      apiKey: API_KEY,
      script: (req): TFakeReply => {
        const { k, letterToSystem } = readJudgeRequest(req.body);
        const call = (seen.get(k) ?? 0) + 1;
        seen.set(k, call);
        const l = k === 4 ? [] : lettersFor(letterToSystem, intended[k]);
        switch (k) {
          case 2: return { content: `{'rank_1': '${l[0]}', 'rank_2': '${l[1]}', 'rank_3': '${l[2]}'}` };
          case 3: return { content: `Sure! Here is my ranking:\n\`\`\`json\n${json(l)}\n\`\`\`\nResponse ${l[0]} is the most accurate.` };
          case 4: return { content: "They are all great answers, I cannot choose." };
          case 5: return call === 1 ? { status: 429, retryAfterSeconds: 1 } : { content: json(l) };
          case 6: return call === 1 ? { hang: true } : { content: json(l) };
          case 7: return { content: `{\u201Crank_1\u201D: \u201C${l[0]}\u201D; \u201Crank_2\u201D: \u201C${l[1]}\u201D; \u201Crank_3\u201D: \u201C${l[2]}\u201D}` };
          case 8: return call === 1 ? { content: "rank_1: the first one" } : { content: json(l) };
          default: return { content: json(l) };
        }
      },
    });
    const run = await startJudgeRunFor({ studyId, researcherId, input: input({ baseUrl: fake.url, apiKey: API_KEY }) });
    const outcome = await run.done;
    expect(outcome).toMatchObject({ status: "done", done: 7, failed: 1, calls: 13 });

    // The key is stored encrypted and only its hint is shown.
    const db = await getDb();
    const [stored] = await db.select().from(judgeRuns).where(eq(judgeRuns.id, run.id));
    expect(stored.apiKeyEnc).not.toContain(API_KEY.slice(3));
    expect(stored.apiKeyHint).toBe("sk-…abcd");
    const [summary] = await listJudgeRunsForResearcher({ studyId, researcherId });
    expect(JSON.stringify(summary)).not.toContain(API_KEY);
    expect(summary).toMatchObject({ status: "done", total: 8, done: 7, failed: 1, remaining: 0, calls: 13, lastError: null });
    expect(summary.callsPerMinute).toBeGreaterThan(0);

    // Request shape: model, temperature 0, the criteria in order, PROMPT then RESPONSE A… in the stored order.
    expect(fake.requests).toHaveLength(13);
    const results = await listJudgeResultsForResearcher({ studyId, researcherId });
    expect(results).toHaveLength(8);
    const byK = new Map(results.map((r) => [Number(r.conversationId!.slice(1)), r]));
    for (const req of fake.requests) {
      expect(req.path).toBe("/v1/chat/completions");
      const body = req.body as { model: string; temperature: number; messages: { role: string; content: string }[] };
      expect(body.model).toBe("judge-model");
      expect(body.temperature).toBe(0);
      expect(body.messages.map((m) => m.role)).toEqual(["system", "user"]);
      const sys = body.messages[0].content;
      const at = ["Technical accuracy", "Helpfulness", "Conversation fluency"].map((c) => sys.indexOf(c));
      expect(at.every((i) => i >= 0) && at[0] < at[1] && at[1] < at[2]).toBe(true);
      expect(sys).toContain('{"rank_1": "A", "rank_2": "B", "rank_3": "C"}');
      const { k } = readJudgeRequest(body);
      const r = byK.get(k)!;
      const letters = Object.keys(r.letterMap).sort();
      expect(body.messages[1].content).toBe(buildJudgeUserMessage(promptOf(k), letters.map((l) => ({ letter: l, text: answerOf(r.letterMap[l], k) }))));
      expect(body.messages[1].content.startsWith(`PROMPT: ${promptOf(k)}\n\nRESPONSE A: `)).toBe(true);
    }
    // The letter order is the seeded shuffle of the run, per item.
    for (const r of results) {
      const order = letterOrder([...SYSTEMS], judgeRng(stored.seed, r.itemId));
      expect(r.letterMap).toEqual(Object.fromEntries(order.map((o) => [o.letter, o.system])));
    }
    // Rankings come back as systems; the garbage item is failed with its raw reply, never a made-up ranking.
    for (const [k, systems] of Object.entries(intended)) expect(byK.get(Number(k))).toMatchObject({ status: "done", ranking: systems });
    expect(byK.get(4)).toMatchObject({ status: "failed", ranking: null, attempts: 3, rawReply: "They are all great answers, I cannot choose." });
    expect(byK.get(4)!.error).toMatch(/did not parse after 3 attempt/);
    expect(byK.get(5)!.attempts).toBe(2);
    expect(byK.get(6)!.attempts).toBe(2);
    expect(byK.get(8)!.attempts).toBe(2);
    // The 429's Retry-After of 1 s was honoured before the second call.
    const item5 = fake.requests.filter((q) => readJudgeRequest(q.body).k === 5);
    expect(item5[1].at - item5[0].at).toBeGreaterThanOrEqual(900);
    expect(results.reduce((s, r) => s + r.attempts, 0)).toBe(13);

    // Exports: failed counted as failed, nothing filled in; the JSON is valid.
    const runs = [{ ...summary }];
    const data = { systems: config.systems, human: [], run: summary, runs, results };
    const t8 = buildJudgeTable("8", data);
    expect(t8.rows.reduce((s, row) => s + Number(row[1]), 0)).toBe(7);
    expect(t8.notes?.[0]).toMatch(/^1 item/);
    const t5 = buildJudgeTable("5", data);
    expect(t5.rows[1][1]).toBe(7);
    expect(t5.rows[1][t5.rows[1].length - 1]).toBe(1);
    const file = judgeResultsFile(summary, results, config.systems);
    expect(file.filename).toBe(`judge_results_${run.id}.json`);
    const parsed = JSON.parse(JSON.stringify(file.json)) as typeof file.json;
    expect(parsed).toMatchObject({ run_id: run.id, model: "judge-model", random_seed: stored.seed, final_evaluated_count: 7, failed: 1 });
    expect(parsed.evaluations.find((e) => e.status === "failed")?.ranking_response).toBe("They are all great answers, I cannot choose.");
  });

  it("stops mid-run and resumes after a restart: every item judged exactly once", async () => {
    const { researcherId, studyId } = await listwiseStudyWithItems(12);
    fake = await startFakeOpenAI({ latencyMs: 30, script: (req) => ({ content: json(lettersFor(readJudgeRequest(req.body).letterToSystem, ["ltu", "qwen", "mullama"])) }) });
    const { id: runId } = await createJudgeRun({ studyId, researcherId, settings: runSettingsFrom(input({ baseUrl: fake.url, concurrency: 3 }), SECRET) });

    const controller = new AbortController();
    const first = await executeJudgeRun({ runId, signal: controller.signal, onResult: (r) => r.recorded >= 5 && controller.abort("shutdown") });
    expect(first.status).toBe("aborted");
    expect(first.done).toBeGreaterThanOrEqual(5);
    const db1 = await getDb();
    const phase1 = await db1.select({ itemId: judgeResults.itemId }).from(judgeResults).where(eq(judgeResults.runId, runId));
    const [{ status }] = await db1.select({ status: judgeRuns.status }).from(judgeRuns).where(eq(judgeRuns.id, runId));
    expect(status).toBe("running");
    const cut = fake.requests.length;

    // The server stops (database closed) and starts again: boot resumes runs left running.
    await closeDb();
    await getDb();
    const resumed = await resumeRunningJudgeRuns();
    expect(resumed.map((r) => r.runId)).toEqual([runId]);
    expect((await resumed[0].done).status).toBe("done");

    const results = await listJudgeResultsForResearcher({ studyId, researcherId });
    expect(results).toHaveLength(12);
    expect(new Set(results.map((r) => r.itemId)).size).toBe(12);
    expect(results.every((r) => r.status === "done" && r.ranking?.join(">") === "ltu>qwen>mullama")).toBe(true);
    // No item stored before the stop was asked again after it.
    const firstK = new Set(results.filter((r) => phase1.some((p) => p.itemId === r.itemId)).map((r) => Number(r.conversationId!.slice(1))));
    expect(firstK.size).toBe(phase1.length);
    for (const req of fake.requests.slice(cut)) expect(firstK.has(readJudgeRequest(req.body).k)).toBe(false);
    // Calls: every stored attempt, plus at most the calls in flight when the run stopped.
    const attempts = results.reduce((s, r) => s + r.attempts, 0);
    expect(fake.requests.length).toBeGreaterThanOrEqual(attempts);
    expect(fake.requests.length - attempts).toBeLessThanOrEqual(3);
  });

  it("cancel stops new calls and keeps the results so far", async () => {
    const { researcherId, studyId } = await listwiseStudyWithItems(20);
    fake = await startFakeOpenAI({ latencyMs: 40, script: (req) => ({ content: json(lettersFor(readJudgeRequest(req.body).letterToSystem, ["qwen", "ltu", "mullama"])) }) });
    const run = await startJudgeRunFor({ studyId, researcherId, input: input({ baseUrl: fake.url, concurrency: 2 }) });
    const db = await getDb();
    for (;;) {
      const rows = await db.select({ id: judgeResults.id }).from(judgeResults).where(eq(judgeResults.runId, run.id));
      if (rows.length >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await cancelJudgeRun({ studyId, researcherId, runId: run.id });
    cancelActiveJudgeRun(run.id);
    const atCancel = fake.requests.length;
    expect((await run.done).status).toBe("cancelled");
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.requests.length - atCancel).toBeLessThanOrEqual(2); // only calls already on the wire
    const [summary] = await listJudgeRunsForResearcher({ studyId, researcherId });
    expect(summary.status).toBe("cancelled");
    expect(summary.done).toBeLessThan(20);
    expect(summary.remaining).toBe(20 - summary.done - summary.failed);
    await expect(resumeJudgeRun({ studyId, researcherId, runId: run.id })).rejects.toThrow(/only a stopped run/);
  });

  it("an endpoint that is down stops the run with the reason, and the run resumes once it is back", async () => {
    const { researcherId, studyId } = await listwiseStudyWithItems(6);
    let down = true;
    fake = await startFakeOpenAI({
      script: (req): TFakeReply => (down ? { status: 503 } : { content: json(lettersFor(readJudgeRequest(req.body).letterToSystem, ["mullama", "ltu", "qwen"])) }),
    });
    const { id: runId } = await createJudgeRun({ studyId, researcherId, settings: runSettingsFrom(input({ baseUrl: fake.url, concurrency: 1, maxRetries: 1 }), SECRET) });
    const first = await executeJudgeRun({ runId, backoffBaseMs: 5 });
    expect(first.status).toBe("stopped");
    expect(fake.requests).toHaveLength(6); // three items × two attempts, then the breaker stops the run
    let [summary] = await listJudgeRunsForResearcher({ studyId, researcherId });
    expect(summary).toMatchObject({ status: "stopped", done: 0, failed: 0, remaining: 6 });
    expect(summary.lastError).toMatch(/3 items in a row could not reach the endpoint.*HTTP 503.*resume/i);

    down = false;
    await resumeJudgeRun({ studyId, researcherId, runId });
    expect((await executeJudgeRun({ runId, backoffBaseMs: 5 })).status).toBe("done");
    [summary] = await listJudgeRunsForResearcher({ studyId, researcherId });
    expect(summary).toMatchObject({ status: "done", done: 6, failed: 0, remaining: 0, lastError: null });
  });

  it("a rejected API key stops the run at once with the reason; another researcher cannot see or cancel it", async () => {
    const { researcherId, studyId } = await listwiseStudyWithItems(4);
    fake = await startFakeOpenAI({ apiKey: "sk-the-right-key-0000" });
    const run = await startJudgeRunFor({ studyId, researcherId, input: input({ baseUrl: fake.url, apiKey: "sk-wrong-key-1111111" }) });
    const outcome = await run.done;
    expect(outcome.status).toBe("stopped");
    expect(fake.requests.length).toBeLessThanOrEqual(3);
    const [summary] = await listJudgeRunsForResearcher({ studyId, researcherId });
    expect(summary.lastError).toMatch(/refused the request.*HTTP 401/);
    const other = await listwiseStudyWithItems(1);
    expect(await listJudgeRunsForResearcher({ studyId, researcherId: other.researcherId })).toEqual([]);
    await expect(cancelJudgeRun({ studyId, researcherId: other.researcherId, runId: run.id })).rejects.toThrow(/No such judge run/);
    const db = await getDb();
    const rows = await db.select({ id: judgeResults.id }).from(judgeResults).where(and(eq(judgeResults.runId, run.id)));
    expect(rows).toHaveLength(0);
  });
});
