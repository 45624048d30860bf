// Balanced assignment: which items a participant judges, and in which position each system is shown.
import { shuffle, type Rng } from "@/lib/random/rng";

export interface PickItemsInput {
  /** Every item of the study, canonical ids (duplicates are ignored). */
  itemIds: readonly string[];
  /** Per item: judgments saved + live (unexpired) trials. Missing ids count as 0. */
  load: ReadonlyMap<string, number>;
  /** Judgments wanted per item; null = every participant sees every item. */
  target: number | null;
  /** Rounds per participant: the most items returned. */
  rounds: number;
  /** Items this participant already holds; never given twice. */
  exclude?: ReadonlySet<string>;
  rng: Rng;
}

/**
 * Up to `rounds` distinct item ids, least-loaded first, ties broken by a seeded shuffle; the
 * returned order is the presentation order (the chosen set is shuffled again). Items whose load
 * has reached `target` are never given out, so fewer than `rounds` come back once the study is
 * nearly full — the caller decides whether that ends the session.
 */
export function pickItems({ itemIds, load, target, rounds, exclude, rng }: PickItemsInput): string[] {
  const loadOf = (id: string) => load.get(id) ?? 0;
  const open = [...new Set(itemIds)].filter(
    (id) => !exclude?.has(id) && (target === null || loadOf(id) < target),
  );
  // Array.prototype.sort is stable, so equal loads keep the shuffled (seeded) order.
  const chosen = shuffle(rng, open)
    .sort((a, b) => loadOf(a) - loadOf(b))
    .slice(0, Math.max(0, rounds));
  return shuffle(rng, chosen);
}

/**
 * Position offsets for `n` trials: offset k occurs floor(n/positions) or ceil(n/positions)
 * times (the first n mod positions offsets get the extra one), in a seeded random order.
 */
export function counterbalance({ n, positions, rng }: { n: number; positions: number; rng: Rng }): number[] {
  if (!Number.isInteger(positions) || positions < 1) throw new RangeError(`positions must be >= 1, got ${positions}`);
  return shuffle(rng, Array.from({ length: Math.max(0, n) }, (_, i) => i % positions));
}

/**
 * Systems in display order (index 0 = Response A) for a trial with `offset`.
 * `systems` is the canonical order. Latin-square rotation: position p shows
 * systems[(p + offset) mod k]. For two systems offset 0 = [s0, s1], 1 = [s1, s0]; for k > 2,
 * offsets 0..k-1 put every system in every position exactly once, which balances position
 * (not which system follows which — that would need a Williams design).
 */
export function orderSystems<T>(systems: readonly T[], offset: number): T[] {
  const k = systems.length;
  if (k === 0) return [];
  const o = ((offset % k) + k) % k;
  return systems.map((_, p) => systems[(p + o) % k]);
}

/**
 * The attention-check rounds that fit a session of `regular` rounds plus the gold ones: sorted,
 * distinct, and each at most regular + (gold rounds kept so far, itself included).
 * E.g. rounds [3, 8] with 5 regular rounds: 3 fits (3 <= 6), 8 does not (8 > 7) → [3].
 */
export function attentionRounds(rounds: readonly number[], regular: number): number[] {
  const kept: number[] = [];
  for (const r of [...new Set(rounds)].sort((a, b) => a - b)) if (r >= 1 && r <= regular + kept.length + 1) kept.push(r);
  return kept;
}

/** Gold items for `rounds` attention checks: distinct while they last (ones not yet held first), then repeated, in a seeded order. */
export function pickGold({ goldIds, rounds, exclude, rng }: { goldIds: readonly string[]; rounds: number; exclude?: ReadonlySet<string>; rng: Rng }): string[] {
  if (goldIds.length === 0 || rounds <= 0) return [];
  const fresh = shuffle(rng, goldIds.filter((id) => !exclude?.has(id)));
  const pool = [...fresh, ...shuffle(rng, goldIds.filter((id) => exclude?.has(id)))];
  return Array.from({ length: rounds }, (_, i) => pool[i % pool.length]);
}
