// Who may call what, against the built app: every route and page on disk × anonymous, participants of this and of
// another study, the owner, a stranger, a shared viewer and editor (e2e/access-matrix.ts); participant tokens that
// are forged, replayed or of another study; and sign-in guessing slowed down through next-auth's real endpoint.
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { startFakeOpenAI, type TFakeOpenAI } from "../lib/testing/fake-openai";
import { CALLERS, discoverRoutes, MATRIX, type TCaller, type TRow, type TRowRequest } from "./access-matrix";
import { ERIN, TRUDY } from "./attack-accounts-list";
import {
  bearer, bodyOf, buildWorld, createStudy, DEMO_SLUG, disposeWorld, joinParticipant, json, publishStudy, share, signInAttempt,
  type TParticipant, type TWorld,
} from "./attack-world";
import { E2E_BASE_URL } from "./base-url";
import { BOB, unique } from "./helpers";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let w: TWorld;
let fake: TFakeOpenAI;
let runId: string;
let mainA: TParticipant;
let partB: TParticipant;
let audioHash: string;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  w = await buildWorld(testInfo.outputPath("world"), "Matrix");
  fake = await startFakeOpenAI({ apiKey: process.env.E2E_FAKE_API_KEY ?? "e2e-fake-key-7f3a", latencyMs: 200 });
  const run = await w.alice.post(`/api/studies/${w.studies.listwise.id}/judge`, json({ baseUrl: fake.url, model: "fake-judge", apiKeyEnv: "E2E_FAKE_API_KEY", prompt: "Rank.", concurrency: 1 }));
  expect(run.status(), await run.text()).toBe(201);
  runId = ((await run.json()) as { id: string }).id;
  mainA = await joinParticipant(w.anon, w.studies.pairwise.slug);
  partB = await joinParticipant(w.anon, DEMO_SLUG);
  const state = (await (await w.anon.get(`/api/s/${mainA.slug}/state`, { headers: bearer(mainA.token) })).json()) as { trial: { audio: { url: string } } };
  audioHash = state.trial.audio.url.split("/").pop()!;
});

test.afterAll(async () => {
  await fake?.close();
  if (w) await disposeWorld(w);
});

test("the table lists exactly the routes and pages on disk", () => {
  const onDisk = discoverRoutes(path.resolve("app"));
  expect(onDisk.length).toBeGreaterThan(40);
  expect([...MATRIX.map((r) => r.route)].sort()).toEqual(onDisk);
  for (const row of MATRIX) expect(CALLERS.every((c) => typeof row.expect[c] === "number"), row.route).toBe(true);
});

/** A fresh draft of Alice's shared like the others, for calls that destroy what they touch. */
async function disposable(live = false): Promise<{ id: string; slug: string; title: string }> {
  const title = unique("Matrix-disposable");
  const { id } = await createStudy(w.alice, live ? "mixassist-live-chat" : "mixassist-pairwise", title);
  if (live) await publishStudy(w.alice, id);
  await share(w.alice, id, BOB.email, "viewer");
  await share(w.alice, id, ERIN.email, "editor");
  return { id, slug: "", title };
}

interface TCellResponse {
  status: () => number;
  headers: () => Record<string, string>;
  text: string;
}

async function call(row: TRow, caller: TCaller, target: { id: string; slug: string }, participantA: TParticipant): Promise<TCellResponse> {
  const [method, pattern] = row.route.split(" ") as [string, string];
  let url = pattern
    .replace("[id]", target.id)
    .replace("[slug]", target.slug)
    .replace("[runId]", runId)
    .replace("[researcherId]", w.bobId)
    .replace("[hash]", audioHash);
  if (row.pathOverride?.startsWith("?")) url += row.pathOverride;
  else if (row.pathOverride) url = row.pathOverride;

  // Each cell gets a context of its own: anonymous and participant callers start with no cookies at all, researchers
  // with their session only (a join must not leave a participant cookie for the next cell).
  const signedIn = { stranger: w.carol, viewer: w.bob, editor: w.erin, owner: w.alice }[caller as "owner"] as APIRequestContext | undefined;
  const ctx = await request.newContext({ baseURL: E2E_BASE_URL, storageState: signedIn ? await signedIn.storageState() : undefined });
  const headers: Record<string, string> = {};
  const tokenOf = caller === "participantA" ? participantA.token : caller === "participantB" ? partB.token : null;
  if (tokenOf) {
    // The token is offered both ways the app reads it, under the cookie name of the study in the path.
    Object.assign(headers, bearer(tokenOf));
    headers.cookie = `ms_p_${target.slug || participantA.slug}=${tokenOf}`;
  }
  let req: TRowRequest = row.request?.({ runId, bobId: w.bobId, judgeBaseUrl: fake.url }) ?? { none: true };
  if ("json" in req && req.json === "SAME_CONFIG") {
    const study = (await (await w.alice.get(`/api/studies/${target.id}`)).json()) as { config: unknown };
    req = { json: { config: study.config } };
  }
  const opts = {
    headers: "json" in req ? { ...headers, "content-type": "application/json" } : headers,
    data: "json" in req ? JSON.stringify(req.json) : undefined,
    multipart: "multipart" in req ? req.multipart : undefined,
    maxRedirects: 0,
  };
  try {
    const res = await ctx.fetch(url, { method: method === "PAGE" ? "GET" : method, ...opts });
    return { status: () => res.status(), headers: () => res.headers(), text: await bodyOf(res, `${caller} ${row.route}`) };
  } finally {
    await ctx.dispose();
  }
}

