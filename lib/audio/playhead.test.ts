import { describe, expect, it } from "vitest";
import { formatClock, playheadAt, startPosition } from "./playhead";

describe("playheadAt", () => {
  const base = { startedAt: 100, startOffset: 2, duration: 10, loop: null };

  it("adds the elapsed audio-clock time to the start offset", () => {
    expect(playheadAt(base, 103.5)).toBeCloseTo(5.5, 12);
  });

  it("stays at the start offset before the scheduled start (sources start slightly ahead)", () => {
    expect(playheadAt(base, 99.97)).toBe(2);
  });

  it("stops at the end without a loop", () => {
    expect(playheadAt(base, 200)).toBe(10);
  });

  it("folds into the loop: start 1.0, loop [1, 3), 5.5 s later is 1 + (5.5 mod 2) = 2.5", () => {
    expect(playheadAt({ ...base, startOffset: 1, loop: { a: 1, b: 3 } }, 105.5)).toBeCloseTo(2.5, 12);
  });

  it("reaches the loop end from a start before it, then wraps: start 0.5, loop [1, 3), 3 s later is 1 + (3.5 − 1) mod 2 = 1.5", () => {
    expect(playheadAt({ ...base, startOffset: 0.5, loop: { a: 1, b: 3 } }, 102)).toBeCloseTo(2.5, 12);
    expect(playheadAt({ ...base, startOffset: 0.5, loop: { a: 1, b: 3 } }, 103)).toBeCloseTo(1.5, 12);
  });
});

describe("startPosition", () => {
  it("keeps an offset inside the clip", () => {
    expect(startPosition(4.2, 10, null)).toBe(4.2);
  });

  it("clamps below zero and starts over from the end", () => {
    expect(startPosition(-1, 10, null)).toBe(0);
    expect(startPosition(10, 10, null)).toBe(0);
    expect(startPosition(9.995, 10, null)).toBe(0);
  });

  it("moves an offset outside the loop to the loop's start", () => {
    expect(startPosition(0.5, 10, { a: 2, b: 4 })).toBe(2);
    expect(startPosition(4, 10, { a: 2, b: 4 })).toBe(2);
    expect(startPosition(3, 10, { a: 2, b: 4 })).toBe(3);
  });
});

describe("formatClock", () => {
  it("shows minutes, seconds and tenths, floored", () => {
    expect(formatClock(0)).toBe("0:00.0");
    expect(formatClock(9.6)).toBe("0:09.6");
    expect(formatClock(61.29)).toBe("1:01.2");
    expect(formatClock(-1)).toBe("0:00.0");
  });
});
