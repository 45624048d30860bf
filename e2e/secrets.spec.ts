// Secrets never leave the server: a chat assistant keyed by an environment variable and a judge run with a typed-in
// key both run against the fake OpenAI server; then every export, page and API answer of every study, every body the
// other attack specs recorded in this run, and the server's own log are searched for the keys, the sign-in secret,
// the researchers' passwords and any bcrypt hash.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIResponse } from "@playwright/test";
import { startFakeOpenAI, type TFakeOpenAI } from "../lib/testing/fake-openai";
import { ATTACK_ACCOUNTS } from "./attack-accounts-list";
import {
  bearer, bodyOf, buildWorld, disposeWorld, E2E_DATA_DIR, FAKE_KEY, joinParticipant, json, patchConfig, recordedBodies, type TWorld,
} from "./attack-world";
import { writeWavFixture } from "./chat-helpers";
import { ALICE, BOB } from "./helpers";

test.setTimeout(300_000);

const JUDGE_KEY = "sk-e2e-judge-0d1f5c9a7b3e4a2c8f6d";

let w: TWorld;
let chatFake: TFakeOpenAI;
let judgeFake: TFakeOpenAI;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  chatFake = await startFakeOpenAI({ apiKey: FAKE_KEY, script: () => ({ stream: ["Cut ", "200 Hz ", "on the bass."] }) });
  judgeFake = await startFakeOpenAI({ apiKey: JUDGE_KEY });
  w = await buildWorld(testInfo.outputPath("world"), "Secrets");
});

test.afterAll(async () => {
  await chatFake?.close();
  await judgeFake?.close();
  if (w) await disposeWorld(w);
});

