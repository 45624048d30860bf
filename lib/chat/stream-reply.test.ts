// Integration: each assistant back end against the local fake OpenAI-compatible server on 127.0.0.1,
// checking the exact request sent and every failure mode's ChatReplyError.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import decode from "audio-decode";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { writeAudioFile } from "@/db/queries/audio/store-audio";
import { builtinChatReply } from "@/lib/assistant/builtin-chat";
import { BUILTIN_ASSISTANT_LABEL } from "@/lib/assistant/builtin";
import { computeAudioFacts, type TAudioFacts } from "@/lib/audio/facts";
import { encodeWav } from "@/lib/audio/wav";
import { resetEnvCache } from "@/lib/env";
import { fakeOpenAIPerTest, type TFakeReply, type TRecordedRequest } from "@/lib/testing/fake-openai";
import { ZChatAssistant, type TChatAssistantInput } from "./config";
import { ChatReplyError, prepareModelWindow, streamAssistantReply, type TChatReplyEvent, type TStreamReplyArgs } from "./stream-reply";

const fakes = fakeOpenAIPerTest(afterEach);
const KEY_ENV = "MIXSTUDY_FAKE_CHAT_API_KEY";
const KEY = "sk-fake-chat-0123456789";

function tone(sampleRate: number, freq: number, seconds: number, amp: number): Float32Array {
  const x = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / sampleRate);
  return x;
}

// A 70 s stereo clip at 44.1 kHz: 440 Hz for 40 s, then 1 kHz.
const SR = 44100;
const clipPcm = (() => {
  const a = tone(SR, 440, 40, 0.4);
  const b = tone(SR, 1000, 30, 0.4);
  const l = new Float32Array(a.length + b.length);
  l.set(a);
  l.set(b, a.length);
  return { sampleRate: SR, channels: [l, l.slice()] };
})();
const clipWav = encodeWav(clipPcm);
const clipHash = createHash("sha256").update(clipWav).digest("hex");
let facts: TAudioFacts;
let dataDir = "";

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-chat-"));
  process.env.MIXSTUDY_DATA_DIR = dataDir;
  resetEnvCache();
  writeAudioFile(clipHash, clipWav);
  facts = computeAudioFacts(clipPcm);
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  delete process.env.MIXSTUDY_DATA_DIR;
  delete process.env[KEY_ENV];
  resetEnvCache();
});

const conversation: TStreamReplyArgs["messages"] = [
  { role: "user", content: "How does my mix sound?" },
  { role: "assistant", content: "The vocal is a little buried." },
  { role: "user", content: "How much should I raise it?" },
];

async function collect(gen: AsyncGenerator<TChatReplyEvent>): Promise<{ text: string; deltas: number; done: TChatReplyEvent | undefined; error: unknown }> {
  let text = "";
  let deltas = 0;
  let done: TChatReplyEvent | undefined;
  try {
    for await (const ev of gen) {
      if (ev.type === "delta") {
        text += ev.text;
        deltas++;
      } else done = ev;
    }
  } catch (e) {
    return { text, deltas, done, error: e };
  }
  return { text, deltas, done, error: null };
}

async function endpoint(reply: TFakeReply | ((req: TRecordedRequest, i: number) => TFakeReply), assistant: Partial<TChatAssistantInput> = {}) {
  process.env[KEY_ENV] = KEY;
  const fake = await fakes.start({ apiKey: KEY, script: typeof reply === "function" ? reply : () => reply });
  const parsed = ZChatAssistant.parse({ backend: "openai-audio", baseUrl: fake.url, model: "Qwen/Qwen2-Audio-7B-Instruct", apiKeyEnv: KEY_ENV, temperature: 0.3, maxTokens: 300, ...assistant });
  return { fake, assistant: parsed };
}

type TSentMessage = { role: string; content: string | { type: string; text?: string; input_audio?: { data: string; format: string } }[] };

