// The chat participant API through route(): clip upload, streamed replies stored turn by turn, idempotent messages,
// limits, cross-participant refusal, model failures (error, empty, stall) that leave the chat usable, retry and stop.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { chatTurns, conversations, judgments } from "@/db/schema";
import { DB_KINDS, useFreshDatabase } from "@/db/testing/test-db";
import { startFakeOpenAI, type TFakeOpenAI, type TFakeReply } from "@/lib/testing/fake-openai";
import { chatConfig, chatParticipant, liveChatStudy, wavClip } from "./test-fixtures";

const SURVEY = { naturalness: "somewhat_natural", contribution: "slightly_less", novelty: "a_little", insights: "It measured my mix." };

async function turnsOf(participantId: string) {
  const db = await getDb();
  const [c] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.participantId, participantId));
  return db.select().from(chatTurns).where(eq(chatTurns.conversationId, c.id)).orderBy(chatTurns.seq);
}

describe.each(DB_KINDS)("chat routes on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let fake: TFakeOpenAI | undefined;
  beforeEach(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
  });
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await cleanup?.();
  });

  it("built-in assistant: upload, three streamed exchanges stored with timing, idempotent requestId, survey once", async () => {
    const study = await liveChatStudy(chatConfig());
    const p = await chatParticipant(study.slug, "Expert");
    const s0 = await p.state();
    expect(s0.step).toBe("chat");
    expect(s0.chat.clip).toBeNull();
    expect((await p.send("hello")).res.status).toBe(409); // no clip yet

    const bad = await p.upload(Buffer.from("this is not audio at all, just text"), "notes.txt");
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toMatch(/not audio we can read/);
    const up = await p.upload(wavClip(3));
    expect(up.status).toBe(200);
    const s1 = await up.json();
    expect(s1.chat.clip.url).toMatch(/^\/api\/audio\/[a-f0-9]{64}$/);
    expect(s1.chat.clip.facts.durationS).toBeCloseTo(3, 1);
    expect(s1.chat.remainingSeconds).toBeGreaterThan(290);
    expect(s1.chat.hearsAudioWindow).toBe(false);

    const first = await p.send("How is my low end?");
    expect(first.res.headers.get("content-type")).toContain("text/event-stream");
    expect(first.events.map((e) => e.type)).toEqual(expect.arrayContaining(["user", "start", "delta", "done"]));
    const done = first.events.at(-1)!;
    if (done.type !== "done") throw new Error("no done");
    expect(done.turn.status).toBe("complete");
    expect(done.turn.content.length).toBeGreaterThan(20);
    expect(first.events.filter((e) => e.type === "delta").map((e) => (e.type === "delta" ? e.text : "")).join("")).toBe(done.turn.content);

    // The same requestId again: the stored exchange, no new turns.
    const again = await p.send("How is my low end?", first.requestId);
    expect(again.events.map((e) => e.type)).toEqual(["user", "done"]);
    await p.send("And the vocals?");
    await p.send("Anything about stereo width?");
    const turns = await turnsOf(p.participantId);
    expect(turns.map((t) => `${t.seq}:${t.role}:${t.status}`)).toEqual([
      "1:user:complete", "2:assistant:complete", "3:user:complete", "4:assistant:complete", "5:user:complete", "6:assistant:complete",
    ]);
    const a = turns[1];
    expect(a).toMatchObject({ backend: "builtin", model: "builtin-rules", clipHash: s1.chat.clip.url.split("/").pop() });
    expect(a.promptVersion).toMatch(/^v1\+[0-9a-f]{8}$/);
    expect(a.latencyFirstMs).toBeGreaterThanOrEqual(0);
    expect(a.latencyLastMs).toBeGreaterThanOrEqual(a.latencyFirstMs!);
    expect(a.firstTokenAt).not.toBeNull();

    // State resumes the conversation, and names no back end or model.
    const s2 = await p.state();
    expect(s2.chat.turns).toHaveLength(6);
    expect(JSON.stringify(s2)).not.toMatch(/builtin|rules|promptVersion|backend/i);

    // The clip and window cannot change once chatting started.
    expect((await p.upload(wavClip(2, 9))).status).toBe(409);
    expect((await p.post("window", { startMs: 1000 })).status).toBe(409);

    const fin = await (await p.post("finish", {})).json();
    expect(fin.step).toBe("survey");
    expect(fin.survey.novelty.options.map((o: { label: string }) => o.label)).toEqual(["Not at all", "A little", "Somewhat", "Definitely"]);
    expect((await p.send("one more")).res.status).toBe(409);
    const requestId = crypto.randomUUID();
    const bad1 = await p.post("survey", { requestId, answer: { ...SURVEY, novelty: "maybe" } });
    expect(bad1.status).toBe(400);
    expect((await bad1.json()).detail).toMatch(/answer\.novelty/);
    const s3 = await (await p.post("survey", { requestId, answer: SURVEY })).json();
    expect(s3.step).toBe("done");
    const s4 = await p.post("survey", { requestId, answer: SURVEY }); // double submit
    expect(s4.status).toBe(200);
    const db = await getDb();
    const stored = await db.select().from(judgments).where(eq(judgments.participantId, p.participantId));
    expect(stored).toHaveLength(1);
    expect(stored[0].payload).toEqual(SURVEY);
  });

  it("length limit, rate limit, and one participant cannot reach another's conversation", async () => {
    const study = await liveChatStudy(chatConfig({ backend: "builtin" }, { maxUserMessageChars: 50, maxMessagesPerMinute: 3 }));
    const p = await chatParticipant(study.slug);
    const q = await chatParticipant(study.slug);
    await p.upload(wavClip(2));
    await q.upload(wavClip(2, 5));
    const long = await p.send("x".repeat(51));
    expect(long.res.status).toBe(400);
    expect((await long.res.json()).detail).toBe("Invalid body: text: your message has 51 characters; the limit is 50.");
    for (let i = 0; i < 3; i++) expect((await p.send(`question ${i}`)).res.status).toBe(200);
    const limited = await p.send("one too many");
    expect(limited.res.status).toBe(429);
    expect((await limited.res.json()).detail).toMatch(/at most 3 per minute/);
    expect((await turnsOf(p.participantId)).filter((t) => t.role === "user")).toHaveLength(3);

    // q retries p's reply by its id: not found in q's conversation; q's state has none of p's turns.
    const pTurns = await turnsOf(p.participantId);
    const res = await q.post("retry", { turnId: pTurns[1].id });
    expect(res.status).toBe(404);
    expect((await q.state()).chat.turns).toEqual([]);
    // A token of another study is refused outright.
    const other = await liveChatStudy(chatConfig());
    const stranger = await chatParticipant(other.slug);
    const cross = await routesWithToken(study.slug, stranger.token);
    expect(cross.status).toBe(401);
  });

  it("openai-text back end: error, empty and stalled replies are failed turns; the chat goes on; retry completes; stop keeps partial text", async () => {
    const plan: TFakeReply[] = [{ status: 500 }, { empty: true }, { hang: true }, { stream: ["Cut ", "200 Hz ", "by 3 dB."] }, { stream: ["Try a ", "gentle ", "high shelf."] }];
    fake = await startFakeOpenAI({ script: (_req, i) => plan[i] ?? { stream: ["ok"] } });
    const study = await liveChatStudy(chatConfig({ backend: "openai-text", baseUrl: fake.url, model: "fake-model", firstTokenTimeoutMs: 400, totalTimeoutMs: 800 }));
    const p = await chatParticipant(study.slug);
    await p.upload(wavClip(2));

    const failed = await p.send("Is it muddy?");
    const f = failed.events.at(-1)!;
    if (f.type !== "done") throw new Error("no done");
    expect(f.turn.status).toBe("failed");
    expect(f.turn.error).toMatch(/Press Retry/);
    expect(JSON.stringify(failed.events)).not.toContain(fake.url);

    const r1 = await p.post("retry", { turnId: f.turn.id });
    const empty = (await import("./sse")).parseSse(await r1.text()).at(-1)!;
    if (empty.type !== "done") throw new Error("no done");
    expect(empty.turn.status).toBe("failed");
    expect(empty.turn.error).toBe("The assistant gave no answer. Press Retry to ask again.");

    const r2 = await p.post("retry", { turnId: empty.turn.id });
    const stalled = (await import("./sse")).parseSse(await r2.text()).at(-1)!;
    if (stalled.type !== "done") throw new Error("no done");
    expect(stalled.turn.status).toBe("failed");
    expect(stalled.turn.error).toBe("The assistant took too long to answer. Press Retry to ask again.");

    const r3 = await p.post("retry", { turnId: stalled.turn.id });
    const ok = (await import("./sse")).parseSse(await r3.text()).at(-1)!;
    if (ok.type !== "done") throw new Error("no done");
    expect(ok.turn).toMatchObject({ status: "complete", content: "Cut 200 Hz by 3 dB." });
    // Retrying an already retried reply returns the newer one instead of asking again.
    const r4 = await p.post("retry", { turnId: stalled.turn.id });
    expect((await import("./sse")).parseSse(await r4.text()).map((e) => e.type)).toEqual(["done"]);

    const turns = await turnsOf(p.participantId);
    expect(turns.map((t) => `${t.role}:${t.status}`)).toEqual(["user:complete", "assistant:failed", "assistant:failed", "assistant:failed", "assistant:complete"]);
    expect(turns[1].error).toMatch(/500|server|error/i);
    expect(turns[4]).toMatchObject({ backend: "openai-text", model: "fake-model" });
    expect(turns[4].completionTokens === null || turns[4].completionTokens > 0).toBe(true);
    // The model was given the conversation without the failed replies.
    const last = fake.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
    expect(last.messages.filter((m) => m.role !== "system").map((m) => m.role)).toEqual(["user"]);

    // Stop: a slow stream is stopped by the participant; the partial text is kept as stopped.
    await fake.close();
    fake = await startFakeOpenAI({ script: () => ({ stream: ["Partial ", "advice", " that never arrives"], chunkDelayMs: 2000 }) });
    const slowStudy = await liveChatStudy(chatConfig({ backend: "openai-text", baseUrl: fake.url, model: "fake-model", firstTokenTimeoutMs: 5000, totalTimeoutMs: 20000 }));
    for (const how of ["stop button", "client gone"] as const) {
      const s = await chatParticipant(slowStudy.slug);
      await s.upload(wavClip(2));
      const controller = new AbortController();
      const res = await s.post("message", { requestId: crypto.randomUUID(), text: "Any tips?" }, controller.signal);
      const reader = res.body!.getReader();
      let text = "";
      while (!text.includes("event: delta")) text += new TextDecoder().decode((await reader.read()).value);
      if (how === "stop button") {
        const after = await (await s.post("stop", {})).json();
        expect(after.chat.turns[1]).toMatchObject({ status: "stopped", content: "Partial " });
        expect(after.chat.replyInProgress).toBeNull();
      } else {
        await reader.cancel();
        controller.abort();
      }
      let stopped = (await turnsOf(s.participantId))[1];
      for (let i = 0; i < 100 && stopped.status === "streaming"; i++) {
        await new Promise((r) => setTimeout(r, 20));
        stopped = (await turnsOf(s.participantId))[1];
      }
      expect(stopped).toMatchObject({ status: "stopped", content: "Partial " });
      expect(stopped.finishedAt).not.toBeNull();
      // The conversation goes on after a stop: retry asks again.
      const again = await s.post("retry", { turnId: stopped.id });
      expect(again.status).toBe(200);
      await again.body?.cancel();
      for (let i = 0; i < 100 && (await turnsOf(s.participantId)).some((t) => t.status === "streaming"); i++) await new Promise((r) => setTimeout(r, 20));
      expect((await turnsOf(s.participantId)).map((t) => t.status)).toEqual(["complete", "stopped", "stopped"]);
    }
  });
});

