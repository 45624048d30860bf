// A local fake OpenAI-compatible chat-completions server for tests and benchmarks: scripted replies, errors, hangs and SSE streams.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type TUsage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

export type TRecordedRequest = {
  method: string;
  /** Path without the query string, e.g. "/v1/chat/completions". */
  path: string;
  /** Lower-cased header names; an authorization value is replaced by "[redacted]". */
  headers: Record<string, string>;
  /** The parsed JSON body; the raw text when it is not JSON; null when there is none. */
  body: unknown;
  /** Date.now() when the request's body had arrived. */
  at: number;
};

export type TFakeReply =
  | { content: string; usage?: Partial<TUsage> }
  | { status: 429 | 500 | 503; body?: unknown; retryAfterSeconds?: number }
  | { hang: true }
  | {
      /** Text pieces, one SSE chunk each (a non-streaming request gets them joined). */
      stream: string[];
      /** Sent as the last chunk when the request asks for `stream_options.include_usage`; estimated when absent. */
      usage?: Partial<TUsage>;
      /** Send the first N pieces, then nothing more until close(): 0 stalls before the first token (headers already sent). */
      stallAfter?: number;
      /** Pause between streamed pieces, to look like generation. */
      chunkDelayMs?: number;
    }
  | { empty: true };

export type TFakeOpenAIOptions = {
  /** Decides the reply to each valid chat-completions request; callIndex counts those from 0. */
  script?: (req: TRecordedRequest, callIndex: number) => TFakeReply | Promise<TFakeReply>;
  /** Delay before every answer, to look like a model thinking. */
  latencyMs?: number;
  /** When set, requests need `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
};

export type TFakeOpenAI = {
  /** Base URL to hand to a client: http://127.0.0.1:<port>/v1 */
  url: string;
  /** Every request received, in arrival order, including rejected ones. */
  requests: TRecordedRequest[];
  /** Stops the server and destroys open sockets, hanging requests included. */
  close(): Promise<void>;
};

export const FAKE_MODEL = "fake-model";
export const DEFAULT_FAKE_CONTENT = '{"rank_1": "A", "rank_2": "B", "rank_3": "C"}';
const defaultScript = (): TFakeReply => ({ content: DEFAULT_FAKE_CONTENT });

const ROLES = ["system", "developer", "user", "assistant", "tool"];
const AUDIO_FORMATS = ["wav", "mp3"];

type TOpenAIErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };
const errorBody = (message: string, type: string, code: string | null = null, param: string | null = null): TOpenAIErrorBody => ({
  error: { message, type, param, code },
});

/** Checks a chat-completions body the way a real server does; returns the first problem, or null. */
export function validateChatRequest(body: unknown): { message: string; param: string | null } | null {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return { message: "We could not parse the JSON body of your request.", param: null };
  const b = body as Record<string, unknown>;
  if (typeof b.model !== "string" || b.model === "") return { message: "you must provide a model parameter", param: "model" };
  if (!Array.isArray(b.messages) || b.messages.length === 0) return { message: "'messages' must be a non-empty array", param: "messages" };
  for (const [i, m] of b.messages.entries()) {
    const param = `messages[${i}]`;
    if (m === null || typeof m !== "object") return { message: `${param} must be an object`, param };
    const { role, content } = m as Record<string, unknown>;
    if (typeof role !== "string" || !ROLES.includes(role)) return { message: `${param}.role must be one of ${ROLES.join(", ")}`, param: `${param}.role` };
    if (typeof content === "string") continue;
    if (!Array.isArray(content)) return { message: `${param}.content must be a string or an array of content parts`, param: `${param}.content` };
    for (const [j, part] of content.entries()) {
      const problem = validatePart(part, `${param}.content[${j}]`);
      if (problem) return problem;
    }
  }
  if (b.temperature !== undefined && (typeof b.temperature !== "number" || b.temperature < 0 || b.temperature > 2)) {
    return { message: "temperature must be a number between 0 and 2", param: "temperature" };
  }
  if (b.stream !== undefined && b.stream !== null && typeof b.stream !== "boolean") return { message: "stream must be a boolean", param: "stream" };
  return null;
}