describe("openai-audio back end", () => {
  it("sends the 30 s window once, as 16 kHz mono WAV in the first user turn, streams the reply and reports usage", async () => {
    const { fake, assistant } = await endpoint({ stream: ["Raise it ", "by 2 dB ", "around 3 kHz."], usage: { prompt_tokens: 812, completion_tokens: 9 } });
    const out = await collect(streamAssistantReply({ assistant, facts, clip: { hash: clipHash, windowStartMs: 35_000 }, messages: conversation, genre: "indie rock" }));
    expect(out.error).toBeNull();
    expect(out.text).toBe("Raise it by 2 dB around 3 kHz.");
    expect(out.deltas).toBe(3);
    expect(out.done).toEqual({ type: "done", usage: { promptTokens: 812, completionTokens: 9 } });

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0];
    expect(req.path).toBe("/v1/chat/completions");
    const body = req.body as { model: string; temperature: number; max_tokens: number; stream: boolean; stream_options: unknown; messages: TSentMessage[] };
    expect(body).toMatchObject({ model: "Qwen/Qwen2-Audio-7B-Instruct", temperature: 0.3, max_tokens: 300, stream: true, stream_options: { include_usage: true } });
    expect(body.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(body.messages[0].content).toContain(assistant.systemPrompt);
    expect(body.messages[0].content).toContain("indie rock");
    expect(body.messages[0].content).not.toContain("LUFS"); // by default an audio model hears the clip instead of reading numbers
    // Exactly one audio part in the whole request, first in the first user turn, followed by the text.
    const parts = body.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
    expect(parts.filter((p) => p.type === "input_audio")).toHaveLength(1);
    const first = body.messages[1].content as Exclude<TSentMessage["content"], string>;
    expect(first.map((p) => p.type)).toEqual(["input_audio", "text"]);
    expect(first[1].text).toBe("How does my mix sound?");
    expect(body.messages[2].content).toBe("The vocal is a little buried.");
    expect(body.messages[3].content).toBe("How much should I raise it?");
    // The audio: base64 WAV, 16 kHz, mono, exactly the 30 s window from 35 s (5 s of 440 Hz, then 1 kHz).
    expect(first[0].input_audio!.format).toBe("wav");
    const wav = Buffer.from(first[0].input_audio!.data, "base64");
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    const decoded = await decode(new Uint8Array(wav));
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.channelData).toHaveLength(1);
    expect(decoded.channelData[0].length).toBe(30 * 16000);
    const zeroCrossingsPerSecond = (x: Float32Array) => {
      let n = 0;
      for (let i = 1; i < x.length; i++) if ((x[i - 1] < 0) !== (x[i] < 0)) n++;
      return n / (x.length / 16000);
    };
    // A sine of f Hz crosses zero 2f times a second.
    expect(zeroCrossingsPerSecond(decoded.channelData[0].subarray(16000, 4 * 16000)) / 2).toBeCloseTo(440, -1);
    expect(zeroCrossingsPerSecond(decoded.channelData[0].subarray(6 * 16000, 29 * 16000)) / 2).toBeCloseTo(1000, -1);
  });

  it("can send vLLM's audio_url data URL instead, and the facts as well when asked", async () => {
    const { fake, assistant } = await endpoint({ stream: ["Ok."] }, { audioPart: "audio_url", factsInPrompt: true });
    const out = await collect(streamAssistantReply({ assistant, facts, clip: { hash: clipHash, windowStartMs: 0 }, messages: conversation }));
    expect(out.text).toBe("Ok.");
    const body = fake.requests[0].body as { messages: { role: string; content: string | { type: string; audio_url?: { url: string } }[] }[] };
    const parts = body.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : []));
    expect(parts.map((p) => p.type)).toEqual(["audio_url", "text"]);
    expect(parts[0].audio_url!.url.startsWith("data:audio/wav;base64,UklGR")).toBe(true); // "RIFF" in base64
    expect(body.messages[0].content).toContain(`${facts.integratedLufs!.toFixed(1)} LUFS`);
  });

  it("a clip whose file is missing fails as 'audio' without calling the endpoint; prepareModelWindow warms the window", async () => {
    const { fake, assistant } = await endpoint({ stream: ["Ok."] });
    const out = await collect(streamAssistantReply({ assistant, facts, clip: { hash: "e".repeat(64), windowStartMs: 0 }, messages: conversation }));
    expect((out.error as ChatReplyError).kind).toBe("audio");
    expect((out.error as ChatReplyError).retryable).toBe(true);
    expect(fake.requests).toHaveLength(0);
    await expect(prepareModelWindow({ hash: "e".repeat(64), windowStartMs: 0 })).rejects.toThrow();
    await prepareModelWindow({ hash: clipHash, windowStartMs: 10_000 });
    expect((await collect(streamAssistantReply({ assistant, facts, clip: { hash: clipHash, windowStartMs: 10_000 }, messages: conversation }))).text).toBe("Ok.");
  });

  it("sends plain text turns when the conversation has no clip", async () => {
    const { fake, assistant } = await endpoint({ stream: ["Sure."] });
    const out = await collect(streamAssistantReply({ assistant, facts: null, clip: null, messages: [{ role: "user", content: "Hi" }] }));
    expect(out.text).toBe("Sure.");
    const body = fake.requests[0].body as { messages: TSentMessage[] };
    expect(body.messages.every((m) => typeof m.content === "string")).toBe(true);
  });
});

