import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRng, newSeed, sfc32, shuffle } from "./rng";

describe("sfc32", () => {
  it("matches outputs worked out by hand from state (0,0,0,1)", () => {
    // step 1: t=0+0+1=1; step 2: t=0+0+2=2 (b becomes 9, c becomes 2^21+2);
    // step 3: t=0+9+3=12; step 4: a=9, b=9*(2^21+2)=18874386, d=4 → t=18874399
    const g = sfc32(0, 0, 0, 1);
    expect([g(), g(), g(), g()]).toEqual([1, 2, 12, 18874399]);
  });
});

describe("createRng", () => {
  it("seeds sfc32 with the first four big-endian words of sha256(seed NUL stream)", () => {
    const h = createHash("sha256").update("abc\u0000items").digest();
    const g = sfc32(h.readUInt32BE(0), h.readUInt32BE(4), h.readUInt32BE(8), h.readUInt32BE(12));
    const rng = createRng("abc", "items");
    for (let i = 0; i < 5; i++) expect(rng.next()).toBe(g() / 2 ** 32);
  });

  it("replays the same sequence for the same seed and stream", () => {
    const a = createRng("0123456789abcdef", "positions");
    const b = createRng("0123456789abcdef", "positions");
    const xs = Array.from({ length: 50 }, () => a.int(1000));
    expect(Array.from({ length: 50 }, () => b.int(1000))).toEqual(xs);
  });

  it("gives different sequences for different streams and seeds", () => {
    const draw = (seed: string, stream?: string) => {
      const r = createRng(seed, stream);
      return Array.from({ length: 8 }, () => r.next());
    };
    expect(draw("s", "a")).not.toEqual(draw("s", "b"));
    expect(draw("s1")).not.toEqual(draw("s2"));
    expect(draw("s")).toEqual(draw("s", ""));
  });

  it("keeps next() in [0,1) and int(n) in [0,n), roughly uniform", () => {
    const rng = createRng("uniform");
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      counts[rng.int(4)]++;
    }
    // expected 10000 each; sd ≈ 87, so ±500 is > 5 sd
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
    expect(rng.int(1)).toBe(0);
  });

  it("rejects a non-positive or fractional bound", () => {
    const rng = createRng("x");
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });
});

describe("newSeed", () => {
  it("returns 16 hex characters, different each call", () => {
    const a = newSeed();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(newSeed()).not.toBe(a);
  });
});

describe("shuffle", () => {
  it("returns a new permutation and leaves the input untouched", () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(createRng("p"), input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort((x, y) => x - y)).toEqual(input);
    expect(shuffle(createRng("p"), input)).toEqual(out);
  });

  it("is Fisher–Yates: swaps position i with rng.int(i+1), from the end", () => {
    // scripted rng: draws j = 0 for i=3, 1 for i=2, 0 for i=1
    const draws = [0, 1, 0];
    const rng = { next: () => 0, int: () => draws.shift()! };
    // [a,b,c,d] → i=3,j=0: [d,b,c,a] → i=2,j=1: [d,c,b,a] → i=1,j=0: [c,d,b,a]
    expect(shuffle(rng, ["a", "b", "c", "d"])).toEqual(["c", "d", "b", "a"]);
  });

  it("puts each element first about equally often", () => {
    const rng = createRng("first");
    const firsts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) firsts[shuffle(rng, [0, 1, 2])[0]]++;
    for (const c of firsts) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });
});
