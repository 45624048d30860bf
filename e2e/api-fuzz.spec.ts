// Hostile input over HTTP against the built app: fast-check bodies, path ids and query strings on every JSON endpoint
// (never a 5xx; always problem+json with a message; nothing written), then upload abuse — zip bombs with honest and
// lying headers, path traversal in zip entries, files that claim to be audio and are not, huge and over-long bodies.
import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import JSZip from "jszip";
import { bearer, bodyOf, buildWorld, createStudy, DEMO_SLUG, disposeWorld, E2E_DATA_DIR, joinParticipant, json, type TParticipant, type TWorld } from "./attack-world";
import { E2E_PORT } from "./base-url";
import { writeWavFixture } from "./chat-helpers";
import { writeMixAssistFixture } from "./fixtures/make-fixtures";
import { unique } from "./helpers";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const SEED = 20261123;
const RUNS = 25;

let w: TWorld;
let pairA: TParticipant;
let chatA: TParticipant;
let draftId: string;
/** A study of Carol's: an id that exists but is not Alice's. */
let carolStudyId: string;

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(180_000);
  w = await buildWorld(testInfo.outputPath("world"), "Fuzz");
  pairA = await joinParticipant(w.anon, w.studies.pairwise.slug);
  chatA = await joinParticipant(w.anon, w.studies.chat.slug);
  draftId = (await createStudy(w.alice, "mixassist-pairwise", unique("Fuzz-draft"))).id;
  carolStudyId = (await createStudy(w.carol, "mixassist-pairwise", unique("Fuzz-carol"))).id;
});

test.afterAll(async () => {
  if (w) await disposeWorld(w);
});

