import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FAKE_CONTENT, fakeOpenAIPerTest } from "../testing/fake-openai";
import { chatOnce, LlmError, makeChatClient, NO_API_KEY, type TChatRequest } from "./client";

const { start } = fakeOpenAIPerTest(afterEach);

const request: TChatRequest = {
  model: "judge-model",
  messages: [
    { role: "system", content: "Rank the responses." },
    { role: "user", content: "PROMPT: The kick is lost.\n\nRESPONSE A: Cut 80 Hz.\n\nRESPONSE B: Add reverb." },
  ],
  temperature: 0,
};

async function catchLlm(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LlmError) return e;
    throw e;
  }
  throw new Error("expected an LlmError");
}

describe("chatOnce against the fake server", () => {
  it("returns the reply text, latency and usage, and sends model, messages and temperature 0", async () => {
    const { url, requests } = await start({ apiKey: "sk-test" });
    const client = makeChatClient({ baseUrl: url, apiKey: "sk-test", timeoutMs: 5000 });
    const res = await chatOnce(client, request);
    expect(res.content).toBe(DEFAULT_FAKE_CONTENT);
    expect(res.latencyMs).toBeGreaterThanOrEqual(0);
    expect(res.usage?.totalTokens).toBeGreaterThan(0);
    expect(requests).toHaveLength(1);
    expect(requests[0].body).toMatchObject({ model: "judge-model", messages: request.messages, temperature: 0 });
    expect(requests[0].headers.authorization).toBe("[redacted]");
  });

  it("sends audio parts as given", async () => {
    const { url, requests } = await start();
    const client = makeChatClient({ baseUrl: url, timeoutMs: 5000 });
    const messages: TChatRequest["messages"] = [
      { role: "user", content: [{ type: "audio_url", audio_url: { url: "data:audio/wav;base64,UklGRg==" } }, { type: "text", text: "How is the kick?" }] },
    ];
    await chatOnce(client, { model: "qwen2-audio", messages });
    expect(requests[0].body).toEqual({ model: "qwen2-audio", messages });
  });

  it("maps 429 to rate_limited with retryAfterMs, without SDK retries", async () => {
    const { url, requests } = await start({ script: () => ({ status: 429, retryAfterSeconds: 3 }) });
    const err = await catchLlm(chatOnce(makeChatClient({ baseUrl: url, timeoutMs: 5000 }), request));
    expect(err).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 3000, retryable: true });
    expect(requests).toHaveLength(1);
  });

  it("maps 503 to server", async () => {
    const { url } = await start({ script: () => ({ status: 503 }) });
    const err = await catchLlm(chatOnce(makeChatClient({ baseUrl: url, timeoutMs: 5000 }), request));
    expect(err).toMatchObject({ kind: "server", status: 503 });
  });

  it("maps a hanging server to timeout", async () => {
    const { url } = await start({ script: () => ({ hang: true }) });
    const t0 = Date.now();
    const err = await catchLlm(chatOnce(makeChatClient({ baseUrl: url, timeoutMs: 300 }), request));
    expect(err.kind).toBe("timeout");
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it("maps a wrong key to auth", async () => {
    const { url } = await start({ apiKey: "right" });
    const err = await catchLlm(chatOnce(makeChatClient({ baseUrl: url, apiKey: "wrong", timeoutMs: 5000 }), request));
    expect(err).toMatchObject({ kind: "auth", status: 401, retryable: false });
  });

  it("maps a malformed request to bad_request", async () => {
    const { url } = await start();
    const err = await catchLlm(chatOnce(makeChatClient({ baseUrl: url, timeoutMs: 5000 }), { ...request, temperature: 5 }));
    expect(err).toMatchObject({ kind: "bad_request", status: 400 });
  });

  it("maps an empty reply to empty", async () => {
    const { url } = await start({ script: () => ({ empty: true }) });
    const err = await catchLlm(chatOnce(makeChatClient({ baseUrl: url, timeoutMs: 5000 }), request));
    expect(err.kind).toBe("empty");
  });

  it("maps a closed port to network", async () => {
    const { url, close } = await start();
    await close();
    const err = await catchLlm(chatOnce(makeChatClient({ baseUrl: url, timeoutMs: 5000 }), request));
    expect(err.kind).toBe("network");
  });
});

describe("makeChatClient", () => {
  it("sends a placeholder key to keyless servers and never retries by default", () => {
    const client = makeChatClient({ baseUrl: "http://localhost:11434/v1/", apiKey: "", timeoutMs: 1000 });
    expect(client.apiKey).toBe(NO_API_KEY);
    expect(client.baseURL).toBe("http://localhost:11434/v1");
    expect(client.maxRetries).toBe(0);
    expect(client.timeout).toBe(1000);
  });

  it("rejects a base URL that is not http(s)", () => {
    expect(() => makeChatClient({ baseUrl: "localhost:8000", timeoutMs: 1000 })).toThrow(/baseUrl/);
  });
});
