import { describe, expect, it } from "vitest";
import { SignInThrottle, throttleKeys } from "./sign-in-throttle";

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("SignInThrottle", () => {
  it("checks the first five attempts; after five failures the 6th waits 2 s, then 4 s, 8 s", () => {
    const c = clock();
    const th = new SignInThrottle({ now: c.now });
    const keys = throttleKeys("Alice@Example.org", "10.0.0.1");
    for (let i = 0; i < 4; i++) {
      expect(th.waitMs(keys)).toBe(0);
      th.recordFailure(keys);
    }
    expect(th.waitMs(keys)).toBe(0); // four failures: the 5th attempt is still checked
    th.recordFailure(keys); // 5th failure
    expect(th.waitMs(keys)).toBe(2_000); // the 6th attempt waits
    c.advance(2_000);
    th.recordFailure(keys); // 6th
    expect(th.waitMs(keys)).toBe(4_000);
    c.advance(4_000);
    th.recordFailure(keys); // 7th
    expect(th.waitMs(keys)).toBe(8_000);
  });

  it("counts the account whatever the address or letter case, and the address across accounts", () => {
    const c = clock();
    const th = new SignInThrottle({ now: c.now, freeFailures: 2 });
    th.recordFailure(throttleKeys("bob@x.org", "1.1.1.1"));
    th.recordFailure(throttleKeys("BOB@x.org", "2.2.2.2"));
    expect(th.waitMs(throttleKeys("bob@x.org", "3.3.3.3"))).toBe(2_000);
    expect(th.waitMs(throttleKeys("carol@x.org", "1.1.1.1"))).toBe(0); // one failure from 1.1.1.1 only
    th.recordFailure(throttleKeys("dave@x.org", "1.1.1.1"));
    expect(th.waitMs(throttleKeys("erin@x.org", "1.1.1.1"))).toBe(2_000);
  });

  it("forgets failures after the window and on success, and caps the delay", () => {
    const c = clock();
    const th = new SignInThrottle({ now: c.now, freeFailures: 1, baseDelayMs: 1_000, maxDelayMs: 5_000, windowMs: 60_000 });
    const keys = throttleKeys("a@b.c", null);
    for (let i = 0; i < 10; i++) th.recordFailure(keys);
    expect(th.waitMs(keys)).toBe(5_000);
    c.advance(61_000);
    expect(th.waitMs(keys)).toBe(0);
    th.recordFailure(keys);
    expect(th.waitMs(keys)).toBe(1_000); // freeFailures 1: the first failure makes the next attempt wait baseDelay
    th.recordSuccess(keys);
    expect(th.waitMs(keys)).toBe(0);
  });
});