/** What a successful write anywhere would change: every study's counts, status, version and hash, shares, runs, audio files, the participants' progress. */
async function fingerprint(): Promise<string> {
  const list = (await (await w.alice.get("/api/studies")).json()) as { studies: Record<string, unknown>[] };
  const studies = list.studies.map((s) => [s.id, s.status, s.version, s.configHash, s.title, s.items, s.participants, s.judgments].join("|")).sort();
  const shares = await (await w.alice.get(`/api/studies/${w.studies.pairwise.id}/shares`)).text();
  const runs = ((await (await w.alice.get(`/api/studies/${w.studies.listwise.id}/judge`)).json()) as { runs: unknown[] }).runs.length;
  const states = [];
  for (const p of [pairA, chatA]) {
    const s = (await (await w.anon.get(`/api/s/${p.slug}/state`, { headers: bearer(p.token) })).json()) as { step: string; progress?: unknown; chat?: { clip: unknown; turns: unknown[] } };
    states.push([s.step, JSON.stringify(s.progress), JSON.stringify(s.chat?.clip ?? null), s.chat?.turns.length ?? 0].join("|"));
  }
  const audio = readdirSync(path.join(E2E_DATA_DIR, "audio"), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
  return JSON.stringify({ studies, shares, runs, states, audio });
}

interface TEndpoint {
  name: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** The path, given a fuzzed id/slug or the real one. */
  url: (id: string) => string;
  realId: () => string;
  as: "researcher" | "participantPair" | "participantChat";
  /** Keys the real body has: the fuzzer mixes them with hostile ones and wrong types. */
  keys: string[];
  body: boolean;
}

const S = () => w.studies;
const ENDPOINTS: TEndpoint[] = [
  { name: "join", method: "POST", url: (s) => `/api/s/${s}/join`, realId: () => S().pairwise.slug, as: "participantPair", keys: ["prolificPid", "prolificStudyId", "prolificSessionId"], body: true },
  { name: "state", method: "GET", url: (s) => `/api/s/${s}/state`, realId: () => S().pairwise.slug, as: "participantPair", keys: [], body: false },
  { name: "consent", method: "POST", url: (s) => `/api/s/${s}/consent`, realId: () => S().pairwise.slug, as: "participantPair", keys: ["consent"], body: true },
  { name: "profile", method: "POST", url: (s) => `/api/s/${s}/profile`, realId: () => S().pairwise.slug, as: "participantPair", keys: ["expertise"], body: true },
  { name: "instructions", method: "POST", url: (s) => `/api/s/${s}/instructions`, realId: () => S().pairwise.slug, as: "participantPair", keys: [], body: true },
  { name: "answer", method: "POST", url: (s) => `/api/s/${s}/answer`, realId: () => S().pairwise.slug, as: "participantPair", keys: ["trialId", "answer", "requestId", "timeOnItemMs", "listenedMs", "listening"], body: true },
  ...["clip", "window", "message", "retry", "stop", "finish", "survey"].map((n): TEndpoint => ({
    name: `chat/${n}`, method: "POST", url: (s) => `/api/s/${s}/chat/${n}`, realId: () => S().chat.slug, as: "participantChat",
    keys: ["itemId", "startMs", "requestId", "text", "turnId", "answer", "timeOnItemMs"], body: true,
  })),
  { name: "create study", method: "POST", url: () => "/api/studies", realId: () => "", as: "researcher", keys: ["template", "studyFile"], body: true },
  { name: "edit study", method: "PATCH", url: (id) => `/api/studies/${id}`, realId: () => S().pairwise.id, as: "researcher", keys: ["config"], body: true },
  { name: "edit draft", method: "PATCH", url: (id) => `/api/studies/${id}`, realId: () => draftId, as: "researcher", keys: ["config"], body: true },
  ...["close", "duplicate", "publish"].map((n): TEndpoint => ({ name: n, method: "POST", url: (id) => `/api/studies/${id}/${n}`, realId: () => S().pairwise.id, as: "researcher", keys: [], body: true })),
  { name: "publish draft", method: "POST", url: (id) => `/api/studies/${id}/publish`, realId: () => draftId, as: "researcher", keys: [], body: true },
  { name: "share", method: "POST", url: (id) => `/api/studies/${id}/shares`, realId: () => S().pairwise.id, as: "researcher", keys: ["email", "role"], body: true },
  { name: "share role", method: "PATCH", url: (id) => `/api/studies/${id}/shares/${w.bobId}`, realId: () => S().pairwise.id, as: "researcher", keys: ["role"], body: true },
  { name: "judge", method: "POST", url: (id) => `/api/studies/${id}/judge`, realId: () => S().listwise.id, as: "researcher", keys: ["baseUrl", "model", "apiKey", "apiKeyEnv", "prompt", "temperature", "concurrency"], body: true },
  { name: "export", method: "GET", url: (id) => `/api/studies/${id}/export`, realId: () => S().pairwise.id, as: "researcher", keys: [], body: false },
  { name: "audit", method: "GET", url: (id) => `/api/studies/${id}/audit`, realId: () => S().pairwise.id, as: "researcher", keys: [], body: false },
  { name: "progress", method: "GET", url: (id) => `/api/studies/${id}/progress`, realId: () => S().pairwise.id, as: "researcher", keys: [], body: false },
  { name: "judge export", method: "GET", url: (id) => `/api/studies/${id}/judge/${crypto.randomUUID()}/export`, realId: () => S().listwise.id, as: "researcher", keys: [], body: false },
];

const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", "\u0000", "a".repeat(300)];

/** A body that no schema accepts: wrong JSON types, hostile or unknown keys, huge strings, deep nesting, or not JSON at all. */
function hostileBody(keys: string[]): fc.Arbitrary<string> {
  const anyKey = fc.oneof(fc.constantFrom(...HOSTILE_KEYS, ...keys, "x"), fc.string({ maxLength: 12 }));
  const poisoned = fc
    .tuple(fc.dictionary(anyKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), fc.constantFrom(...HOSTILE_KEYS, "unknownField"), fc.jsonValue({ maxDepth: 2 }))
    // The hostile key is written into the JSON text itself, so "__proto__" reaches the server as an own key.
    .map(([dict, key, value]) => {
      const inner = JSON.stringify(dict).slice(1, -1);
      return `{${inner ? `${inner},` : ""}${JSON.stringify(key)}:${JSON.stringify(value)}}`;
    });
  const wrongTypes = fc
    .tuple(fc.constantFrom(...(keys.length ? keys : ["x"])), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 })))
    .map(([k, v]) => JSON.stringify({ [k]: v, __proto__x: 1 }));
  const notObject = fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), fc.string(), fc.double(), fc.boolean(), fc.constant(null)).map((v) => JSON.stringify(v));
  const notJson = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }).map((s) => `{${s}`), fc.constantFrom("{", "[1,", "undefined", "NaN", "{'a':1}", "\u0000"));
  const deep = fc.integer({ min: 500, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`);
  const huge = fc.integer({ min: 70_000, max: 300_000 }).map((n) => JSON.stringify({ [keys[0] ?? "x"]: "x".repeat(n) }));
  return fc.oneof({ arbitrary: poisoned, weight: 4 }, { arbitrary: wrongTypes, weight: 3 }, { arbitrary: notObject, weight: 2 }, { arbitrary: notJson, weight: 2 }, deep, huge);
}

/** A path id or slug that is not the real one: tampered uuids, another study's id, traversal, junk. */
function hostileId(real: () => string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant("real"),
    fc.uuid(),
    fc.integer({ min: 0, max: 35 }).map((i) => ["tamper", String(i)].join(":")),
    fc.constantFrom("..%2F..%2Fetc%2Fpasswd", "%00", "null", "undefined", "'%20or%201=1--", "a".repeat(200), "00000000-0000-0000-0000-000000000000", "%E2%80%AE", "demo"),
    fc.string({ minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(s)),
  ).map((v) => {
    const r = real();
    if (v === "real") return r;
    if (v === "demo") return r.includes("-") && r.length === 36 ? "DEMO_STUDY" : DEMO_SLUG;
    if (v.startsWith("tamper:")) {
      const i = Number(v.slice(7)) % Math.max(1, r.length);
      const c = r[i] === "f" ? "e" : r[i] === "-" ? "0" : "f";
      return r.slice(0, i) + c + r.slice(i + 1);
    }
    return v;
  });
}

const hostileQuery = fc.dictionary(
  fc.oneof(fc.constantFrom("table", "format", "limit", "__proto__", "constructor", "PROLIFIC_PID"), fc.string({ maxLength: 8 })),
  fc.oneof(fc.constantFrom("judgments", "csv", "md", "tex", "json", "config", "transcripts", "-1", "1e309", "99999999999", "0x10", "../../etc", "%"), fc.string({ maxLength: 30 })),
  { maxKeys: 4 },
).map((d) => new URLSearchParams(d).toString());

function checkProblem(status: number, ct: string, text: string, what: string): string | null {
  if (status >= 500) return `${what}: ${status} ${text.slice(0, 200)}`;
  if (status >= 400) {
    if (!ct.includes("application/problem+json")) return `${what}: ${status} with content-type ${ct}`;
    let detail: unknown;
    try {
      detail = (JSON.parse(text) as { detail?: unknown }).detail;
    } catch {
      return `${what}: ${status} body is not JSON`;
    }
    if (typeof detail !== "string" || detail.length < 5) return `${what}: ${status} problem without a message`;
  }
  return null;
}

test("fast-check over HTTP: hostile bodies, ids and query strings on every JSON endpoint → a clear 4xx, never a 5xx, nothing written", async () => {
  test.setTimeout(300_000);
  const before = await fingerprint();
  const failures: string[] = [];
  let requests = 0;
  for (const ep of ENDPOINTS) {
    const ctxFor = (): { ctx: APIRequestContext; headers: Record<string, string> } =>
      ep.as === "researcher" ? { ctx: w.alice, headers: {} } : { ctx: w.anon, headers: bearer((ep.as === "participantPair" ? pairA : chatA).token) };
    await fc.assert(
      fc.asyncProperty(ep.body ? hostileBody(ep.keys) : fc.constant(""), hostileId(ep.realId), hostileQuery, async (body, rawId, query) => {
        const id = rawId === "DEMO_STUDY" ? carolStudyId : rawId;
        const { ctx, headers } = ctxFor();
        const url = `${ep.url(id)}${query ? `?${query}` : ""}`;
        const res = await ctx.fetch(url, {
          method: ep.method,
          headers: ep.body ? { ...headers, "content-type": "application/json" } : headers,
          data: ep.body ? body : undefined,
          maxRedirects: 0,
        });
        requests++;
        const text = await bodyOf(res, `fuzz ${ep.name} ${ep.method} ${url.slice(0, 120)}`);
        const what = `${ep.name} ${ep.method} ${url.slice(0, 100)} body ${body.slice(0, 80)}`;
        const problem = checkProblem(res.status(), res.headers()["content-type"] ?? "", text, what);
        if (problem) failures.push(problem);
        // A body nothing accepts is refused whatever the path: 2xx only for bodiless reads.
        if (ep.body && res.status() < 400) failures.push(`${what}: accepted (${res.status()})`);
        // Every failure is collected (and reported together below) rather than stopping at the first.
        return true;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }
  expect(failures).toEqual([]);
  expect(requests).toBeGreaterThanOrEqual(ENDPOINTS.length * RUNS);
  expect(await fingerprint()).toBe(before);
});

/** A zip holding `entries` (name → bytes). */
async function zipOf(entries: Record<string, Uint8Array | string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(entries)) zip.file(name, data, { createFolders: false });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/** Rewrites every uncompressed-size field (local headers and central directory) to `size`: a zip whose headers lie. */
function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

async function importInto(id: string, files: Record<string, { name: string; buffer: Buffer }>) {
  const multipart: Record<string, { name: string; mimeType: string; buffer: Buffer }> = {};
  for (const [k, f] of Object.entries(files)) multipart[k] = { ...f, mimeType: "application/octet-stream" };
  const res = await w.alice.post(`/api/studies/${id}/import`, { multipart });
  return { status: res.status(), text: await bodyOf(res, `import abuse ${Object.keys(files).join(",")}`), ct: res.headers()["content-type"] ?? "" };
}

/** A raw request that declares `declared` bytes and sends only `send`: the server must answer 413 without waiting for the rest. */
function lyingUpload(pathname: string, headers: Record<string, string>, declared: number, send: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: Number(E2E_PORT), path: pathname, method: "POST", headers: { ...headers, "content-length": String(declared) } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    req.on("error", reject);
    req.write(send);
  });
}

/** A chunked upload (no length declared) of `total` bytes of a multipart body, streamed. */
function chunkedUpload(pathname: string, headers: Record<string, string>, boundary: string, field: string, total: number): Promise<{ status: number; text: string; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let stop = false;
    const req = http.request({ host: "127.0.0.1", port: Number(E2E_PORT), path: pathname, method: "POST", headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } }, (res) => {
      const sentWhenAnswered = sent;
      stop = true;
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text, sentWhenAnswered });
      });
    });
    req.on("error", (err) => (err.message.includes("EPIPE") || err.message.includes("ECONNRESET") ? undefined : reject(err)));
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="big.wav"\r\ncontent-type: audio/wav\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const pump = () => {
      while (sent < total && !stop) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!stop) req.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
  });
}

async function serverAnswers(): Promise<void> {
  const res = await w.anon.get("/api/auth/session");
  expect(res.status()).toBe(200);
}

test("imports: zip bombs (honest and lying headers), path traversal, fake audio, huge and chunked bodies → clear 4xx, nothing stored", async ({}, testInfo) => {
  test.setTimeout(300_000);
  const fixture = await writeMixAssistFixture(testInfo.outputPath("fx"), { items: 3, seconds: 1 });
  const { readFile } = await import("node:fs/promises");
  const rows = { name: "mixassist-test.jsonl", buffer: await readFile(fixture.rowsPath) };
  const outputs = { name: "qwen-ft-outputs.jsonl", buffer: await readFile(fixture.outputsPath) };
  const good = await JSZip.loadAsync(await readFile(fixture.zipPath));
  const names = Object.keys(good.files).filter((n) => !good.files[n].dir);
  const before = await fingerprint();

  // A bomb: one 80 MB entry of zeros (limit per audio file: 50 MB) deflated to well under 1 MB.
  const zeros = new Uint8Array(80 * 1024 * 1024);
  const bomb = await zipOf({ [names[0]]: zeros });
  expect(bomb.length).toBeLessThan(1024 * 1024);
  const cases: [string, Buffer, RegExp][] = [
    ["bomb", bomb, /larger than|too large|limit/i],
    // The same bomb whose headers claim 1 kB: inflation is counted as it happens.
    ["lying bomb", lieAboutSizes(bomb, 1000), /larger than|too large|limit|corrupt|invalid|could not/i],
    ["traversal ../", await zipOf({ "../../../../tmp/ms-evil.wav": "x", ...Object.fromEntries(await Promise.all(names.map(async (n) => [n, await good.files[n].async("uint8array")]))) }), /unsafe path/i],
    ["traversal absolute", await zipOf({ "/etc/ms-evil.wav": "x" }), /unsafe path/i],
    ["traversal backslash", await zipOf({ "..\\..\\ms-evil.wav": "x" }), /unsafe path/i],
    ["traversal drive", await zipOf({ "C:\\ms-evil.wav": "x" }), /unsafe path/i],
    // Every file the rows name is present, but one is text wearing a .wav name.
    ["fake audio", await zipOf(Object.fromEntries(await Promise.all(names.map(async (n, i) => [n, i === 0 ? "this is not audio at all" : await good.files[n].async("uint8array")])))), /audio|decode|not a/i],
    ["not a zip", Buffer.from("PK\u0003\u0004 but then nothing"), /zip/i],
  ];
  for (const [what, audio, message] of cases) {
    const r = await importInto(draftId, { rows, outputs, audio: { name: "audio.zip", buffer: audio } });
    expect([400, 413, 422], `${what}: ${r.status} ${r.text.slice(0, 300)}`).toContain(r.status);
    expect(r.ct, what).toContain("application/problem+json");
    expect(r.text, what).toMatch(message);
  }
  expect(readdirSync("/tmp").filter((f) => f.startsWith("ms-evil"))).toEqual([]);

  // A body declared far over the upload limit is refused from its header, before it is read.
  const boundary = "----msfuzz";
  const cookie = (await w.alice.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const declared = await lyingUpload(`/api/studies/${draftId}/import`, { cookie, "content-type": `multipart/form-data; boundary=${boundary}` }, 10 * 1024 * 1024 * 1024, Buffer.from(`--${boundary}\r\n`));
  expect(declared.status, declared.text).toBe(413);
  expect(declared.text).toMatch(/limit is \d+ MB/);
  // The participant's clip upload: the same, against the study's audio limit.
  const clipDeclared = await lyingUpload(`/api/s/${chatA.slug}/chat/upload`, { ...bearer(chatA.token), "content-type": `multipart/form-data; boundary=${boundary}` }, 2 * 1024 * 1024 * 1024, Buffer.from(`--${boundary}\r\n`));
  expect(clipDeclared.status, clipDeclared.text).toBe(413);
  // A streamed upload that declares no length and goes past the limit is cut off with 413 as well.
  // The answer comes once the limit (50 MB) is passed, long before the 300 MB are sent: nothing buffers the whole body.
  const streamed = await chunkedUpload(`/api/s/${chatA.slug}/chat/upload`, bearer(chatA.token), boundary, "file", 300 * 1024 * 1024);
  expect(streamed.status, streamed.text).toBe(413);
  expect(streamed.text).toContain("larger than the study's limit of 50 MB");
  expect(streamed.sentWhenAnswered).toBeLessThan(300 * 1024 * 1024);
  await serverAnswers();

  // Over-long JSON bodies.
  const longConsent = await w.anon.post(`/api/s/${pairA.slug}/consent`, { ...json({ consent: true, pad: "x".repeat(100_000) }), headers: { "content-type": "application/json", ...bearer(pairA.token) } });
  expect(longConsent.status()).toBe(413);
  expect(await bodyOf(longConsent, "long consent")).toContain("too large");
  const longPatch = await w.alice.patch(`/api/studies/${draftId}`, json({ config: { title: "x".repeat(400_000) } }));
  expect(longPatch.status()).toBe(413);

  // Files that claim to be audio and are not: the participant's clip upload.
  const fakeWavs: [string, Buffer][] = [
    ["text.wav", Buffer.from("these are my notes, not audio")],
    ["header-only.wav", Buffer.concat([Buffer.from("RIFF\u00ff\u00ff\u00ff\u007fWAVEfmt "), Buffer.alloc(64, 0xff)])],
    ["html.mp3", Buffer.from("<html><script>alert(1)</script></html>")],
    ["zip.flac", bomb.subarray(0, 4096)],
  ];
  for (const [name, buffer] of fakeWavs) {
    const res = await w.anon.post(`/api/s/${chatA.slug}/chat/upload`, { headers: bearer(chatA.token), multipart: { file: { name, mimeType: "audio/wav", buffer } } });
    const text = await bodyOf(res, `fake audio ${name}`);
    expect(res.status(), `${name}: ${text}`).toBe(400);
    expect(text).toMatch(/not audio we can read|audio/i);
  }
  // A real clip still goes through afterwards: the server is fine.
  const wav = await readFile(await writeWavFixture(testInfo.outputPath("ok.wav"), { seconds: 3 }));
  const ok = await w.anon.post(`/api/s/${chatA.slug}/chat/upload`, { headers: bearer(chatA.token), multipart: { file: { name: "ok.wav", mimeType: "audio/wav", buffer: wav } } });
  expect(ok.status(), await ok.text()).toBe(200);
  const after = JSON.parse(await fingerprint()) as { audio: number; states: string[] };
  const beforeJson = JSON.parse(before) as { audio: number; studies: string[]; states: string[] };
  // Nothing of the refused imports was stored; the one good clip is one more audio file and the chat's clip.
  expect((JSON.parse(await fingerprint()) as { studies: string[] }).studies).toEqual(beforeJson.studies);
  expect(after.audio).toBe(beforeJson.audio + 1);
  expect(after.states[0]).toBe(beforeJson.states[0]);
});

test("NUL bytes in paths, query strings and free text: a 4xx naming the problem, never a 500, nothing stored", async () => {
  const nulPaths = ["/s/%00", `/s/${w.studies.pairwise.slug}?PROLIFIC_PID=%00&STUDY_ID=%00&SESSION_ID=%00`, "/api/s/%00/state", "/api/audio/%00", `/studies/${w.studies.pairwise.id}%00`];
  for (const url of nulPaths) {
    const res = await w.alice.get(url, { maxRedirects: 0 });
    expect(res.status(), `${url}: ${(await bodyOf(res, `nul ${url}`)).slice(0, 200)}`).toBeLessThan(500);
  }
  const join = await w.anon.post(`/api/s/${w.studies.pairwise.slug}/join`, json({ prolificPid: "P\u0000ID" }));
  expect(join.status(), await bodyOf(join, "nul join")).toBe(400);
  // chatA has a clip (the upload test above): a message and the survey with NUL bytes in their text.
  const headers = { "content-type": "application/json", ...bearer(chatA.token) };
  const msg = await w.anon.post(`/api/s/${chatA.slug}/chat/message`, { headers, data: JSON.stringify({ requestId: crypto.randomUUID(), text: "bass\u0000heavy?" }) });
  const msgText = await bodyOf(msg, "nul message");
  expect(msg.status(), msgText.slice(0, 300)).toBe(400);
  expect(msgText).toContain("NUL character");
  const survey = await w.anon.post(`/api/s/${chatA.slug}/chat/survey`, {
    headers,
    data: JSON.stringify({ requestId: crypto.randomUUID(), answer: { naturalness: "very_natural", contribution: "slightly_more", novelty: "a_little", insights: "nul\u0000here" } }),
  });
  expect(survey.status()).toBe(400);
  expect(await bodyOf(survey, "nul survey")).toContain("NUL character");
  // Nothing was stored: the conversation has no turn and is still open.
  const state = (await (await w.anon.get(`/api/s/${chatA.slug}/state`, { headers: bearer(chatA.token) })).json()) as { step: string; chat: { turns: unknown[] } };
  expect(state.step).toBe("chat");
  expect(state.chat.turns).toEqual([]);
});
