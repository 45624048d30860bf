// What an edit does to a study, by its status: a draft is edited in place, a live study gets a new frozen version, a closed one refuses.
import { canonicalJson } from "./config-hash";

/** The fields of a config that a live study keeps (criteria: rating studies): changing them would make earlier and later answers incomparable. */
export const FROZEN_WHEN_LIVE = ["mode", "design", "systems", "criteria"] as const;

export type TConfigChange =
  | { kind: "unchanged" }
  | { kind: "draft-edit"; hash: string }
  | { kind: "new-version"; version: number; hash: string }
  | { kind: "refused"; reason: string; frozen?: string[] };

/**
 * Decides what saving `next` over `current` does. `hashes` are the canonical-JSON hashes of the two configs
 * (lib/lifecycle/config-hash.ts), `version` the study's version in force. Pure: the caller stores the outcome.
 */
export function planConfigChange({ status, version, current, next, currentHash, nextHash }: {
  status: string;
  version: number;
  current: Record<string, unknown>;
  next: Record<string, unknown>;
  currentHash: string;
  nextHash: string;
}): TConfigChange {
  if (status === "closed") return { kind: "refused", reason: "This study is closed: its configuration can no longer change. Duplicate it to run it again." };
  if (nextHash === currentHash) return { kind: "unchanged" };
  if (status === "draft") return { kind: "draft-edit", hash: nextHash };
  const frozen = FROZEN_WHEN_LIVE.filter((k) => canonicalJson(current[k] ?? null) !== canonicalJson(next[k] ?? null));
  if (frozen.length > 0) {
    return {
      kind: "refused",
      frozen: [...frozen],
      reason: `This study is live: its design, systems and criteria are frozen (changed: ${frozen.join(", ")}). Duplicate it to change them.`,
    };
  }
  return { kind: "new-version", version: version + 1, hash: nextHash };
}
