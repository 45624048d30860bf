// Benchmark: the platform's added latency to the first streamed token of a chat reply. The same fake
// OpenAI-compatible server (fixed 150 ms before it answers, then a streamed reply) is asked directly,
// and through the participant message route of the built app under `next start` (auth, zod, locked
// insert of the user turn and the streaming reply row, facts prompt, then the upstream call). Needs `npm run build`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { chooseClip } from "@/db/queries/chat/choose-clip";
import { getParticipantState } from "@/db/queries/participants/get-participant-state";
import { joinStudy } from "@/db/queries/participants/join-study";
import { recordConsent, recordInstructionsRead, recordProfile } from "@/db/queries/participants/record-step";
import { createResearcher } from "@/db/queries/researchers/create-researcher";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { synthClip } from "@/lib/audio/synth";
import { storeUploadedAudio } from "@/lib/audio/upload";
import { encodeWav } from "@/lib/audio/wav";
import { resetEnvCache } from "@/lib/env";
import { startFakeOpenAI } from "@/lib/testing/fake-openai";
import { ZStudyConfig, loadTemplate } from "@/studies/registry";

const N = Number(process.env.BENCH_N ?? 30);
const LATENCY_MS = 150;
const PORT = Number(process.env.BENCH_PORT ?? 3299);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** ms from sending the request to the first chunk whose text contains `marker`. */
async function timeToFirst(url: string, init: RequestInit, marker: RegExp): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let first = -1;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (first < 0 && marker.test(text)) first = performance.now() - t0;
  }
  if (first < 0) throw new Error(`${url}: no token in ${text.slice(0, 300)}`);
  return first;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mixstudy-bench-chat-"));
  process.env.MIXSTUDY_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  resetEnvCache();
  const fake = await startFakeOpenAI({ latencyMs: LATENCY_MS, script: () => ({ stream: ["Cut ", "a little ", "at 300 Hz."] }) });
  let server: ReturnType<typeof spawn> | null = null;
  try {
    // A live chat study on a text endpoint (the fake), and one participant at the chat step with a clip.
    const r = await createResearcher({ email: "bench@example.test", name: "bench", password: "bench-password-1" });
    const base = loadTemplate("mixassist-live-chat");
    const config = ZStudyConfig.parse({ ...base, assistant: { backend: "openai-text", baseUrl: fake.url, model: "fake-model" }, chat: { ...("chat" in base ? base.chat : {}), timeBudgetMinutes: 240, maxMessagesPerMinute: 600 } });
    const study = await createStudy({ researcherId: r.id, config });
    await publishStudy({ studyId: study.id, researcherId: r.id });
    const joined = await joinStudy({ slug: study.slug });
    await recordConsent({ participantId: joined.participantId });
    await recordProfile({ participantId: joined.participantId, expertise: "Expert" });
    await recordInstructionsRead({ participantId: joined.participantId });
    await getParticipantState({ participantId: joined.participantId, config });
    const clip = synthClip({ seconds: 10, seed: 3 });
    const stored = await storeUploadedAudio(await getDb(), encodeWav({ sampleRate: clip.sampleRate, channels: clip.channels }), { maxBytes: 50e6, maxDurationS: 600 });
    await chooseClip({ participantId: joined.participantId, clipHash: stored.hash, timeBudgetMinutes: 240 });
    await closeDb();

    server = spawn(process.execPath, ["scripts/start.mjs"], { env: { ...process.env, PORT: String(PORT), MIXSTUDY_DATA_DIR: dataDir, MIXSTUDY_SEED_DEMO: "0" }, stdio: ["ignore", "ignore", "inherit"] });
    const origin = `http://127.0.0.1:${PORT}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("the app did not start within 60 s");
      if (await fetch(`${origin}/`).then((res) => res.ok, () => false)) break;
      await new Promise((res) => setTimeout(res, 100));
    }

    const direct: number[] = [];
    const platform: number[] = [];
    const directInit = () => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "fake-model", stream: true, messages: [{ role: "system", content: "You are a mixing engineer." }, { role: "user", content: "Is it muddy?" }] }),
    });
    const platformInit = () => ({
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${joined.token}` },
      body: JSON.stringify({ requestId: crypto.randomUUID(), text: "Is it muddy?" }),
    });
    // One warm-up each (JIT, route compilation, connection set-up), not counted.
    await timeToFirst(`${fake.url}/chat/completions`, directInit(), /"content":"[^"]/);
    await timeToFirst(`${origin}/api/s/${study.slug}/chat/message`, platformInit(), /event: delta/);
    for (let i = 0; i < N; i++) {
      direct.push(await timeToFirst(`${fake.url}/chat/completions`, directInit(), /"content":"[^"]/));
      platform.push(await timeToFirst(`${origin}/api/s/${study.slug}/chat/message`, platformInit(), /event: delta/));
    }
    const d = median(direct);
    const p = median(platform);
    console.log(`time to first streamed token, median of ${N} (fake server answers after ${LATENCY_MS} ms):`);
    console.log(`  directly from the fake server:           ${d.toFixed(1)} ms`);
    console.log(`  through the platform's message route:    ${p.toFixed(1)} ms`);
    console.log(`  added by the platform: ${(p - d).toFixed(1)} ms (ratio ${(p / d).toFixed(2)}x)`);
  } finally {
    if (server?.pid) {
      server.kill("SIGTERM");
      await new Promise((res) => server!.once("exit", res));
    }
    await fake.close();
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
