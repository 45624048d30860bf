import { describe, expect, it } from "vitest";
import { BUILTIN_MODEL_NAME, DEFAULT_CHAT_SYSTEM_PROMPT, describeAssistant, shortHash, ZChatAssistant } from "./config";

describe("ZChatAssistant", () => {
  it("fills the defaults for the built-in assistant", () => {
    expect(ZChatAssistant.parse({ backend: "builtin" })).toEqual({
      backend: "builtin",
      temperature: 0.7,
      maxTokens: 512,
      firstTokenTimeoutMs: 30_000,
      totalTimeoutMs: 120_000,
      systemPrompt: DEFAULT_CHAT_SYSTEM_PROMPT,
      promptVersion: "v1",
    });
  });

  it("needs baseUrl and model for an endpoint back end, and names the missing field", () => {
    const r = ZChatAssistant.safeParse({ backend: "openai-audio" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["baseUrl", "model"]);
    expect(ZChatAssistant.safeParse({ backend: "openai-text", baseUrl: "http://127.0.0.1:11434/v1", model: "qwen2.5" }).success).toBe(true);
  });

  it("takes only the NAME of an *_API_KEY variable, never a key, and an http(s) URL", () => {
    const base = { backend: "openai-text", baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini" };
    expect(ZChatAssistant.safeParse({ ...base, apiKeyEnv: "OPENAI_API_KEY" }).success).toBe(true);
    expect(ZChatAssistant.safeParse({ ...base, apiKeyEnv: "sk-abc123" }).success).toBe(false);
    expect(ZChatAssistant.safeParse({ ...base, apiKeyEnv: "NEXTAUTH_SECRET" }).success).toBe(false);
    expect(ZChatAssistant.safeParse({ ...base, baseUrl: "file:///etc/passwd" }).success).toBe(false);
    expect(ZChatAssistant.safeParse({ ...base, temperature: 3 }).success).toBe(false);
    expect(ZChatAssistant.safeParse({ ...base, firstTokenTimeoutMs: 5000, totalTimeoutMs: 1000 }).success).toBe(false);
  });
});

describe("describeAssistant", () => {
  it("versions the prompt by its text: an edited prompt is a new version under the same label", () => {
    const a = ZChatAssistant.parse({ backend: "openai-audio", baseUrl: "http://127.0.0.1:8000/v1", model: "Qwen/Qwen2-Audio-7B-Instruct" });
    const b = ZChatAssistant.parse({ ...a, systemPrompt: `${a.systemPrompt} Be brief.` });
    expect(describeAssistant(a)).toEqual({ backend: "openai-audio", model: "Qwen/Qwen2-Audio-7B-Instruct", promptVersion: `v1+${shortHash(DEFAULT_CHAT_SYSTEM_PROMPT)}` });
    expect(describeAssistant(b).promptVersion).not.toBe(describeAssistant(a).promptVersion);
    expect(describeAssistant(b).promptVersion.startsWith("v1+")).toBe(true);
    expect(describeAssistant(ZChatAssistant.parse({})).model).toBe(BUILTIN_MODEL_NAME);
    // Facts in an audio model's prompt change what it reads: a different version.
    expect(describeAssistant({ ...a, factsInPrompt: true }).promptVersion).toBe(`${describeAssistant(a).promptVersion}+facts`);
    expect(describeAssistant({ ...a, factsInPrompt: false }).promptVersion).toBe(describeAssistant(a).promptVersion);
  });

  it("shortHash is FNV-1a 32: known vectors", () => {
    // Published FNV-1a 32-bit test vectors.
    expect(shortHash("")).toBe("811c9dc5");
    expect(shortHash("a")).toBe("e40c292c");
    expect(shortHash("foobar")).toBe("bf9cf968");
  });
});