describe("openai-text back end", () => {
  it("puts the measured facts in the system prompt and sends no audio", async () => {
    const { fake, assistant } = await endpoint({ stream: ["At ", "-12 LUFS ", "you are fine."] }, { backend: "openai-text", model: "llama3.1:8b" });
    const out = await collect(streamAssistantReply({ assistant, facts, clip: { hash: clipHash, windowStartMs: 0 }, messages: conversation }));
    expect(out.error).toBeNull();
    expect(out.text).toBe("At -12 LUFS you are fine.");
    const body = fake.requests[0].body as { model: string; messages: TSentMessage[] };
    expect(body.model).toBe("llama3.1:8b");
    expect(body.messages.every((m) => typeof m.content === "string")).toBe(true);
    expect(JSON.stringify(body)).not.toContain("input_audio");
    const system = body.messages[0].content as string;
    expect(body.messages[0].role).toBe("system");
    // Two tones at 0.4 in both channels: -10.97 dBFS RMS per channel plus the 3 dB for two channels ≈ -8 LUFS; whatever
    // it is, the prompt states the measured number with its unit.
    expect(system).toContain(`${facts.integratedLufs!.toFixed(1)} LUFS`);
    expect(system).toContain(`${facts.truePeakDbtp!.toFixed(1)} dBTP`);
    expect(system).toContain("70.0 s, 44100 Hz");
    expect(system).toContain("Stereo correlation: 1.00");
  });
});

