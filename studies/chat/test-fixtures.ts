// Integration-test fixtures for chat studies: a live chat study, a participant at the chat step, and calls to the chat routes.
import { vi } from "vitest";
import { newResearcher, readyParticipant } from "@/db/testing/study-fixtures";
import { createStudy } from "@/db/queries/studies/create-study";
import { publishStudy } from "@/db/queries/studies/update-study";
import { synthClip } from "@/lib/audio/synth";
import { encodeWav } from "@/lib/audio/wav";
import type { TChatAssistantInput } from "@/lib/chat/config";
import { ZStudyConfig, loadTemplate } from "../registry";
import type { TChatConfig } from "./config";
import { parseSse } from "./sse";

vi.mock("next-auth", () => ({ getServerSession: async () => null, default: () => undefined }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }), headers: async () => new Headers() }));

export const routes = {
  state: (await import("@/app/api/s/[slug]/state/route")).GET,
  message: (await import("@/app/api/s/[slug]/chat/message/route")).POST,
  retry: (await import("@/app/api/s/[slug]/chat/retry/route")).POST,
  stop: (await import("@/app/api/s/[slug]/chat/stop/route")).POST,
  finish: (await import("@/app/api/s/[slug]/chat/finish/route")).POST,
  upload: (await import("@/app/api/s/[slug]/chat/upload/route")).POST,
  clip: (await import("@/app/api/s/[slug]/chat/clip/route")).POST,
  window: (await import("@/app/api/s/[slug]/chat/window/route")).POST,
  survey: (await import("@/app/api/s/[slug]/chat/survey/route")).POST,
};

export function chatConfig(assistant: TChatAssistantInput = { backend: "builtin" }, chat: Partial<TChatConfig["chat"]> = {}): TChatConfig {
  const base = loadTemplate("mixassist-live-chat") as TChatConfig;
  return ZStudyConfig.parse({ ...base, assistant, chat: { ...base.chat, ...chat } }) as TChatConfig;
}

export async function liveChatStudy(config: TChatConfig) {
  const r = await newResearcher("chat");
  const study = await createStudy({ researcherId: r.id, config });
  await publishStudy({ studyId: study.id, researcherId: r.id });
  return { ...study, researcherId: r.id };
}

/** A participant at the chat step (consent, profile, instructions done), with a caller for each chat route. */
export async function chatParticipant(slug: string, expertise?: "Amateur" | "Intermediate" | "Expert") {
  const joined = await readyParticipant(slug);
  if (expertise) {
    const { recordProfile } = await import("@/db/queries/participants/record-step");
    await recordProfile({ participantId: joined.participantId, expertise });
  }
  const ctx = { params: Promise.resolve({ slug }) };
  const headers = { authorization: `Bearer ${joined.token}` };
  const url = (p: string) => `http://127.0.0.1:3000/api/s/${slug}${p}`;
  const post = (name: Exclude<keyof typeof routes, "state">, body: unknown, signal?: AbortSignal) =>
    routes[name](new Request(url(`/chat/${name}`), { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body), signal }), ctx);
  return {
    ...joined,
    state: async () => (await routes.state(new Request(url("/state"), { headers }), ctx)).json(),
    post,
    upload: (bytes: Buffer, name = "mix.wav") => {
      const form = new FormData();
      form.set("file", new File([new Uint8Array(bytes)], name, { type: "audio/wav" }));
      return routes.upload(new Request(url("/chat/upload"), { method: "POST", headers, body: form }), ctx);
    },
    /** Sends a message and reads the whole SSE reply. */
    send: async (text: string, requestId: string = crypto.randomUUID()) => {
      const res = await post("message", { requestId, text });
      return { res, events: res.ok ? parseSse(await res.text()) : [], requestId };
    },
  };
}

export function wavClip(seconds = 3, seed = 1): Buffer {
  const clip = synthClip({ seconds, seed, sampleRate: 16000 });
  return encodeWav({ sampleRate: clip.sampleRate, channels: clip.channels });
}
