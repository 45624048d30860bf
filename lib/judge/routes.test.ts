// The judge API routes through route(): start, list (no key), exports in every format, cancel/resume rules, owner scope.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { defaultJudgeSystemPrompt } from "@/lib/llm/judge-prompt";
import { startFakeOpenAI, type TFakeOpenAI } from "@/lib/testing/fake-openai";
import { lettersFor, listwiseStudyWithItems, readJudgeRequest } from "./test-fixtures";

const session: { current: { user: { id: string } } | null } = { current: null };
vi.mock("next-auth", () => ({ getServerSession: async () => session.current, default: () => undefined }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

const { GET: listRuns, POST: startRun } = await import("@/app/api/studies/[id]/judge/route");
const { POST: cancelRun } = await import("@/app/api/studies/[id]/judge/[runId]/cancel/route");
const { POST: resumeRun } = await import("@/app/api/studies/[id]/judge/[runId]/resume/route");
const { GET: exportRun } = await import("@/app/api/studies/[id]/judge/[runId]/export/route");
const { startJudgeRun } = await import("./registry");

const API_KEY = "sk-route-test-abcdefgh9876";
const ctx = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const url = (path: string) => `http://127.0.0.1:3000${path}`;

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "route-test-secret-0123456789abcdef";
});

describe.each(DB_KINDS)("judge routes on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let fake: TFakeOpenAI | undefined;
  beforeEach(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
    fake = await startFakeOpenAI({
      apiKey: API_KEY,
      script: (req) => {
        const { k, letterToSystem } = readJudgeRequest(req.body);
        return { content: k === 2 ? "no idea" : JSON.stringify(Object.fromEntries(lettersFor(letterToSystem, ["qwen", "mullama", "ltu"]).map((l, i) => [`rank_${i + 1}`, l]))) };
      },
    });
  });
  afterEach(async () => {
    session.current = null;
    await fake?.close();
    await cleanup?.();
  });

  it("starts a run, lists it without the key, exports every table and the JSON", async () => {
    const { researcherId, studyId } = await listwiseStudyWithItems(5);
    session.current = { user: { id: researcherId } };
    const bad = await startRun(new Request(url(`/api/studies/${studyId}/judge`), { method: "POST", body: JSON.stringify({ baseUrl: "ftp://x", model: "" }) }), ctx({ id: studyId }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const leak = await startRun(
      new Request(url(`/api/studies/${studyId}/judge`), { method: "POST", body: JSON.stringify({ baseUrl: fake!.url, model: "m", prompt: "p", apiKeyEnv: "NEXTAUTH_SECRET" }) }),
      ctx({ id: studyId }),
    );
    expect(leak.status).toBe(400); // only *_API_KEY variables may be named

    const res = await startRun(
      new Request(url(`/api/studies/${studyId}/judge`), {
        method: "POST",
        body: JSON.stringify({ baseUrl: fake!.url, model: "judge-m", apiKey: API_KEY, prompt: defaultJudgeSystemPrompt(3), maxRetries: 1, concurrency: 2 }),
      }),
      ctx({ id: studyId }),
    );
    expect(res.status).toBe(201);
    const { id: runId } = (await res.json()) as { id: string };
    const outcome = await startJudgeRun(runId); // the runner the route started
    expect(outcome.status).toBe("done");

    const list = await listRuns(new Request(url(`/api/studies/${studyId}/judge`)), ctx({ id: studyId }));
    const text = await list.text();
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain("apiKeyEnc");
    const { runs } = JSON.parse(text) as { runs: { id: string; apiKeyHint: string; done: number; failed: number; remaining: number; status: string }[] };
    expect(runs[0]).toMatchObject({ id: runId, apiKeyHint: "sk-…9876", done: 4, failed: 1, remaining: 0, status: "done" });

    for (const table of ["8", "2", "10", "5", "agreement"]) {
      for (const format of ["csv", "md", "tex"]) {
        const r = await exportRun(new Request(url(`/api/studies/${studyId}/judge/${runId}/export?table=${table}&format=${format}`)), ctx({ id: studyId, runId }));
        expect(r.status, `${table} ${format}`).toBe(200);
        expect(r.headers.get("content-disposition")).toMatch(/attachment/);
      }
    }
    const t8 = await (await exportRun(new Request(url(`/api/studies/${studyId}/judge/${runId}/export?table=8&format=csv`)), ctx({ id: studyId, runId }))).text();
    expect(t8.split("\r\n")[1]).toBe("Qwen,4,0,0");
    const j = await exportRun(new Request(url(`/api/studies/${studyId}/judge/${runId}/export?format=json`)), ctx({ id: studyId, runId }));
    expect(j.headers.get("content-disposition")).toContain(`judge_results_${runId}.json`);
    const body = await j.text();
    expect(body).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(body)).toMatchObject({ run_id: runId, model: "judge-m", final_evaluated_count: 4, failed: 1 });
    const noTable = await exportRun(new Request(url(`/api/studies/${studyId}/judge/${runId}/export?format=csv`)), ctx({ id: studyId, runId }));
    expect(noTable.status).toBe(400);

    expect((await cancelRun(new Request(url("/x"), { method: "POST" }), ctx({ id: studyId, runId }))).status).toBe(409);
    expect((await resumeRun(new Request(url("/x"), { method: "POST" }), ctx({ id: studyId, runId }))).status).toBe(409);

    const other = await listwiseStudyWithItems(1);
    session.current = { user: { id: other.researcherId } };
    expect((await listRuns(new Request(url("/x")), ctx({ id: studyId }))).status).toBe(404);
    expect((await exportRun(new Request(url("/x?format=json")), ctx({ id: studyId, runId }))).status).toBe(404);
    expect((await cancelRun(new Request(url("/x"), { method: "POST" }), ctx({ id: studyId, runId }))).status).toBe(404);
    session.current = null;
    expect((await listRuns(new Request(url("/x")), ctx({ id: studyId }))).status).toBe(401);
  });
});