async function routesWithToken(slug: string, token: string) {
  const { routes } = await import("./test-fixtures");
  return routes.message(
    new Request(`http://127.0.0.1:3000/api/s/${slug}/chat/message`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ requestId: crypto.randomUUID(), text: "hi" }) }),
    { params: Promise.resolve({ slug }) },
  );
}

describe.each(DB_KINDS)("chat provided clips on %s", (kind) => {
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
  });
  afterEach(async () => {
    await cleanup?.();
  });

  it("imports provided clips (no candidates), lists them to participants, and a choice starts the clock", async () => {
    const { createStudy } = await import("@/db/queries/studies/create-study");
    const { importItems } = await import("@/db/queries/items/import-items");
    const { publishStudy } = await import("@/db/queries/studies/update-study");
    const { newResearcher } = await import("@/db/testing/study-fixtures");
    const { prepareChatImport } = await import("./import");
    const r = await newResearcher("clips");
    const study = await createStudy({ researcherId: r.id, config: chatConfig() });
    const bad = prepareChatImport({ rows: { name: "clips.jsonl", text: '{"id":"a","audio_file":"a.wav"}\n{"id":"a","audio_file":"b.wav"}\n' }, outputs: null, audio: new Map([["a.wav", wavClip(1)], ["b.wav", wavClip(1, 2)]]) }, { audioMaxBytes: 1e7 });
    await expect(bad).rejects.toThrow();
    const prepared = await prepareChatImport({ rows: { name: "clips.jsonl", text: '{"id":"a","audio_file":"a.wav","title":"Demo A"}\n{"id":"b","audio_file":"b.wav"}\n' }, outputs: null, audio: new Map([["a.wav", wavClip(1)], ["b.wav", wavClip(1, 2)]]) }, { audioMaxBytes: 1e7 });
    await importItems({ studyId: study.id, researcherId: r.id, prepared });
    await publishStudy({ studyId: study.id, researcherId: r.id });
    const p = await chatParticipant(study.slug);
    const s = await p.state();
    expect(s.chat.providedClips.map((c: { label: string }) => c.label)).toEqual(["Clip 1: Demo A", "Clip 2: b"]);
    expect((await p.post("clip", { itemId: crypto.randomUUID() })).status).toBe(404);
    const chosen = await (await p.post("clip", { itemId: s.chat.providedClips[0].id })).json();
    expect(chosen.chat.clip.url).toBe(s.chat.providedClips[0].url);
    expect(chosen.chat.clip.facts.durationS).toBeCloseTo(1, 1);
    expect(chosen.chat.remainingSeconds).toBeGreaterThan(295);
    expect((await p.send("hi")).events.at(-1)).toMatchObject({ type: "done", turn: { status: "complete" } });
  });
});

