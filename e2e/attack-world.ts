// Shared setup of the attack specs (access matrix, fuzzing, XSS, secrets): researchers signed in through next-auth's
// real endpoints, studies of every mode created through the API, shares, participants, and a recorder of every body.
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, request, type APIRequestContext, type APIResponse } from "@playwright/test";
import { E2E_BASE_URL } from "./base-url";
import { ALICE, BOB, unique } from "./helpers";
import { CAROL, ERIN } from "./attack-accounts-list";
import { writeMixAssistFixture } from "./fixtures/make-fixtures";
import { writeJudgeCsvFixture } from "./listwise-helpers";

export const E2E_DATA_DIR = path.resolve(process.env.MIXSTUDY_E2E_DATA_DIR ?? ".e2e-data");
export const FAKE_KEY = process.env.E2E_FAKE_API_KEY ?? "e2e-fake-key-7f3a";
export const DEMO_SLUG = "demo-pairwise";
const RESPONSES_FILE = path.join(E2E_DATA_DIR, "e2e-responses.txt");

/** Every response body an attack spec saw, kept for e2e/secrets.spec.ts (which scans them for keys and hashes). */
export function recordBody(source: string, text: string): void {
  mkdirSync(E2E_DATA_DIR, { recursive: true });
  appendFileSync(RESPONSES_FILE, `\n=== ${source}\n${text}`);
}

export function recordedBodies(): string {
  try {
    return readFileSync(RESPONSES_FILE, "utf8");
  } catch {
    return "";
  }
}

/** The response's text, recorded for the secrets scan. */
export async function bodyOf(res: APIResponse, source: string): Promise<string> {
  const text = (await res.body()).toString("utf8");
  recordBody(`${source} → ${res.status()}`, text);
  return text;
}

/** A request context signed in through GET /api/auth/csrf and POST /api/auth/callback/credentials. */
export async function researcherContext(who: { email: string; password: string }): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: E2E_BASE_URL });
  const res = await signInAttempt(ctx, who.email, who.password);
  expect(res.ok, `sign-in of ${who.email}: ${res.error}`).toBe(true);
  return ctx;
}

/** One credentials sign-in through next-auth; ok when a session cookie came back, else next-auth's error text. */
export async function signInAttempt(ctx: APIRequestContext, email: string, password: string): Promise<{ ok: boolean; error: string | null }> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: `${E2E_BASE_URL}/studies` },
    maxRedirects: 0,
  });
  const text = await bodyOf(res, "POST /api/auth/callback/credentials");
  // next-auth answers `{ url }` (200, or 401 for a refused sign-in) to a JSON request; a redirect otherwise.
  const isJson = (res.headers()["content-type"] ?? "").includes("json");
  const url = isJson ? (JSON.parse(text) as { url?: string }).url ?? "" : res.headers()["location"] ?? "";
  const error = new URL(url, E2E_BASE_URL).searchParams.get("error");
  if (error) return { ok: false, error };
  const session = (await (await ctx.get("/api/auth/session")).json()) as { user?: { email?: string } };
  return session.user?.email === email ? { ok: true, error: null } : { ok: false, error: `no session (${res.status()} ${url})` };
}

export const json = (data: unknown) => ({ data, headers: { "content-type": "application/json" } });

export async function createStudy(ctx: APIRequestContext, template: string, title: string): Promise<{ id: string }> {
  const res = await ctx.post("/api/studies", json({ template }));
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  // Every participant may judge every item (the specs join many), as on the demo study.
  await patchConfig(ctx, id, (c) => ({ ...c, title, design: { ...(c.design as object), judgmentsPerItem: null } }));
  return { id };
}

/** Reads the study's configuration, changes it, saves it (200 expected). */
export async function patchConfig(ctx: APIRequestContext, id: string, change: (c: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const study = (await (await ctx.get(`/api/studies/${id}`)).json()) as { config: Record<string, unknown> };
  const res = await ctx.patch(`/api/studies/${id}`, json({ config: change(study.config) }));
  expect(res.status(), await res.text()).toBe(200);
}

export async function importFiles(ctx: APIRequestContext, id: string, files: Record<string, string>): Promise<APIResponse> {
  const multipart: Record<string, { name: string; mimeType: string; buffer: Buffer }> = {};
  for (const [field, file] of Object.entries(files)) multipart[field] = { name: path.basename(file), mimeType: "application/octet-stream", buffer: await readFile(file) };
  return ctx.post(`/api/studies/${id}/import`, { multipart });
}

export async function publishStudy(ctx: APIRequestContext, id: string): Promise<string> {
  const res = await ctx.post(`/api/studies/${id}/publish`, json({}));
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { slug: string }).slug;
}

