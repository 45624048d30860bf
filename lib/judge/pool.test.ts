import { describe, expect, it } from "vitest";
import { AbortedError, runPool, sleep, untilAborted } from "./pool";

describe("runPool", () => {
  it("keeps at most `concurrency` workers in flight and visits every item once, in order of start", async () => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    await runPool([...Array(20).keys()], 4, async (i) => {
      started.push(i);
      peak = Math.max(peak, ++inFlight);
      await sleep(5 + (i % 3) * 3);
      inFlight--;
    });
    expect(peak).toBe(4);
    expect(started).toEqual([...Array(20).keys()]);
  });

  it("takes no new item once the signal aborts", async () => {
    const c = new AbortController();
    const done: number[] = [];
    await runPool([...Array(10).keys()], 2, async (i) => {
      await sleep(5);
      done.push(i);
      if (i === 3) c.abort();
    }, c.signal);
    expect(done.length).toBeLessThanOrEqual(5);
  });

  it("rethrows the first worker error after the others settle", async () => {
    await expect(runPool([1, 2, 3], 2, async (i) => { if (i === 2) throw new Error("boom"); })).rejects.toThrow("boom");
  });

  it("untilAborted and sleep reject at once on abort", async () => {
    const c = new AbortController();
    const p = untilAborted(new Promise(() => undefined), c.signal);
    const s = sleep(10_000, c.signal);
    c.abort("stop");
    await expect(p).rejects.toBeInstanceOf(AbortedError);
    await expect(s).rejects.toBeInstanceOf(AbortedError);
  });
});