describe.each(DB_KINDS)("chat clock on %s", (kind) => {
  let cleanup: () => Promise<void>;
  let fake: TFakeOpenAI | undefined;
  beforeEach(async () => {
    ({ cleanup } = await useFreshDatabase(kind));
  });
  afterEach(async () => {
    await fake?.close();
    await cleanup?.();
  });

  it("after the deadline the reply in progress finishes, then the survey follows and no message is accepted", async () => {
    fake = await startFakeOpenAI({ script: () => ({ stream: ["Still ", "answering ", "after the deadline."], chunkDelayMs: 300 }) });
    const study = await liveChatStudy(chatConfig({ backend: "openai-text", baseUrl: fake.url, model: "fake-model" }));
    const p = await chatParticipant(study.slug);
    await p.upload(wavClip(2));
    const res = await p.post("message", { requestId: crypto.randomUUID(), text: "Quick question" });
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("event: delta")) text += new TextDecoder().decode((await reader.read()).value);
    // The clock runs out while the reply is still streaming (moved in the database, not waited for): the state stays on the chat.
    await (await getDb()).update(conversations).set({ deadlineAt: new Date(Date.now() - 1000) }).where(eq(conversations.participantId, p.participantId));
    const during = await p.state();
    expect(during.step).toBe("chat");
    expect(during.chat.replyInProgress).not.toBeNull();
    expect(during.chat.remainingSeconds).toBe(0);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('"status":"complete"');
    expect(text).toContain("after the deadline.");
    const after = await p.state();
    expect(after.step).toBe("survey");
    const late = await p.send("one more?");
    expect(late.res.status).toBe(409);
    expect((await late.res.json()).detail).toMatch(/chat has ended|time is up/);
  });
});
