import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "@/lib/random/rng";
import { counterbalance, orderSystems, pickItems } from "./assign";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `item-${String(i).padStart(3, "0")}`);

/** Participants arrive one after another; each takes `rounds` items, then the load is updated. */
function simulate(opts: { items: number; target: number | null; participants: number; rounds: number; seed: string }) {
  const itemIds = ids(opts.items);
  const load = new Map<string, number>();
  const sessions: string[][] = [];
  for (let p = 0; p < opts.participants; p++) {
    const got = pickItems({ itemIds, load, target: opts.target, rounds: opts.rounds, rng: createRng(opts.seed, `p${p}`) });
    for (const id of got) load.set(id, (load.get(id) ?? 0) + 1);
    sessions.push(got);
  }
  return { itemIds, load, sessions };
}

describe("pickItems", () => {
  it("pairwise design: 10 participants × 10 rounds over 100 items, target 1 → each item judged once", () => {
    const { itemIds, load, sessions } = simulate({ items: 100, target: 1, participants: 10, rounds: 10, seed: "pw" });
    expect(sessions.map((s) => s.length)).toEqual(Array(10).fill(10));
    for (const id of itemIds) expect(load.get(id)).toBe(1);
    expect(new Set(sessions.flat()).size).toBe(100);
  });

  it("listwise design: 25 items × target 4, 4 participants × 25 rounds → each item judged 4 times", () => {
    const { itemIds, load, sessions } = simulate({ items: 25, target: 4, participants: 4, rounds: 25, seed: "lw" });
    for (const id of itemIds) expect(load.get(id)).toBe(4);
    for (const s of sessions) expect(new Set(s).size).toBe(25);
  });

  it("target null: 4 participants × 25 rounds each see all 25 items", () => {
    const { itemIds, sessions } = simulate({ items: 25, target: null, participants: 4, rounds: 25, seed: "all" });
    for (const s of sessions) expect([...s].sort()).toEqual(itemIds);
  });

  it("a participant past the target gets nothing, and near the end only what is below target", () => {
    const { itemIds, load } = simulate({ items: 100, target: 1, participants: 10, rounds: 10, seed: "pw" });
    expect(pickItems({ itemIds, load, target: 1, rounds: 10, rng: createRng("late") })).toEqual([]);
    load.set("item-042", 0);
    load.set("item-007", 0);
    expect(pickItems({ itemIds, load, target: 1, rounds: 10, rng: createRng("late") }).sort()).toEqual(["item-007", "item-042"]);
  });

  it("gives the least-judged items first: 5 items, target 2, 3 participants × 3 rounds", () => {
    // p1 takes 3 of the 5 (loads 1,1,1,0,0); p2 must take both zeros + one of the ones
    // (→ 2,1,1,1,1); p3 takes three of the four at 1 (→ 2,2,2,2,1). Total 9.
    const { load, sessions } = simulate({ items: 5, target: 2, participants: 3, rounds: 3, seed: "least" });
    const [p1, p2] = sessions;
    const unseenAfterP1 = ids(5).filter((id) => !p1.includes(id));
    for (const id of unseenAfterP1) expect(p2).toContain(id);
    expect([...load.values()].sort()).toEqual([1, 2, 2, 2, 2]);
  });

  it("never repeats an excluded item and treats live trials as load", () => {
    const itemIds = ["a", "b", "c", "d"];
    const load = new Map([["a", 0], ["b", 1], ["c", 0]]); // d missing → 0
    const got = pickItems({ itemIds, load, target: 2, rounds: 2, exclude: new Set(["c"]), rng: createRng("x") });
    expect([...got].sort()).toEqual(["a", "d"]);
  });

  it("dedupes item ids and returns at most `rounds`", () => {
    const got = pickItems({ itemIds: ["a", "a", "b"], load: new Map(), target: null, rounds: 5, rng: createRng("d") });
    expect([...got].sort()).toEqual(["a", "b"]);
  });

  it("is reproducible for a fixed seed and varies with the seed", () => {
    const run = (seed: string) => simulate({ items: 100, target: 1, participants: 10, rounds: 10, seed }).sessions;
    expect(run("fixed")).toEqual(run("fixed"));
    expect(run("fixed")).not.toEqual(run("other"));
  });

  it("breaks ties with the rng: a scripted rng that never swaps keeps canonical order", () => {
    const identity: Rng = { next: () => 0, int: (m) => m - 1 }; // j = i → no swap
    const load = new Map([["a", 1], ["b", 0], ["c", 0], ["d", 1]]);
    expect(pickItems({ itemIds: ["a", "b", "c", "d"], load, target: null, rounds: 3, rng: identity })).toEqual(["b", "c", "a"]);
  });
});

describe("counterbalance", () => {
  const tally = (xs: number[], k: number) => Array.from({ length: k }, (_, o) => xs.filter((x) => x === o).length);

  it("10 trials over 2 positions → 5 and 5", () => {
    const offsets = counterbalance({ n: 10, positions: 2, rng: createRng("cb") });
    expect(offsets).toHaveLength(10);
    expect(tally(offsets, 2)).toEqual([5, 5]);
  });

  it("7 trials over 3 positions → 3, 2, 2", () => {
    expect(tally(counterbalance({ n: 7, positions: 3, rng: createRng("cb3") }), 3)).toEqual([3, 2, 2]);
  });

  it("is reproducible and shuffled by the rng", () => {
    const a = counterbalance({ n: 20, positions: 2, rng: createRng("s") });
    expect(counterbalance({ n: 20, positions: 2, rng: createRng("s") })).toEqual(a);
    const identity: Rng = { next: () => 0, int: (m) => m - 1 };
    expect(counterbalance({ n: 5, positions: 2, rng: identity })).toEqual([0, 1, 0, 1, 0]);
  });
});

describe("orderSystems", () => {
  it("two systems: offset 0 keeps canonical order, offset 1 swaps", () => {
    expect(orderSystems(["expert", "qwen-ft"], 0)).toEqual(["expert", "qwen-ft"]);
    expect(orderSystems(["expert", "qwen-ft"], 1)).toEqual(["qwen-ft", "expert"]);
  });

  it("three systems: Latin-square rotation, each system once per position over offsets 0..2", () => {
    const s = ["qwen", "ltu", "mu"];
    expect([0, 1, 2, 3].map((o) => orderSystems(s, o))).toEqual([
      ["qwen", "ltu", "mu"],
      ["ltu", "mu", "qwen"],
      ["mu", "qwen", "ltu"],
      ["qwen", "ltu", "mu"],
    ]);
  });
});