describe("failures", () => {
  const args = (assistant: TStreamReplyArgs["assistant"]): TStreamReplyArgs => ({ assistant, facts, clip: null, messages: [{ role: "user", content: "Hello?" }] });

  const cases: { name: string; reply: TFakeReply; kind: string; retryable: boolean; opts?: Partial<TChatAssistantInput> }[] = [
    { name: "a 500 from the endpoint", reply: { status: 500 }, kind: "endpoint", retryable: true },
    { name: "a 429 rate limit", reply: { status: 429, retryAfterSeconds: 1 }, kind: "rate_limited", retryable: true },
    { name: "an empty reply", reply: { empty: true }, kind: "empty", retryable: true },
    { name: "a stall before the first token", reply: { stream: ["never"], stallAfter: 0 }, kind: "first_token_timeout", retryable: true, opts: { firstTokenTimeoutMs: 150, totalTimeoutMs: 60_000 } },
    { name: "a stall after the first token", reply: { stream: ["Half ", "never"], stallAfter: 1 }, kind: "total_timeout", retryable: true, opts: { firstTokenTimeoutMs: 200, totalTimeoutMs: 400 } },
    { name: "a server that never answers at all", reply: { hang: true }, kind: "first_token_timeout", retryable: true, opts: { firstTokenTimeoutMs: 150, totalTimeoutMs: 60_000 } },
  ];
  for (const c of cases) {
    it(`${c.name} → ChatReplyError ${c.kind}, retryable ${c.retryable}, with a participant-safe message`, async () => {
      const { fake, assistant } = await endpoint(c.reply, c.opts);
      const out = await collect(streamAssistantReply(args(assistant)));
      expect(out.error).toBeInstanceOf(ChatReplyError);
      const e = out.error as ChatReplyError;
      expect(e.kind).toBe(c.kind);
      expect(e.retryable).toBe(c.retryable);
      expect(out.done).toBeUndefined();
      // Nothing about the endpoint reaches the participant.
      expect(e.message).not.toMatch(/127\.0\.0\.1|Qwen|http|sk-|500|429/);
      expect(fake.requests).toHaveLength(1);
      if (c.kind === "total_timeout") expect(out.text).toBe("Half ");
    });
  }

  it("a wrong key (401) is not retryable; the key comes from the named environment variable", async () => {
    const { assistant } = await endpoint({ stream: ["ok"] });
    process.env[KEY_ENV] = "sk-wrong";
    const out = await collect(streamAssistantReply(args(assistant)));
    expect((out.error as ChatReplyError).kind).toBe("endpoint");
    expect((out.error as ChatReplyError).retryable).toBe(false);
    expect((out.error as ChatReplyError).message).toMatch(/tell the researcher/);
    expect((out.error as ChatReplyError).detail).toMatch(/401/);
    process.env[KEY_ENV] = KEY;
    expect((await collect(streamAssistantReply(args(assistant)))).text).toBe("ok");
  });

  it("an unset key variable fails as a configuration error without calling the endpoint", async () => {
    const { fake, assistant } = await endpoint({ stream: ["ok"] });
    delete process.env[KEY_ENV];
    const out = await collect(streamAssistantReply(args(assistant)));
    expect((out.error as ChatReplyError).kind).toBe("config");
    expect((out.error as ChatReplyError).retryable).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });

  it("the caller's stop ends the stream mid-reply with an 'aborted' error and what arrived so far", async () => {
    const { assistant } = await endpoint({ stream: ["One ", "two ", "three ", "four"], chunkDelayMs: 200 });
    const stop = new AbortController();
    const gen = streamAssistantReply({ ...args(assistant), signal: stop.signal });
    let text = "";
    let error: unknown = null;
    try {
      for await (const ev of gen) {
        if (ev.type === "delta") {
          text += ev.text;
          stop.abort();
        }
      }
    } catch (e) {
      error = e;
    }
    expect(text).toBe("One ");
    expect((error as ChatReplyError).kind).toBe("aborted");
    expect((error as ChatReplyError).retryable).toBe(true);
  });
});

describe("builtin back end", () => {
  const assistant = ZChatAssistant.parse({ backend: "builtin" });

  it("streams the rule-based advice in several small chunks, without telling the participant it is the baseline", async () => {
    const messages = [{ role: "user" as const, content: "How is my mix?" }];
    const out = await collect(streamAssistantReply({ assistant, facts, clip: { hash: clipHash, windowStartMs: 0 }, messages }));
    expect(out.error).toBeNull();
    expect(out.text).toBe(builtinChatReply({ facts, messages }));
    expect(out.text).not.toContain(BUILTIN_ASSISTANT_LABEL);
    expect(out.text).toContain(`${facts.integratedLufs!.toFixed(1)} LUFS`);
    expect(out.deltas).toBeGreaterThan(5);
    expect(out.done).toEqual({ type: "done", usage: null });
  });

  it("stops when the caller aborts", async () => {
    const stop = new AbortController();
    let deltas = 0;
    let error: unknown = null;
    try {
      for await (const ev of streamAssistantReply({ assistant, facts, clip: null, messages: [{ role: "user", content: "How is my mix?" }], signal: stop.signal })) {
        if (ev.type === "delta" && ++deltas === 2) stop.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(deltas).toBe(2);
    expect((error as ChatReplyError).kind).toBe("aborted");
  });

  it("refuses a conversation whose last message is not the participant's", async () => {
    const out = await collect(streamAssistantReply({ assistant, facts, clip: null, messages: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }] }));
    expect((out.error as ChatReplyError).kind).toBe("config");
  });
});
