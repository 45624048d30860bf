// Which sessions a table or export leaves out (?flagged=...), and the sentence that says so.
import { z } from "zod";

/**
 * - "standard" (the default): leave out excluded sessions (a failed attention check under onFail
 *   "exclude") and screened-out ones; keep sessions that are merely flagged;
 * - "exclude": also leave out every flagged session (too fast, straight-lining, any failed check);
 * - "include": every session.
 */
export const ZFlaggedPolicy = z.enum(["standard", "exclude", "include"]).default("standard");
export type TFlaggedPolicy = z.infer<typeof ZFlaggedPolicy>;

export interface TSessionQuality {
  status: string;
  excludedAt: Date | string | null;
  flags: unknown;
}

function flagKinds(flags: unknown): string[] {
  return Array.isArray(flags) ? flags.flatMap((f) => (f && typeof (f as { kind?: unknown }).kind === "string" ? [(f as { kind: string }).kind] : [])) : [];
}

/** Whether a session leaves the tables under the policy (the SQL in db/queries/quality/session-filter.ts says the same). */
export function isLeftOut(policy: TFlaggedPolicy, s: TSessionQuality): boolean {
  if (policy === "include") return false;
  if (s.status === "screened_out" || s.excludedAt) return true;
  return policy === "exclude" && flagKinds(s.flags).length > 0;
}

/** The one reason given for a left-out session, most serious first. */
export function leftOutReason(s: TSessionQuality): string {
  const kinds = flagKinds(s.flags);
  if (s.status === "screened_out") return "screened out";
  if (kinds.includes("attention_failed")) return "failed attention check";
  if (s.excludedAt) return "excluded";
  if (kinds.includes("too_fast")) return "too fast";
  if (kinds.includes("straight_lining")) return "straight-lining";
  return "flagged";
}

const ORDER = ["screened out", "failed attention check", "excluded", "too fast", "straight-lining", "flagged"];

/**
 * "Excluded 2 of 12 sessions: 1 failed attention check, 1 screened out (flagged sessions included)."
 * Sessions are the study's participants who gave consent.
 */
export function exclusionStatement(policy: TFlaggedPolicy, sessions: readonly TSessionQuality[]): string {
  const total = sessions.length;
  const noun = (n: number) => `session${n === 1 ? "" : "s"}`;
  const flagged = sessions.filter((s) => flagKinds(s.flags).length > 0 || s.excludedAt || s.status === "screened_out").length;
  if (policy === "include") {
    return `Included all ${total} ${noun(total)}${flagged ? `, ${flagged} of them flagged, excluded or screened out` : ""} (flagged=include).`;
  }
  const out = sessions.filter((s) => isLeftOut(policy, s));
  const counts = new Map<string, number>();
  for (const s of out) counts.set(leftOutReason(s), (counts.get(leftOutReason(s)) ?? 0) + 1);
  const reasons = ORDER.filter((r) => counts.has(r)).map((r) => `${counts.get(r)} ${r}`).join(", ");
  const kept = policy === "standard" ? " Merely flagged sessions are included (flagged=standard)." : " Every flagged session is excluded (flagged=exclude).";
  return out.length === 0
    ? `Excluded 0 of ${total} ${noun(total)}.${kept}`
    : `Excluded ${out.length} of ${total} ${noun(total)}: ${reasons}.${kept}`;
}
