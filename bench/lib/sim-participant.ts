// A simulated participant driving the same participant API the browser uses (docs/api.md):
// join, consent, profile, instructions, then every round until done. Network errors and 5xx
// answers are retried with the SAME requestId, the way the page retries, so a retried answer
// must be stored once. Every answer the server acknowledged is recorded for later checks.
import crypto from "node:crypto";
import { sleep } from "./app-server";

export interface TAck {
  pid: string;
  trialId: string;
  round: number;
  requestId: string;
  answer: unknown;
}

export interface TSimStats {
  answerLatenciesMs: number[];
  requests: number;
  retries: number;
  errors: Map<string, number>;
}

export function newStats(): TSimStats {
  return { answerLatenciesMs: [], requests: 0, retries: 0, errors: new Map() };
}

interface TState {
  step: string;
  study: { mode: string };
  progress: { round: number; total: number; answered: number };
  trial?: { trialId: string; round: number; responses: { position: string }[] } | null;
}

export interface TSimOptions {
  baseUrl: () => string;
  slug: string;
  pid: string;
  stats: TSimStats;
  onAck?: (ack: TAck) => void;
  /** How long to keep retrying one request while the server is down, ms. */
  retryForMs?: number;
  /** Deterministic answers per participant. */
  rng?: () => number;
}

export class SimParticipant {
  private token = "";
  readonly acks: TAck[] = [];
  /** The rounds the server showed, in order (a resumed session must continue at the right one). */
  readonly roundsSeen: number[] = [];

  constructor(private readonly o: TSimOptions) {}

  private async call(method: "GET" | "POST", path: string, body?: unknown, measure?: number[]): Promise<TState & { token?: string }> {
    const deadline = Date.now() + (this.o.retryForMs ?? 120_000);
    for (let attempt = 0; ; attempt++) {
      const t0 = performance.now();
      let status = 0;
      let text = "";
      try {
        this.o.stats.requests++;
        const res = await fetch(`${this.o.baseUrl()}/api/s/${this.o.slug}/${path}`, {
          method,
          headers: { "content-type": "application/json", ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        text = await res.text();
        status = res.status; // only once the whole body arrived: a reply cut off mid-body counts as no reply
      } catch (err) {
        status = 0;
        text = (err as Error).name;
      }
      if (status >= 200 && status < 300) {
        measure?.push(performance.now() - t0);
        return JSON.parse(text);
      }
      const key = status === 0 ? `network ${text}` : `HTTP ${status}`;
      this.o.stats.errors.set(key, (this.o.stats.errors.get(key) ?? 0) + 1);
      // 4xx are answers, not faults: the caller decides (e.g. 409 after a lost acknowledgement).
      if (status >= 400 && status < 500) throw new SimHttpError(status, text);
      if (Date.now() > deadline) throw new Error(`${method} ${path}: gave up after ${attempt + 1} attempts (${key})`);
      this.o.stats.retries++;
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }

  async run(): Promise<TState> {
    const rng = this.o.rng ?? Math.random;
    const joined = await this.call("POST", "join", { prolificPid: this.o.pid });
    this.token = joined.token!;
    let state: TState = (joined as unknown as { state: TState }).state;
    for (let guard = 0; guard < 10_000; guard++) {
      switch (state.step) {
        case "consent":
          state = await this.call("POST", "consent", { consent: true });
          break;
        case "profile":
          state = await this.call("POST", "profile", { expertise: ["Amateur", "Intermediate", "Expert"][Math.floor(rng() * 3)] });
          break;
        case "instructions":
          state = await this.call("POST", "instructions", {});
          break;
        case "trial": {
          const trial = state.trial!;
          this.roundsSeen.push(trial.round);
          const answer = pickAnswer(state.study.mode, trial.responses.map((r) => r.position), rng);
          const requestId = crypto.randomUUID();
          const body = { trialId: trial.trialId, answer, requestId, timeOnItemMs: 4000 + Math.floor(rng() * 20_000), listenedMs: 10_000 };
          try {
            state = await this.call("POST", "answer", body, this.o.stats.answerLatenciesMs);
          } catch (err) {
            // The answer may have been stored before the server died: the state says where we are.
            if (!(err instanceof SimHttpError) || err.status !== 409) throw err;
            state = await this.call("GET", "state");
            if (state.step === "trial" && state.trial?.trialId === trial.trialId) throw err;
          }
          const ack = { pid: this.o.pid, trialId: trial.trialId, round: trial.round, requestId, answer };
          this.acks.push(ack);
          this.o.onAck?.(ack);
          break;
        }
        default:
          return state;
      }
    }
    throw new Error("participant did not finish");
  }
}

export class SimHttpError extends Error {
  constructor(readonly status: number, body: string) {
    super(`HTTP ${status}: ${body.slice(0, 200)}`);
  }
}

function pickAnswer(mode: string, positions: string[], rng: () => number): unknown {
  if (mode === "listwise") {
    const order = [...positions];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  }
  return ["A", "B", "both_good", "both_bad"][Math.floor(rng() * 4)];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
