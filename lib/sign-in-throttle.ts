// Slows down password guessing: after a few failures for one email (or from one address) within a
// window, every further attempt must wait, doubling each time. Kept in memory (one server process);
// a restart forgets it, which costs an attacker a restart of our server, not a bypass.
export interface TThrottleOptions {
  /** Failures (per key, within the window) after which every further attempt waits: 5 → the 6th attempt waits. */
  freeFailures: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  now: () => number;
}

const DEFAULTS: TThrottleOptions = { freeFailures: 5, windowMs: 15 * 60_000, baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, now: Date.now };

interface TEntry {
  failures: number;
  firstAt: number;
  blockedUntil: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, TEntry>();
  private readonly o: TThrottleOptions;

  constructor(options: Partial<TThrottleOptions> = {}) {
    this.o = { ...DEFAULTS, ...options };
  }

  /** Milliseconds the caller must still wait before any of these keys may try again (0 = go ahead). */
  waitMs(keys: string[]): number {
    const now = this.o.now();
    let wait = 0;
    for (const key of keys) {
      const e = this.live(key, now);
      if (e) wait = Math.max(wait, e.blockedUntil - now);
    }
    return Math.max(0, wait);
  }

  recordFailure(keys: string[]): void {
    const now = this.o.now();
    for (const key of keys) {
      const e = this.live(key, now) ?? { failures: 0, firstAt: now, blockedUntil: 0 };
      e.failures++;
      const over = e.failures - this.o.freeFailures; // 0 at the last free failure: the next attempt waits baseDelay
      if (over >= 0) e.blockedUntil = now + Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** over);
      this.entries.set(key, e);
    }
    if (this.entries.size > 50_000) this.sweep(now);
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  private live(key: string, now: number): TEntry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.firstAt > this.o.windowMs && now >= e.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(now: number): void {
    for (const key of [...this.entries.keys()]) this.live(key, now);
  }
}

/** The keys one attempt counts against: the account and the client address. */
export function throttleKeys(email: string, ip: string | null): string[] {
  return [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}
