// Session flags computed when a participant finishes: rounds answered too fast, and straight-lining.

/** One data-quality flag as stored in participants.flags. */
export type TQualityFlag =
  | { kind: "attention_failed"; round: number; at: string }
  | { kind: "too_fast"; count: number; rounds: number; minSeconds: number; at: string }
  | { kind: "straight_lining"; position: string; rounds: number; at: string };

export interface TFlagRound {
  /** What was clicked: "A", "both_bad", "B>A>C", or a rating's canonical per-position answer. */
  answerPosition: string;
  timeOnItemMs: number | null;
}

/**
 * "too_fast" when more than `share` of the rounds took less than `minSeconds` (a round without a
 * measured time is not counted as fast). Null when the rule is off or met.
 */
export function tooFastFlag(rounds: readonly TFlagRound[], { minSeconds, share }: { minSeconds: number | null; share: number }): { count: number; rounds: number; minSeconds: number } | null {
  if (minSeconds === null || rounds.length === 0) return null;
  const count = rounds.filter((r) => r.timeOnItemMs !== null && r.timeOnItemMs < minSeconds * 1000).length;
  return count / rounds.length > share ? { count, rounds: rounds.length, minSeconds } : null;
}

/**
 * "straight_lining" when at least `minRounds` rounds all have the same answer position (always
 * "A", always the ranking A>B>C, always the same ratings at the same positions). Null otherwise.
 */
export function straightLiningFlag(rounds: readonly TFlagRound[], { minRounds }: { minRounds: number | null }): { position: string; rounds: number } | null {
  if (minRounds === null || rounds.length < minRounds) return null;
  const first = rounds[0].answerPosition;
  return rounds.every((r) => r.answerPosition === first) ? { position: first, rounds: rounds.length } : null;
}

/** The flags a finished session earns, stamped with `at`. */
export function finishFlags(
  rounds: readonly TFlagRound[],
  rules: { minSecondsPerTrial: number | null; tooFastShare: number; straightLiningMinRounds: number | null },
  at: string,
): TQualityFlag[] {
  const out: TQualityFlag[] = [];
  const fast = tooFastFlag(rounds, { minSeconds: rules.minSecondsPerTrial, share: rules.tooFastShare });
  if (fast) out.push({ kind: "too_fast", ...fast, at });
  const same = straightLiningFlag(rounds, { minRounds: rules.straightLiningMinRounds });
  if (same) out.push({ kind: "straight_lining", ...same, at });
  return out;
}
