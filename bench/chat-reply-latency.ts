// Benchmark: what the chat library adds to the time to the first streamed token. The same local
// fake OpenAI-compatible server (fixed 50 ms "thinking" latency) is read twice per round: with a
// bare fetch of the SSE stream, and through streamAssistantReply (openai-text, facts in the
// system prompt; openai-audio, the clip's 30 s window as 16 kHz WAV — first call decodes and
// resamples, later calls hit the window cache). Median of 15 rounds each.
// Run: npx tsx --conditions react-server bench/chat-reply-latency.ts (the HTTP route's own figure: npm run bench:chat)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { writeAudioFile } from "../db/queries/audio/store-audio";
import { computeAudioFacts } from "../lib/audio/facts";
import { synthClip } from "../lib/audio/synth";
import { encodeWav } from "../lib/audio/wav";
import { ZChatAssistant } from "../lib/chat/config";
import { streamAssistantReply } from "../lib/chat/stream-reply";
import { resetEnvCache } from "../lib/env";
import { startFakeOpenAI } from "../lib/testing/fake-openai";

const ROUNDS = 15;
const LATENCY_MS = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function rawFirstToken(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "How is my mix?" }], stream: true }),
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  // The first chunk carries only the role; the first token is the first non-empty content.
  while (!/"content":"[^"]/.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended before a token");
    seen += decoder.decode(value);
  }
  const ms = performance.now() - t;
  await reader.cancel();
  return ms;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-bench-chat-"));
  process.env.MIXSTUDY_DATA_DIR = dataDir;
  resetEnvCache();
  const fake = await startFakeOpenAI({ latencyMs: LATENCY_MS, script: () => ({ stream: ["Cut ", "2 dB ", "at 300 Hz."] }) });
  try {
    const clip = synthClip({ seconds: 60, sampleRate: 48000, seed: 8 });
    const wav = encodeWav(clip);
    const hash = createHash("sha256").update(wav).digest("hex");
    writeAudioFile(hash, wav);
    const facts = computeAudioFacts(clip);
    const messages = [{ role: "user" as const, content: "How is my mix?" }];

    const viaLibrary = async (backend: "openai-text" | "openai-audio") => {
      const assistant = ZChatAssistant.parse({ backend, baseUrl: fake.url, model: "m" });
      const t = performance.now();
      const gen = streamAssistantReply({ assistant, facts, clip: { hash, windowStartMs: 15_000 }, messages });
      for await (const ev of gen) {
        if (ev.type === "delta") {
          const ms = performance.now() - t;
          await gen.return(undefined);
          return ms;
        }
      }
      throw new Error("no token");
    };

    await rawFirstToken(fake.url); // warm the connection path once
    const firstAudioCall = await viaLibrary("openai-audio"); // decode + resample + first request
    const raw: number[] = [];
    const text: number[] = [];
    const audio: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      raw.push(await rawFirstToken(fake.url));
      text.push(await viaLibrary("openai-text"));
      audio.push(await viaLibrary("openai-audio"));
    }
    const r = median(raw);
    console.log(`fake server latency ${LATENCY_MS} ms; median of ${ROUNDS} rounds; time to first streamed token`);
    console.log(`bare fetch of the SSE stream:                 ${r.toFixed(1)} ms`);
    console.log(`streamAssistantReply openai-text:             ${median(text).toFixed(1)} ms  (+${(median(text) - r).toFixed(1)} ms, ratio ${(median(text) / r).toFixed(2)})`);
    console.log(`streamAssistantReply openai-audio (cached):   ${median(audio).toFixed(1)} ms  (+${(median(audio) - r).toFixed(1)} ms, ratio ${(median(audio) / r).toFixed(2)}; ~1.3 MB base64 WAV per request)`);
    console.log(`openai-audio first call (decode 60 s clip + resample 30 s window): ${firstAudioCall.toFixed(1)} ms`);
  } finally {
    await fake.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