function validatePart(part: unknown, param: string): { message: string; param: string } | null {
  if (part === null || typeof part !== "object") return { message: `${param} must be an object`, param };
  const p = part as Record<string, unknown>;
  if (p.type === "text") return typeof p.text === "string" ? null : { message: `${param}.text must be a string`, param: `${param}.text` };
  if (p.type === "input_audio") {
    const a = p.input_audio as Record<string, unknown> | undefined;
    if (!a || typeof a.data !== "string" || a.data === "") return { message: `${param}.input_audio.data must be a base64 string`, param: `${param}.input_audio.data` };
    if (typeof a.format !== "string" || !AUDIO_FORMATS.includes(a.format)) return { message: `${param}.input_audio.format must be "wav" or "mp3"`, param: `${param}.input_audio.format` };
    return null;
  }
  if (p.type === "audio_url") {
    const a = p.audio_url as Record<string, unknown> | undefined;
    return a && typeof a.url === "string" && a.url !== "" ? null : { message: `${param}.audio_url.url must be a string`, param: `${param}.audio_url.url` };
  }
  return { message: `${param}.type must be "text", "input_audio" or "audio_url"`, param: `${param}.type` };
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeOpenAI({ script = defaultScript, latencyMs = 0, apiKey }: TFakeOpenAIOptions = {}): Promise<TFakeOpenAI> {
  const requests: TRecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let calls = 0;
  let seq = 0;

  const wait = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0];
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      headers[k] = k === "authorization" ? "[redacted]" : Array.isArray(v) ? v.join(", ") : v;
    }
    let body: unknown = null;
    let jsonOk = true;
    if (raw !== "") {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        // Kept as text so a test can see what was sent; answered below with a 400.
        body = raw;
        jsonOk = false;
      }
    }
    const recorded: TRecordedRequest = { method: req.method ?? "", path, headers, body, at: Date.now() };
    requests.push(recorded);

    if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, errorBody("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
    }
    if (req.method === "GET" && path === "/v1/models") {
      return sendJson(res, 200, { object: "list", data: [{ id: FAKE_MODEL, object: "model", created: 0, owned_by: "fake-openai" }] });
    }
    if (path !== "/v1/chat/completions") return sendJson(res, 404, errorBody(`Unknown request URL: ${req.method} ${path}.`, "invalid_request_error", "unknown_url"));
    if (req.method !== "POST") return sendJson(res, 405, errorBody(`Method ${req.method} not allowed.`, "invalid_request_error"));

    const problem = jsonOk ? validateChatRequest(body) : { message: "We could not parse the JSON body of your request.", param: null };
    if (problem) return sendJson(res, 400, errorBody(problem.message, "invalid_request_error", "invalid_value", problem.param));

    const chat = body as { model: string; messages: { content: unknown }[]; stream?: boolean };
    let reply: TFakeReply;
    try {
      reply = await script(recorded, calls++);
    } catch (e) {
      return sendJson(res, 500, errorBody(`fake-openai script threw: ${e instanceof Error ? e.message : String(e)}`, "fake_script_error"));
    }
    await wait(latencyMs);
    if ("hang" in reply) return; // answered never; close() destroys the socket
    if ("status" in reply) {
      const type = reply.status === 429 ? "requests" : "server_error";
      const code = reply.status === 429 ? "rate_limit_exceeded" : null;
      const message = reply.status === 429 ? "Rate limit reached for requests." : reply.status === 503 ? "The server is overloaded." : "The server had an error while processing your request.";
      const extra: Record<string, string> = reply.retryAfterSeconds !== undefined ? { "retry-after": String(reply.retryAfterSeconds) } : {};
      return sendJson(res, reply.status, reply.body ?? errorBody(message, type, code), extra);
    }

    const id = `chatcmpl-fake-${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    const pieces = "stream" in reply ? reply.stream : ["content" in reply ? reply.content : ""];
    const content = pieces.join("");
    const prompt = estimateTokens(chat.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join(" "));
    const completion = estimateTokens(content);
    const usage: TUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, ...("usage" in reply ? reply.usage : {}) };
    if (chat.stream === true) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: chat.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: "assistant", content: "" }, null));
      const stallAfter = "stream" in reply ? reply.stallAfter : undefined;
      const chunkDelayMs = "stream" in reply ? (reply.chunkDelayMs ?? 0) : 0;
      for (const [i, piece] of pieces.entries()) {
        if (stallAfter !== undefined && i >= stallAfter) return; // never finishes; close() destroys the socket
        if (i > 0) await wait(chunkDelayMs);
        if (res.destroyed) return;
        res.write(chunk({ content: piece }, null));
      }
      if (stallAfter !== undefined && stallAfter >= pieces.length) return;
      res.write(chunk({}, "stop"));
      const wantsUsage = (body as { stream_options?: { include_usage?: unknown } }).stream_options?.include_usage === true;
      if (wantsUsage) res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: chat.model, choices: [], usage })}\n\n`);
      res.end("data: [DONE]\n\n");
      return;
    }
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model: chat.model,
      choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage,
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // Reading the body fails when close() destroys the socket mid-request; nothing is left to answer.
      if (!res.destroyed) sendJson(res, 500, errorBody(`fake-openai: ${e instanceof Error ? e.message : String(e)}`, "server_error"));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    // Idempotent: a test may close the server itself before the per-test cleanup does.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      })),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** About four characters a token, enough for usage numbers that look right. */
const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/**
 * For a test file: `const fakes = fakeOpenAIPerTest(afterEach)` then `await fakes.start(opts)`;
 * the server started in a test is closed after it.
 */
export function fakeOpenAIPerTest(afterEach: (fn: () => Promise<void>) => void) {
  let fake: TFakeOpenAI | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });
  return {
    async start(opts: TFakeOpenAIOptions = {}) {
      fake = await startFakeOpenAI(opts);
      return fake;
    },
  };
}