test("API keys, the sign-in secret, passwords and password hashes appear in no response, export, page or log line", async ({ page }, testInfo) => {
  const seen: { source: string; text: string }[] = [];
  const keep = async (source: string, res: APIResponse) => {
    const text = await bodyOf(res, source);
    seen.push({ source: `${source} → ${res.status()}`, text });
    return text;
  };

  // A chat study whose assistant takes its key from E2E_FAKE_API_KEY; a participant chats through the API.
  const chat = w.studies.chat;
  await patchConfig(w.alice, chat.id, (c) => ({ ...c, assistant: { ...(c.assistant as object), backend: "openai-text", baseUrl: chatFake.url, model: "fake-secret-model", apiKeyEnv: "E2E_FAKE_API_KEY" } }));
  const p = await joinParticipant(w.anon, chat.slug);
  const wav = await readFile(await writeWavFixture(testInfo.outputPath("clip.wav"), { seconds: 3 }));
  const up = await w.anon.post(`/api/s/${chat.slug}/chat/upload`, { headers: bearer(p.token), multipart: { file: { name: "clip.wav", mimeType: "audio/wav", buffer: wav } } });
  expect(up.status(), await keep("chat upload", up)).toBe(200);
  const msg = await w.anon.post(`/api/s/${chat.slug}/chat/message`, { ...json({ requestId: crypto.randomUUID(), text: "What about the bass?" }), headers: { "content-type": "application/json", ...bearer(p.token) } });
  const sse = await keep("chat message", msg);
  expect(sse).toContain("event: done");
  expect(sse).toContain("on the bass.");
  // The fake server saw the key (so it was really used), and the model reply came back.
  const chatCalls = chatFake.requests.filter((r) => r.path === "/v1/chat/completions");
  expect(chatCalls.length).toBeGreaterThanOrEqual(1);
  expect(chatCalls.every((r) => r.headers.authorization === "[redacted]")).toBe(true);
  for (const step of ["finish", "survey"] as const) {
    const body = step === "finish" ? {} : { requestId: crypto.randomUUID(), answer: { naturalness: "very_natural", contribution: "slightly_more", novelty: "a_little", insights: "ok" } };
    const r = await w.anon.post(`/api/s/${chat.slug}/chat/${step}`, { ...json(body), headers: { "content-type": "application/json", ...bearer(p.token) } });
    expect(r.status(), await keep(`chat ${step}`, r)).toBe(200);
  }

  // A judge run with a key typed in (stored encrypted), run to the end against a server that demands it.
  const lw = w.studies.listwise;
  const run = await w.alice.post(`/api/studies/${lw.id}/judge`, json({ baseUrl: judgeFake.url, model: "fake-judge", apiKey: JUDGE_KEY, prompt: "Rank the responses best first.", concurrency: 2 }));
  expect(run.status(), await keep("judge start", run)).toBe(201);
  const runId = ((await run.json()) as { id: string }).id;
  await expect.poll(async () => {
    const runs = (await (await w.alice.get(`/api/studies/${lw.id}/judge`)).json()) as { runs: { id: string; status: string }[] };
    return runs.runs.find((r) => r.id === runId)?.status;
  }, { timeout: 60_000 }).toBe("done");
  expect(judgeFake.requests.filter((r) => r.path === "/v1/chat/completions" && r.headers.authorization === "[redacted]").length).toBeGreaterThanOrEqual(4);

  // Everything a researcher (owner and viewer) can read or export, for every study.
  const exportsOf: Record<string, string[]> = {
    pairwise: ["table=judgments&format=csv", ...["3", "11", "7", "2", "10", "6"].flatMap((t) => ["csv", "md", "tex"].map((f) => `table=${t}&format=${f}`))],
    listwise: ["table=judgments&format=csv", "table=3&format=csv", "table=2&format=md"],
    chat: ["table=transcripts", "table=conversations", "table=12a&format=csv", "table=13&format=tex"],
    rating: ["table=judgments&format=csv"],
  };
  for (const [mode, s] of Object.entries(w.studies)) {
    for (const who of [w.alice, w.bob]) {
      for (const q of [...exportsOf[mode], "table=config&format=json"]) await keep(`export ${mode} ${q}`, await who.get(`/api/studies/${s.id}/export?${q}`));
      for (const sub of ["", "/audit", "/progress", "/shares", "/judge"]) await keep(`GET ${mode}${sub}`, await who.get(`/api/studies/${s.id}${sub}`));
    }
  }
  for (const q of ["format=json", ...["8", "2", "10", "5", "agreement"].map((t) => `table=${t}&format=csv`)]) {
    await keep(`judge export ${q}`, await w.alice.get(`/api/studies/${lw.id}/judge/${runId}/export?${q}`));
  }
  await keep("studies list", await w.alice.get("/api/studies"));
  await keep("session", await w.alice.get("/api/auth/session"));
  // The researcher's pages as the browser gets them, the settings form of the chat study included.
  const { signIn } = await import("./helpers");
  await signIn(page, ALICE.email, ALICE.password);
  for (const url of ["/studies", `/studies/${chat.id}`, `/studies/${chat.id}/transcripts`, `/studies/${lw.id}`, `/studies/${lw.id}/judge`, `/studies/${w.studies.pairwise.id}/results`]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    seen.push({ source: `page ${url}`, text: await page.content() });
  }
  // The settings form does show the variable's NAME (a check that this corpus is the real thing).
  expect(seen.some((s) => s.text.includes("E2E_FAKE_API_KEY"))).toBe(true);
  expect(seen.some((s) => s.text.includes("on the bass."))).toBe(true);

  // The secrets: both keys, the sign-in secret, the known passwords and every researcher's password hash.
  const hashes = readFileSync(path.join(E2E_DATA_DIR, "e2e-password-hashes.txt"), "utf8").split("\n").filter(Boolean);
  expect(hashes.length).toBeGreaterThanOrEqual(5);
  const authSecret = readFileSync(path.join(E2E_DATA_DIR, ".auth-secret"), "utf8").trim();
  const secrets: [string, string][] = [
    ["chat API key", FAKE_KEY],
    ["judge API key", JUDGE_KEY],
    ["NEXTAUTH_SECRET", authSecret],
    ...[ALICE, BOB, ...ATTACK_ACCOUNTS].map((a): [string, string] => [`password of ${a.email}`, a.password]),
    ...hashes.map((h, i): [string, string] => [`password hash ${i}`, h]),
  ];
  const log = readFileSync(path.join(E2E_DATA_DIR, "server.log"), "utf8");
  const corpus = [...seen, { source: "bodies recorded by the attack specs", text: recordedBodies() }, { source: "server log", text: log }];
  expect(corpus.reduce((n, c) => n + c.text.length, 0)).toBeGreaterThan(100_000);
  const leaksIn = (c: { source: string; text: string }): string[] => {
    const found = secrets.filter(([, value]) => c.text.includes(value)).map(([name]) => `${name} in ${c.source}`);
    const bcrypt = /\$2[aby]\$\d\d\$[./A-Za-z0-9]{20,}/.exec(c.text);
    if (bcrypt) found.push(`a bcrypt hash (${bcrypt[0].slice(0, 7)}…) in ${c.source}`);
    return found;
  };
  expect(corpus.flatMap(leaksIn)).toEqual([]);
  // The control: the same scan does find each kind of secret where one is.
  expect(leaksIn({ source: "control", text: `x ${FAKE_KEY} ${JUDGE_KEY} ${hashes[0]} y` })).toHaveLength(4);
});
