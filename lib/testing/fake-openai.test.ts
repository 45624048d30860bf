import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FAKE_CONTENT, fakeOpenAIPerTest } from "./fake-openai";

const { start } = fakeOpenAIPerTest(afterEach);

const chat = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const ok = { model: "judge", messages: [{ role: "user", content: "PROMPT: hi" }], temperature: 0 };

describe("startFakeOpenAI", () => {
  it("answers a chat completion with the default ranking and records the request", async () => {
    const { url, requests } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await chat(url, ok, { authorization: "Bearer sk-secret" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ object: "chat.completion", model: "judge", choices: [{ index: 0, message: { role: "assistant", content: DEFAULT_FAKE_CONTENT }, finish_reason: "stop" }] });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: ok });
    expect(requests[0].headers.authorization).toBe("[redacted]");
  });

  it("accepts audio parts and rejects malformed requests with an OpenAI-style 400", async () => {
    const { url } = await start();
    const audio = {
      model: "qwen2-audio",
      messages: [
        { role: "user", content: [{ type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } }, { type: "audio_url", audio_url: { url: "data:audio/wav;base64,UklGRg==" } }, { type: "text", text: "How is the kick?" }] },
        { role: "assistant", content: "Fine." },
      ],
    };
    expect((await chat(url, audio)).status).toBe(200);
    for (const bad of [
      "{not json",
      { messages: ok.messages },
      { model: "m", messages: [] },
      { model: "m", messages: [{ role: "robot", content: "x" }] },
      { model: "m", messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "x", format: "flac" } }] }] },
      { ...ok, temperature: "0" },
    ]) {
      const res = await chat(url, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      const body = await res.json();
      expect(body.error).toMatchObject({ type: "invalid_request_error", message: expect.any(String) });
    }
  });

  it("checks the API key when one is set", async () => {
    const { url } = await start({ apiKey: "k" });
    expect((await chat(url, ok, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await chat(url, ok, { authorization: "Bearer k" })).status).toBe(200);
  });

  it("plays a script: errors with Retry-After, empty content, call index", async () => {
    const { url } = await start({ script: (_req, i) => (i === 0 ? { status: 429, retryAfterSeconds: 2 } : i === 1 ? { status: 503 } : { empty: true }) });
    const limited = await chat(url, ok);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect((await limited.json()).error.code).toBe("rate_limit_exceeded");
    expect((await chat(url, ok)).status).toBe(503);
    expect((await (await chat(url, ok)).json()).choices[0].message.content).toBe("");
  });

  it("streams SSE chunks ending in [DONE]", async () => {
    const { url } = await start({ script: () => ({ stream: ["Cut ", "80 Hz", "."] }) });
    const text = await (await chat(url, { ...ok, stream: true })).text();
    const events = text.split("\n\n").filter(Boolean).map((e) => e.replace(/^data: /, ""));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.map((c) => c.choices[0].delta.content ?? "").join("")).toBe("Cut 80 Hz.");
    expect(chunks.at(-1).choices[0].finish_reason).toBe("stop");
    // Without stream: true the same reply comes back whole.
    expect((await (await chat(url, ok)).json()).choices[0].message.content).toBe("Cut 80 Hz.");
  });

  it("sends a usage chunk when stream_options.include_usage is set, and stalls mid-stream on request", async () => {
    const { url } = await start({ script: (_req, i) => (i === 0 ? { stream: ["a", "b"], usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } } : { stream: ["a", "b"], stallAfter: 1 }) });
    const text = await (await chat(url, { ...ok, stream: true, stream_options: { include_usage: true } })).text();
    const chunks = text.split("\n\n").filter(Boolean).map((e) => e.replace(/^data: /, "")).slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 } });
    // Stalled after one piece: the body never ends, so read just what arrived.
    const res = await chat(url, { ...ok, stream: true });
    const reader = res.body!.getReader();
    let got = "";
    while (!got.includes('"content":"a"')) got += new TextDecoder().decode((await reader.read()).value);
    expect(got).not.toContain('"content":"b"');
    expect(got).not.toContain("[DONE]");
    await reader.cancel();
  });

  it("hangs until close, which ends the hanging request", async () => {
    const f = await start({ script: () => ({ hang: true }) });
    const pending = chat(f.url, ok).then(
      () => "answered",
      () => "aborted",
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(f.requests).toHaveLength(1);
    await f.close();
    expect(await pending).toBe("aborted");
  });

  it("waits latencyMs and lists one model", async () => {
    const { url } = await start({ latencyMs: 120 });
    const t0 = Date.now();
    await chat(url, ok);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
    const models = await (await fetch(`${url}/models`)).json();
    expect(models).toMatchObject({ object: "list", data: [{ object: "model" }] });
  });
});