test("every route × every caller answers the status in the table, and a refusal leaks nothing of the study", async () => {
  const mismatches: string[] = [];
  let cells = 0;
  for (const row of MATRIX) {
    const target = row.target === "disposable" ? await disposable(row.live) : row.target === "none" ? { ...w.studies.pairwise } : row.target === "demo" ? { id: "", slug: DEMO_SLUG, title: "" } : w.studies[row.target];
    const isParticipantRoute = row.route.includes("/api/s/[slug]/");
    for (const caller of CALLERS) {
      // Participant routes get a fresh participant A of that study (past the instructions); others the pairwise one.
      const participantA = isParticipantRoute && caller === "participantA" ? await joinParticipant(w.anon, target.slug) : mainA;
      const res = await call(row, caller, target, participantA);
      const text = res.text;
      cells++;
      const want = row.expect[caller];
      if (res.status() !== want) mismatches.push(`${row.route} as ${caller}: ${res.status()} (want ${want}) ${text.slice(0, 160)}`);
      const denied = res.status() >= 300 && !(row.route.startsWith("POST /api/auth") || row.route === "PAGE /studies");
      if (denied && !["owner", "editor", "viewer"].includes(caller) || res.status() === 401 || res.status() === 403 || res.status() === 404) {
        // Nothing of the study (its title) or of its participant (the PID) in a refusal.
        for (const secret of [target.title, participantA.pid].filter(Boolean)) {
          if (text.includes(secret)) mismatches.push(`${row.route} as ${caller}: refusal ${res.status()} contains "${secret}"`);
        }
      }
      if (row.route.includes(" /api/") && !row.route.includes("/api/auth") && res.status() >= 400) {
        const ct = res.headers()["content-type"] ?? "";
        if (!ct.includes("application/problem+json")) mismatches.push(`${row.route} as ${caller}: ${res.status()} with content-type ${ct}`);
        else if (!(JSON.parse(text) as { detail?: string }).detail) mismatches.push(`${row.route} as ${caller}: problem without detail`);
      }
      if (row.route.startsWith("PAGE /studies") && res.status() === 307) {
        const loc = res.headers()["location"] ?? "";
        if (!loc.startsWith("/signin")) mismatches.push(`${row.route} as ${caller}: redirect to ${loc}`);
      }
    }
  }
  expect(mismatches).toEqual([]);
  expect(cells).toBe(MATRIX.length * CALLERS.length);
});

