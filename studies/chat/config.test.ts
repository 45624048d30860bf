import { describe, expect, it } from "vitest";
import { describeAssistant } from "@/lib/chat/config";
import { loadTemplate, parseStudyFile } from "../registry";

describe("chat study file", () => {
  it("the template parses with the paper's survey and the built-in assistant", () => {
    const c = loadTemplate("mixassist-live-chat");
    if (c.mode !== "chat") throw new Error("not chat");
    expect(c.design.roundsPerParticipant).toBe(1);
    expect(c.chat).toEqual({ timeBudgetMinutes: 5, maxUserMessageChars: 2000, maxMessagesPerMinute: 10, allowUpload: true, allowProvidedClips: true, maxClipSeconds: 600, windowSeconds: 30 });
    expect(c.survey.naturalness.labels).toEqual(["Very unnatural", "Somewhat unnatural", "Somewhat natural", "Very natural"]);
    expect(c.survey.contribution.labels).toEqual(["Significantly less", "Slightly less", "Slightly more", "Significantly more"]);
    expect(c.survey.novelty.labels).toEqual(["Not at all", "A little", "Somewhat", "Definitely"]);
    expect(c.survey.novelty.question).toBe("Did the agent suggest musical ideas that you wouldn't have thought of yourself?");
    expect(describeAssistant(c.assistant).backend).toBe("builtin");
  });

  it("a minimal chat file gets every default; the commented vLLM example parses", () => {
    const min = parseStudyFile("mode: chat\ntitle: t\ntexts: {consent: c, instructions: i}\ncompletion: {code: X}\n");
    if (!min.ok || min.config.mode !== "chat") throw new Error(min.ok ? "mode" : min.error);
    expect(min.config.assistant.backend).toBe("builtin");
    expect(min.config.chat.timeBudgetMinutes).toBe(5);
    expect(min.config.survey.naturalness.question).toBe("How natural did the conversation with the agent feel?");
    const vllm = parseStudyFile(
      "mode: chat\ntitle: t\ntexts: {consent: c, instructions: i}\ncompletion: {code: X}\nassistant:\n  backend: openai-audio\n  baseUrl: http://127.0.0.1:8000/v1\n  model: Qwen/Qwen2-Audio-7B-Instruct\n  apiKeyEnv: VLLM_API_KEY\n",
    );
    if (!vllm.ok || vllm.config.mode !== "chat") throw new Error(vllm.ok ? "mode" : vllm.error);
    expect(describeAssistant(vllm.config.assistant)).toMatchObject({ backend: "openai-audio", model: "Qwen/Qwen2-Audio-7B-Instruct" });
  });

  it("names the field of a bad chat file", () => {
    expect(parseStudyFile("mode: chat\ntitle: t\ntexts: {consent: c, instructions: i}\ncompletion: {code: X}\nassistant: {backend: openai-text}\n")).toEqual({
      ok: false,
      error: 'study file field "assistant.baseUrl": required for the openai-text back end',
    });
    const rounds = parseStudyFile("mode: chat\ntitle: t\ntexts: {consent: c, instructions: i}\ncompletion: {code: X}\ndesign: {roundsPerParticipant: 3, judgmentsPerItem: null}\n");
    expect(rounds.ok).toBe(false);
    const labels = parseStudyFile("mode: chat\ntitle: t\ntexts: {consent: c, instructions: i}\ncompletion: {code: X}\nsurvey: {novelty: {labels: [a, b, c]}}\n");
    expect(labels.ok ? "" : labels.error).toMatch(/^study file field "survey.novelty.labels/);
  });
});