export async function share(ctx: APIRequestContext, id: string, email: string, role: "viewer" | "editor"): Promise<void> {
  const res = await ctx.post(`/api/studies/${id}/shares`, json({ email, role }));
  expect([200, 201], await res.text()).toContain(res.status());
}

export interface TParticipant {
  slug: string;
  pid: string;
  token: string;
}

/** Joins through the API; `started` also consents, answers the profile and reads the instructions. */
export async function joinParticipant(_ctx: APIRequestContext, slug: string, { started = true, pid = unique("PID") } = {}): Promise<TParticipant> {
  // A context of its own: join sets the participant cookie, which must not ride along on the caller's later requests.
  const ctx = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    return await joinWith(ctx, slug, started, pid);
  } finally {
    await ctx.dispose();
  }
}

async function joinWith(ctx: APIRequestContext, slug: string, started: boolean, pid: string): Promise<TParticipant> {
  const res = await ctx.post(`/api/s/${slug}/join`, json({ prolificPid: pid, prolificStudyId: "E2E-ATTACK", prolificSessionId: unique("SES") }));
  expect([200, 201], await res.text()).toContain(res.status());
  const { token } = (await res.json()) as { token: string };
  const p = { slug, pid, token };
  if (started) {
    for (const [step, body] of [["consent", { consent: true }], ["profile", { expertise: "Expert" }], ["instructions", {}]] as const) {
      const r = await ctx.post(`/api/s/${slug}/${step}`, { ...json(body), headers: { ...json(body).headers, authorization: `Bearer ${token}` } });
      expect(r.status(), `${step}: ${await r.text()}`).toBe(200);
    }
  }
  return p;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export type TMode = "pairwise" | "listwise" | "chat" | "rating";

export interface TWorld {
  alice: APIRequestContext;
  bob: APIRequestContext;
  carol: APIRequestContext;
  erin: APIRequestContext;
  anon: APIRequestContext;
  /** Alice's studies, one per mode: shared with Bob as viewer and Erin as editor. Rating stays a draft. */
  studies: Record<TMode, { id: string; slug: string; title: string }>;
  bobId: string;
  erinId: string;
}

/** Alice's four studies (pairwise and listwise imported and live, chat live, rating a draft), shared with Bob (viewer) and Erin (editor). */
export async function buildWorld(dir: string, tag: string): Promise<TWorld> {
  const [alice, bob, carol, erin] = await Promise.all([ALICE, BOB, CAROL, ERIN].map((w) => researcherContext(w)));
  const anon = await request.newContext({ baseURL: E2E_BASE_URL });
  const templates: Record<TMode, string> = { pairwise: "mixassist-pairwise", listwise: "mixassist-listwise", chat: "mixassist-live-chat", rating: "mixing-buddy-ratings" };
  const studies = {} as TWorld["studies"];
  for (const mode of Object.keys(templates) as TMode[]) {
    const title = `${tag}-${mode}-${unique("t")}`;
    const { id } = await createStudy(alice, templates[mode], title);
    if (mode === "pairwise") {
      const f = await writeMixAssistFixture(path.join(dir, "pairwise"), { items: 10, seconds: 1 });
      const res = await importFiles(alice, id, { rows: f.rowsPath, outputs: f.outputsPath, audio: f.zipPath });
      expect(res.status(), await res.text()).toBe(200);
    }
    if (mode === "listwise") {
      const f = await writeJudgeCsvFixture(path.join(dir, "listwise"), 4, 7);
      const res = await importFiles(alice, id, { rows: f.csvPath, audio: f.zipPath });
      expect(res.status(), await res.text()).toBe(200);
    }
    const slug = mode === "rating" ? "" : await publishStudy(alice, id);
    await share(alice, id, BOB.email, "viewer");
    await share(alice, id, ERIN.email, "editor");
    studies[mode] = { id, slug, title };
  }
  const shares = (await (await alice.get(`/api/studies/${studies.pairwise.id}/shares`)).json()) as { shares: { researcherId: string; email: string }[] };
  const idOf = (email: string) => shares.shares.find((s) => s.email === email)!.researcherId;
  return { alice, bob, carol, erin, anon, studies, bobId: idOf(BOB.email), erinId: idOf(ERIN.email) };
}

export async function disposeWorld(w: TWorld): Promise<void> {
  await Promise.all([w.alice, w.bob, w.carol, w.erin, w.anon].map((c) => c.dispose()));
}