test("participant tokens: forged, replayed and another study's are refused and never show another participant's state", async () => {
  const slug = w.studies.pairwise.slug;
  const stateWith = async (s: string, token: string, how: "bearer" | "cookie" = "bearer") => {
    const res = await w.anon.get(`/api/s/${s}/state`, { headers: how === "bearer" ? bearer(token) : { cookie: `ms_p_${s}=${token}` } });
    return { status: res.status(), text: await bodyOf(res, `token state ${s}`) };
  };
  // Forged: random tokens, empty, a token with the right shape but unknown, header injection attempts.
  for (const forged of [unique("forged"), "x".repeat(43), mainA.token.slice(0, -2) + "AA", `${mainA.token} `.repeat(2), "null", "' or 1=1 --"]) {
    for (const how of ["bearer", "cookie"] as const) {
      const r = await stateWith(slug, forged, how);
      expect(r.status, `${how} ${forged}`).toBe(401);
      expect(r.text).not.toContain(w.studies.pairwise.title);
    }
  }
  // Replayed: the same PID joins again, which issues a new token; the old one stops working, the new one resumes.
  const pid = unique("PID-replay");
  const first = await joinParticipant(w.anon, slug, { pid });
  const a1 = (await (await w.anon.post(`/api/s/${slug}/answer`, { ...json({}), headers: bearer(first.token) })).status());
  expect(a1).toBe(400);
  const rejoin = await w.anon.post(`/api/s/${slug}/join`, json({ prolificPid: pid }));
  expect(rejoin.status()).toBe(200); // 201 is a new participant
  const second = (await rejoin.json()) as { token: string; resumed: boolean; state: { step: string } };
  expect(second.resumed).toBe(true);
  expect(second.state.step).toBe("trial");
  expect(second.token).not.toBe(first.token);
  expect((await stateWith(slug, first.token)).status).toBe(401);
  expect((await stateWith(slug, first.token, "cookie")).status).toBe(401);
  expect((await stateWith(slug, second.token)).status).toBe(200);
  // Cross-study: A's token on the demo study, the demo participant's on A's study.
  const cross1 = await stateWith(DEMO_SLUG, mainA.token);
  expect(cross1.status).toBe(401);
  expect(cross1.text).not.toContain(w.studies.pairwise.title);
  const cross2 = await stateWith(slug, partB.token);
  expect(cross2.status).toBe(401);
  expect(cross2.text).not.toContain(w.studies.pairwise.title);
  // Each participant's state is their own: two participants of one study see their own trial ids only.
  const other = await joinParticipant(w.anon, slug);
  const mine = JSON.parse((await stateWith(slug, mainA.token)).text) as { trial: { trialId: string } };
  const theirs = JSON.parse((await stateWith(slug, other.token)).text) as { trial: { trialId: string } };
  expect(mine.trial.trialId).not.toBe(theirs.trial.trialId);
  // Another participant's trial id answered with my token is not found, and stores nothing for them.
  const steal = await w.anon.post(`/api/s/${slug}/answer`, { ...json({ trialId: theirs.trial.trialId, answer: "A", requestId: crypto.randomUUID() }), headers: bearer(mainA.token) });
  expect(steal.status()).toBe(404);
  const after = JSON.parse((await stateWith(slug, other.token)).text) as { trial: { trialId: string }; progress: { answered: number } };
  expect(after.trial.trialId).toBe(theirs.trial.trialId);
  expect(after.progress.answered).toBe(0);
});

test("sign-in guessing is slowed down through next-auth's credentials endpoint, even for the right password", async () => {
  const ctx = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    // Five wrong passwords are checked (and refused as such)…
    for (let i = 1; i <= 5; i++) expect(await signInAttempt(ctx, TRUDY.email, `wrong-password-${i}`)).toEqual({ ok: false, error: "CredentialsSignin" });
    // …then the 6th attempt, even with the right password, is refused with the throttle's message, and guesses are not even checked.
    const blocked = await signInAttempt(ctx, TRUDY.email, TRUDY.password);
    expect(blocked.ok).toBe(false);
    expect(blocked.error).toMatch(/^Too many sign-in attempts\. Please wait \d+ s and try again\.$/);
    const waitS = Number(/wait (\d+) s/.exec(blocked.error!)![1]);
    expect(waitS).toBe(2); // the first wait: 2 s, doubling with every further failure
    expect((await signInAttempt(ctx, TRUDY.email, "another-guess")).error).toMatch(/^Too many sign-in attempts/);
    // The guesses also count against the client address (Next passes it as x-forwarded-for): Erin, from the same address, waits too.
    const erin = await request.newContext({ baseURL: E2E_BASE_URL });
    expect((await signInAttempt(erin, ERIN.email, ERIN.password)).error).toMatch(/^Too many sign-in attempts/);
    await new Promise((r) => setTimeout(r, waitS * 1000 + 300));
    expect(await signInAttempt(ctx, TRUDY.email, TRUDY.password)).toEqual({ ok: true, error: null });
    // Her success clears the address too.
    expect(await signInAttempt(erin, ERIN.email, ERIN.password)).toEqual({ ok: true, error: null });
    await erin.dispose();
  } finally {
    await ctx.dispose();
  }
});
